/** What a publication bench leaves behind: its PostgreSQL schema (when it ran on one) and its data folder. */
import { rmSync } from 'node:fs';
import pg from 'pg';

export async function dropBenchData(databaseUrl: string | undefined, schema: string | undefined, dataDir: string) {
  if (databaseUrl && schema) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}
