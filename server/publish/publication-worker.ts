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

const data = workerData as PublicationWorkerData;
const port = parentPort;
if (!port) throw new Error('publication-worker: not started as a worker thread');

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
