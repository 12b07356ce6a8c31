import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

/**
 * PostgreSQL's default 128 MB of shared buffers is zeroed by PGlite's WebAssembly at every open: that was most of
 * start-up (1.3-3.9 s of a 1.6-4.0 s open under load 10; about 0.8 s of it in one WebAssembly function in a
 * profile). 16 MB opens in 0.55-1.1 s on the same machine. Reads past the buffers come from the OS page cache
 * (the data folder is mounted as plain files), and PostgreSQL scans large tables through a small ring anyway:
 * vote reads, a window scan and batched inserts at 200k reports were no slower in paired rounds.
 */
const START_PARAMS = ['-c', 'shared_buffers=16MB'];

/**
 * PGlite in `<dataDir>/pg`. PGlite is one single-user backend: statements run one after another, which is why
 * the report writer batches inserts (server/reports/report-writer.ts) instead of sending one per request.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const folder = join(dataDir, 'pg');
  mkdirSync(folder, { recursive: true });
  const pg = await PGlite.create(folder, { startParams: [...PGlite.defaultStartParams, ...START_PARAMS] });
  const asQueryable = (runner: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await runner.query<T>(sql, params as unknown[] | undefined);
      return result.rows;
    },
  });
  const base = asQueryable(pg);
  return {
    kind: 'pglite',
    query: base.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction(fn) {
      return pg.transaction((tx) => fn(asQueryable(tx)));
    },
    session(fn) {
      return fn(base);
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
