/**
 * What a bench or an integration test leaves behind: its PostgreSQL schema (when it ran on one) and its data
 * folder. Used by the publication benches and by test/integration/server-harness.ts.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';

export async function dropStorage(databaseUrl: string | undefined, schema: string | undefined, dataDir: string) {
  if (databaseUrl && schema) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}
