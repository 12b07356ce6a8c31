import pg from 'pg';
import { checkSchemaName, type Database, type Queryable } from './database.ts';

/**
 * A PostgreSQL server through a `pg` pool. With `schema`, every connection's search_path points at it, so the
 * same unqualified SQL as PGlite works inside that schema.
 */
export async function openPostgres(url: string, schema?: string): Promise<Database> {
  const config: pg.PoolConfig = { connectionString: url, max: 8 };
  if (schema) config.options = `-c search_path=${checkSchemaName(schema)}`;
  const pool = new pg.Pool(config);
  // An idle client that loses its server emits 'error' on the pool; without a listener Node would crash.
  pool.on('error', () => {});
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const asQueryable = (runner: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await runner.query(sql, params as unknown[] | undefined);
      return result.rows as T[];
    },
  });
  const base = asQueryable(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn(asQueryable(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
