import { MessageChannel, Worker } from 'node:worker_threads';
import type { Manifest } from '../../shared/api/schemas.ts';
import type { Database } from '../db/database.ts';
import { serveDatabase } from '../db/remote-database.ts';
import { maintainReportPartitions } from '../db/report-partitions.ts';
import type { PublicationWorkerData, WorkerReply, WorkerRequest } from './publication-worker.ts';
import { Publisher, type PublishResult } from './publisher.ts';
import type { SigningKey } from './signing-key.ts';

/** What the service and its routes need of publication, wherever it runs. */
export interface Publication {
  /** The manifest of the last version, or null before the first publication. */
  current(): Promise<Manifest | null>;
  /** Publishes now (serialised with the timer); resolves with the version made or the unchanged one. */
  publish(): Promise<PublishResult>;
  /** Files in line with the database (server/publish/publisher.ts `repairFiles`). */
  repairFiles(): Promise<boolean>;
  /** Publishes every `intervalMs`. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a running publication; ends the worker. */
  stop(): Promise<void>;
}

export interface PublicationRunnerOptions {
  dataDir: string;
  /** 'worker' (default): a worker thread publishes; 'thread': on the serving thread, as before (benchmarks). */
  mode?: 'worker' | 'thread';
  /** PostgreSQL URL and schema for the worker's own pool (ignored on PGlite). */
  databaseUrl?: string | undefined;
  schema?: string | undefined;
  deltaVersions?: number | undefined;
  now?: () => number;
  onError?: (error: unknown) => void;
}

const MANIFEST_CACHE_MS = 5000;

/**
 * Runs publications off the serving thread (issue 12: a publication over 5M reports stalled ingest for seconds).
 * The Publisher itself runs in a worker thread (server/publish/publication-worker.ts); this side keeps the timer,
 * serialises calls, answers `current()` from the database and repairs files, which are cheap. The worker is made
 * at the first publication and kept, so the Publisher's memory of the last version carries from one run to the
 * next; a worker that dies is replaced at the next run.
 */
export class PublicationRunner implements Publication {
  private readonly local: Publisher;
  private readonly mode: 'worker' | 'thread';
  private readonly now: () => number;
  private worker: {
    thread: Worker;
    stopServing: () => void;
    waiting: Map<number, (reply: WorkerReply | Error) => void>;
    exited: Promise<void>;
  } | null = null;
  private nextId = 1;
  private running: Promise<PublishResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private cached: Manifest | null = null;
  private cachedAt = 0;

  constructor(
    private readonly db: Database,
    key: SigningKey,
    private readonly options: PublicationRunnerOptions,
  ) {
    this.mode = options.mode ?? 'worker';
    this.now = options.now ?? Date.now;
    this.local = new Publisher(db, key, {
      dataDir: options.dataDir,
      deltaVersions: options.deltaVersions,
      now: this.now,
    });
  }

  async current(): Promise<Manifest | null> {
    if (this.mode === 'thread') return this.local.current();
    // Re-read now and then: another process (`vigie publish`, another instance) may publish.
    if (this.cachedAt > 0 && Date.now() - this.cachedAt < MANIFEST_CACHE_MS) return this.cached;
    const rows = await this.db.query<{ manifest: string }>(
      'SELECT manifest FROM list_versions ORDER BY version DESC LIMIT 1',
    );
    this.cached = rows[0] ? (JSON.parse(rows[0].manifest) as Manifest) : null;
    this.cachedAt = Date.now();
    return this.cached;
  }

  async repairFiles(): Promise<boolean> {
    this.cachedAt = 0;
    return this.local.repairFiles();
  }

  publish(): Promise<PublishResult> {
    const previous = this.running ?? Promise.resolve(null);
    const run = previous.catch(() => null).then(() => this.publishNow());
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  start(intervalMs: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.publish().catch((error: unknown) => this.options.onError?.(error));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
    await this.local.idle();
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.thread.postMessage({ type: 'close' } satisfies WorkerRequest);
      // The worker closes its pool and its port, then ends; a stuck one is ended after 10 s.
      const forced = setTimeout(() => void worker.thread.terminate(), 10_000);
      await worker.exited;
      clearTimeout(forced);
      worker.stopServing();
    }
  }

  private async publishNow(): Promise<PublishResult> {
    // Next months' partitions made ahead, months past the window dropped (server/db/report-partitions.ts). A
    // failure here must not stop the list from being published: reports of a missing month go to the default
    // partition meanwhile.
    await maintainReportPartitions(this.db, this.now()).catch((error: unknown) => this.options.onError?.(error));
    if (this.mode === 'thread') return this.local.publish();
    const worker = this.worker ?? this.startWorker();
    const id = this.nextId++;
    // Held open while it publishes (a `vigie` process must not exit mid-publication), not while it idles.
    worker.thread.ref();
    const reply = await new Promise<WorkerReply | Error>((resolve) => {
      worker.waiting.set(id, resolve);
      worker.thread.postMessage({ type: 'publish', id, now: this.now() } satisfies WorkerRequest);
    }).finally(() => worker.thread.unref());
    if (reply instanceof Error) throw reply;
    if (reply.type === 'failed') throw Object.assign(new Error(reply.message), { name: reply.name });
    this.cached = reply.result.manifest;
    this.cachedAt = Date.now();
    return reply.result;
  }

  private startWorker(): NonNullable<PublicationRunner['worker']> {
    let dbPort: MessageChannel | null = null;
    let stopServing = () => {};
    if (this.db.kind === 'pglite') {
      dbPort = new MessageChannel();
      stopServing = serveDatabase(this.db, dbPort.port1);
      // Like the worker, the port holds no process open by itself.
      dbPort.port1.unref();
    }
    const data: PublicationWorkerData = {
      dataDir: this.options.dataDir,
      kind: this.db.kind,
      databaseUrl: this.db.kind === 'postgres' ? (this.options.databaseUrl ?? process.env.DATABASE_URL ?? null) : null,
      schema: this.options.schema ?? null,
      deltaVersions: this.options.deltaVersions,
      dbPort: dbPort?.port2 ?? null,
    };
    const thread = new Worker(new URL('./publication-worker.mjs', import.meta.url), {
      workerData: data,
      transferList: dbPort ? [dbPort.port2] : [],
    });
    // The service's own close ends it; an idle worker never keeps a process (`vigie` commands, tests) alive.
    thread.unref();
    const waiting = new Map<number, (reply: WorkerReply | Error) => void>();
    const failAll = (error: Error) => {
      for (const settle of waiting.values()) settle(error);
      waiting.clear();
    };
    thread.on('message', (reply: WorkerReply) => {
      const settle = waiting.get(reply.id);
      waiting.delete(reply.id);
      settle?.(reply);
    });
    thread.on('error', (error) => failAll(error));
    const exited = new Promise<void>((resolve) =>
      thread.once('exit', (code) => {
        failAll(new Error(`publication worker ended (exit code ${code})`));
        dbPort?.port1.close();
        if (this.worker?.thread === thread) {
          this.worker = null;
          stopServing();
        }
        resolve();
      }),
    );
    const worker = { thread, stopServing, waiting, exited };
    this.worker = worker;
    return worker;
  }
}
