import type { MessagePort } from 'node:worker_threads';
import type { Database, Queryable } from './database.ts';

/**
 * A `Database` in a worker thread whose statements run on a database owned by another thread. PGlite is one
 * in-process backend, so a publication worker cannot open it a second time: it sends each statement to the
 * serving thread, which runs it between requests. Every statement is one message each way, so the serving
 * thread's event loop turns between them and ingest interleaves with the publication (one long statement still
 * holds it for its own duration). Transactions are held open on the owner's side until the worker ends them.
 */

type Request =
  | { id: number; op: 'query'; sql: string; params: readonly unknown[] | undefined; tx: number | null }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean };

type Reply = { id: number; rows?: unknown[]; tx?: number; error?: { message: string; code?: string } };

/** Runs the statements that arrive on `port` on `db` (the owning thread's side). Returns a function that stops. */
export function serveDatabase(db: Database, port: MessagePort): () => void {
  const open = new Map<number, { tx: Queryable; end: (commit: boolean) => Promise<void> }>();
  let nextTx = 1;
  const reply = (message: Reply) => port.postMessage(message);
  const fail = (id: number, error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    reply({
      id,
      error: {
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      },
    });
  };
  const onMessage = async (request: Request) => {
    try {
      if (request.op === 'query') {
        const runner = request.tx === null ? db : open.get(request.tx)?.tx;
        if (!runner) throw new Error(`remote database: transaction ${request.tx} is not open`);
        reply({ id: request.id, rows: await runner.query(request.sql, request.params) });
      } else if (request.op === 'exec') {
        await db.exec(request.sql);
        reply({ id: request.id, rows: [] });
      } else if (request.op === 'begin') {
        const txId = nextTx++;
        await beginHeld(db, txId, open);
        reply({ id: request.id, tx: txId });
      } else {
        const held = open.get(request.tx);
        if (!held) throw new Error(`remote database: transaction ${request.tx} is not open`);
        open.delete(request.tx);
        await held.end(request.commit);
        reply({ id: request.id, rows: [] });
      }
    } catch (error) {
      fail(request.id, error);
    }
  };
  const listener = (request: Request) => void onMessage(request);
  port.on('message', listener);
  return () => {
    port.off('message', listener);
    // A worker that died mid-transaction: roll back what it held, so the database is not left locked.
    for (const held of open.values()) void held.end(false);
    open.clear();
  };
}

class Rollback extends Error {}

/** Opens `db.transaction` and keeps it open until `end` is called; resolves once the transaction has begun. */
function beginHeld(
  db: Database,
  txId: number,
  open: Map<number, { tx: Queryable; end: (commit: boolean) => Promise<void> }>,
): Promise<void> {
  return new Promise((began, failedToBegin) => {
    let finish: (commit: boolean) => void = () => {};
    const finished = new Promise<boolean>((resolve) => {
      finish = resolve;
    });
    const done = db.transaction(async (tx) => {
      open.set(txId, {
        tx,
        end: async (commit) => {
          finish(commit);
          await done.catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          });
        },
      });
      began();
      if (!(await finished)) throw new Rollback('rolled back by the worker');
    });
    done.catch(failedToBegin);
  });
}

/** The worker's side: a `Database` whose statements travel over `port`. */
export function remoteDatabase(port: MessagePort, kind: Database['kind']): Database {
  let nextId = 1;
  const pending = new Map<number, { resolve: (reply: Reply) => void }>();
  port.on('message', (message: Reply) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    waiting?.resolve(message);
  });
  const call = (request: Omit<Request, 'id'> & { op: Request['op'] }): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, {
        resolve: (reply) => {
          if (reply.error) reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
          else resolve(reply);
        },
      });
      port.postMessage({ ...request, id });
    });
  const runner = (tx: number | null): Queryable => ({
    interleaved: true,
    async query<T>(sql: string, params?: readonly unknown[]) {
      const reply = await call({ op: 'query', sql, params, tx } as Request);
      return (reply.rows ?? []) as T[];
    },
  });
  const base = runner(null);
  return {
    kind,
    interleaved: true,
    query: base.query,
    async exec(sql) {
      await call({ op: 'exec', sql } as Request);
    },
    async transaction(fn) {
      const begun = await call({ op: 'begin' } as Request);
      const tx = begun.tx as number;
      let result: Awaited<ReturnType<typeof fn>>;
      try {
        result = await fn(runner(tx));
      } catch (error) {
        await call({ op: 'end', tx, commit: false } as Request).catch(() => {});
        throw error;
      }
      await call({ op: 'end', tx, commit: true } as Request);
      return result;
    },
    session(fn) {
      return fn(base);
    },
    async close() {
      port.close();
    },
  };
}
