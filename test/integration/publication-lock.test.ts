/**
 * Publishers take turns per deployment, not per PostgreSQL server: a publication holds an advisory lock keyed by
 * its schema (server/publish/publisher.ts), so two deployments (or two test files) sharing one server never wait
 * for each other, while two publishers of one schema still do. PostgreSQL only; PGlite is one process's database.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { openStore } from '../../server/db/open-store.ts';
import { PUBLISH_LOCK_KEY, Publisher } from '../../server/publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import { dropTestStorage, newTestStorage, POSTGRES_URL } from './server-harness.ts';

const opened: { db: Database; dataDir: string; schema: string | undefined }[] = [];

async function deployment(): Promise<{ publisher: Publisher; schema: string }> {
  const { dataDir, schema } = newTestStorage('vigie-lock-');
  const db = await openStore({ dataDir, databaseUrl: POSTGRES_URL ?? '', schema });
  opened.push({ db, dataDir, schema });
  return { publisher: new Publisher(db, loadOrCreateSigningKey(dataDir), { dataDir }), schema: schema as string };
}

/** Resolves with what `promise` gave, or 'waiting' if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'waiting'> {
  return Promise.race([promise, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);
}

afterAll(async () => {
  for (const { db, dataDir, schema } of opened) {
    await db.close();
    await dropTestStorage(dataDir, schema);
  }
});

describe.skipIf(!POSTGRES_URL)('publication lock (PostgreSQL)', () => {
  it('a publication in one schema holds back another publisher of that schema, not one of another schema', async () => {
    const a = await deployment();
    const b = await deployment();
    // Another process of deployment A in the middle of a publication: it holds A's lock.
    const other = new pg.Client({ connectionString: POSTGRES_URL });
    await other.connect();
    try {
      await other.query(`SET search_path TO ${a.schema}`);
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [PUBLISH_LOCK_KEY]);

      const inB = await within(b.publisher.publish(), 60_000);
      expect(inB, 'deployment B waited for deployment A’s publication').not.toBe('waiting');

      const inA = a.publisher.publish();
      expect(await within(inA, 2_000), 'deployment A published while its lock was held').toBe('waiting');
      await other.query('COMMIT');
      expect(await within(inA, 60_000), 'deployment A did not publish once the lock was free').not.toBe('waiting');
    } finally {
      await other.end();
    }
  }, 180_000);
});
