import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type Database, openDatabase } from '../db/database.ts';
import { remoteDatabase } from '../db/remote-database.ts';
import { Publisher } from './publisher.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';

/**
 * The publication worker: a Publisher on a thread of its own, so that reading the votes, building the list, the
 * deltas and the signature never hold the serving thread (issue 12). On PostgreSQL it has its own connection pool
 * (and takes the publication advisory lock like any other publisher); on PGlite its statements go to the serving
 * thread's database over `dbPort` (server/db/remote-database.ts).
 */
export interface PublicationWorkerData {
  dataDir: string;
  kind: Database['kind'];
  /** PostgreSQL only. */
  databaseUrl: string | null;
  schema: string | null;
  deltaVersions: number | undefined;
  /** PGlite only: where statements go. */
  dbPort: MessagePort | null;
}

export type WorkerRequest = { type: 'publish'; id: number; now: number } | { type: 'close' };
export type WorkerReply =
  | { type: 'published'; id: number; result: import('./publisher.ts').PublishResult }
  | { type: 'failed'; id: number; message: string; name: string };

/** Niceness of the publication thread: on a busy machine the serving thread gets the CPU first. */
export const WORKER_NICENESS = 10;

/**
 * Lowers this thread's scheduling priority, so that building the list competes less with answering requests
 * (ingest p99 during a publication, issue 12). Linux only: `setpriority` on a thread id renices that thread
 * alone, and /proc/thread-self names it. Elsewhere, or when refused, the thread keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICENESS);
  } catch {
    // Not Linux, or not allowed: publication still runs, at the process's priority.
  }
}

const data = workerData as PublicationWorkerData;
const port = parentPort;
if (!port) throw new Error('publication-worker: not started as a worker thread');
lowerPriority();

const db: Database =
  data.kind === 'postgres'
    ? await openDatabase({
        url: data.databaseUrl ?? undefined,
        dataDir: data.dataDir,
        schema: data.schema ?? undefined,
      })
    : remoteDatabase(data.dbPort as MessagePort, 'pglite');
// The serving thread sets the clock of each publication (tests and benchmarks move it).
let clock = Date.now();
const publisher = new Publisher(db, loadOrCreateSigningKey(data.dataDir), {
  dataDir: data.dataDir,
  deltaVersions: data.deltaVersions,
  now: () => clock,
});

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'close') {
    void publisher
      .idle()
      .then(() => db.close())
      .finally(() => port.close());
    return;
  }
  clock = request.now;
  publisher.publish().then(
    (result) => port.postMessage({ type: 'published', id: request.id, result } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        type: 'failed',
        id: request.id,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
