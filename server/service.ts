import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from './abuse/rate-limiter.ts';
import { createApp } from './app.ts';
import type { Database } from './db/database.ts';
import { applyDeferred } from './db/migrations.ts';
import { openStore } from './db/open-store.ts';
import { demoReports } from './demo/demo-reports.ts';
import {
  type ConnectionLimits,
  capConnectionsPerAddress,
  connectionLimits,
  httpServerOptions,
} from './http/connection-guard.ts';
import { pwaAvailable } from './http/static-pwa.ts';
import { type Publication, PublicationRunner } from './publish/publication-runner.ts';
import { loadOrCreateSigningKey } from './publish/signing-key.ts';
import { countReports, insertReports } from './reports/report-store.ts';
import { ReportWriter, type ReportWriterOptions } from './reports/report-writer.ts';

export interface ServiceOptions {
  dataDir: string;
  /** PostgreSQL URL (else `DATABASE_URL`, else PGlite in `<dataDir>/pg`). */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema (tests). */
  schema?: string | undefined;
  port?: number;
  host?: string;
  /** Load the demo set when the database holds no report. */
  demo?: boolean;
  trustProxy?: boolean;
  adminToken?: string | null;
  /** Seconds between publication runs; 0 turns the timer off. */
  publishIntervalSeconds?: number;
  /**
   * Where publications run: 'worker' (default), a worker thread with its own database connection on PostgreSQL,
   * so ingest keeps its latency; 'thread', on the serving thread as before (the benchmark's baseline).
   */
  publishIn?: 'worker' | 'thread';
  deltaVersions?: number;
  rateLimits?: RateLimitConfig;
  /** Timeouts and the per-address connection cap (server/http/connection-guard.ts); no cap with `trustProxy`. */
  connections?: Partial<ConnectionLimits>;
  /** Group-commit settings of the report writer (benchmarks compare batching with one INSERT per report). */
  writer?: ReportWriterOptions;
  /** The built PWA; null to serve none. */
  pwaDir?: string | null;
  now?: () => number;
  /** Where start-up and error lines go (never a number). */
  log?: (line: string) => void;
}

export interface RunningService {
  url: string;
  port: number;
  publicKey: string;
  db: Database;
  /** The HTTP server (tests count what each process of a cluster answered). */
  httpServer: ServerType;
  publisher: Publication;
  writer: ReportWriter;
  demoLoaded: boolean;
  pwaServed: boolean;
  /**
   * The publication started with the service, in the background: the service answers at once and clients keep
   * the last version until it ends (a full publication over millions of reports takes a minute). Resolves when
   * it ended, whether it made a version or failed (then `log` said why).
   */
  firstPublication: Promise<void>;
  /**
   * Deferred migrations (index builds over `reports`, migrations.ts `applyDeferred`), run after the service
   * listens and before its first publication. Resolves with the versions applied (none when it failed: `log`).
   */
  migrations: Promise<number[]>;
  close(): Promise<void>;
}

export const DEFAULT_PUBLISH_INTERVAL_SECONDS = 600;

/** Opens the store, makes sure a list is published, and listens. `vigie serve` and the tests start it. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  // Index builds over `reports` (deferred migrations) run once the service listens: they took ~24 s at 1M reports.
  const db = await openStore({ ...options, deferMigrations: true });
  let server: ServerType | null = null;
  let publisher: Publication | null = null;
  let closed = false;
  const writer = new ReportWriter(db, options.writer);
  try {
    const key = loadOrCreateSigningKey(options.dataDir);
    let demoLoaded = false;
    if (options.demo) {
      const { total } = await countReports(db);
      if (total === 0) {
        await insertReports(db, demoReports(now()));
        demoLoaded = true;
      }
    }
    const onError = (error: unknown) =>
      log(`error: ${error instanceof Error ? error.name : 'unknown'}: ${errorKind(error)}`);
    publisher = new PublicationRunner(db, key, {
      dataDir: options.dataDir,
      mode: options.publishIn ?? 'worker',
      databaseUrl: options.databaseUrl,
      schema: options.schema,
      deltaVersions: options.deltaVersions,
      now,
      onError,
    });
    // Files in line with the database before anything is served (a crash may have left the manifest behind).
    await publisher.repairFiles();
    const pwaDir = options.pwaDir && pwaAvailable(options.pwaDir) ? options.pwaDir : null;
    const app = createApp({
      db,
      writer,
      publisher,
      dataDir: options.dataDir,
      trustProxy: options.trustProxy ?? false,
      adminToken: options.adminToken ?? null,
      rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
      pwaDir,
      now,
      onError,
    });
    const host = options.host ?? '127.0.0.1';
    const limits = connectionLimits(options.trustProxy ?? false, options.connections);
    const listening = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
      const s = serve(
        { fetch: app.fetch, port: options.port ?? 8787, hostname: host, serverOptions: httpServerOptions(limits) },
        (info: AddressInfo) => resolve({ server: s, port: info.port }),
      );
      if (limits.maxPerAddress !== null) capConnectionsPerAddress(s, limits.maxPerAddress);
      s.once('error', reject);
    });
    server = listening.server;
    // Index builds left by an upgrade, while the service answers (on PostgreSQL concurrently with ingest; on
    // PGlite one partition per statement, reports stored between them). Started on the next turn of the event
    // loop, after start-up has returned.
    const migrations = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => applyDeferred(db))
      .then(
        (applied) => {
          if (applied.length > 0) log(`migrations applied after start: ${applied.join(', ')}`);
          return applied;
        },
        (error: unknown) => {
          onError(error);
          return [];
        },
      );
    // A fresh install, or a restart after reports changed: publish, off the start-up path (issue 12: start-up
    // waited 63 s for a publication at 5M reports), after the index builds (a concurrent build waits for the
    // transactions under way, a publication's among them). The timer starts once it is done.
    const running = publisher;
    const firstPublication = migrations
      .then(() => running.publish())
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      );
    const interval = options.publishIntervalSeconds ?? DEFAULT_PUBLISH_INTERVAL_SECONDS;
    if (interval > 0) {
      const timed = publisher;
      void firstPublication.then(() => {
        if (!closed) timed.start(interval * 1000);
      });
    }
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const service: RunningService = {
      url: `http://${urlHost}:${listening.port}`,
      port: listening.port,
      publicKey: key.publicKey,
      db,
      httpServer: listening.server,
      publisher,
      writer,
      demoLoaded,
      pwaServed: pwaDir !== null,
      firstPublication,
      migrations,
      close: async () => {
        closed = true;
        await firstPublication;
        await publisher?.stop();
        const s = listening.server as ServerType & { closeAllConnections?: () => void };
        // Keep-alive sockets would hold close() for seconds (toolchain notes): drop them first.
        s.closeAllConnections?.();
        await new Promise<void>((resolve) => s.close(() => resolve()));
        await writer.drain();
        await db.close();
      },
    };
    return service;
  } catch (error) {
    await publisher?.stop();
    server?.close();
    await db.close().catch(() => {});
    throw error;
  }
}

/** A short description of an error that cannot carry a number: the message of our own errors is generic. */
function errorKind(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\+?\d[\d\s.-]{5,}/g, '<redacted>').slice(0, 200);
  return 'unknown';
}
