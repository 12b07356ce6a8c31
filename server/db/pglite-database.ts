import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';

/**
 * PGlite in `<dataDir>/pg`. PGlite is one single-user backend: statements run one after another, which is why
 * the report writer batches inserts (server/reports/report-writer.ts) instead of sending one per request.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const folder = join(dataDir, 'pg');
  mkdirSync(folder, { recursive: true });
  const pg = await PGlite.create(folder);
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
