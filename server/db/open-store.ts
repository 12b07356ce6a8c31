import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-lock.ts';
import { type Database, openDatabase } from './database.ts';
import { migrate } from './migrations.ts';

export interface StoreOptions {
  dataDir: string;
  /** PostgreSQL URL; when undefined, `DATABASE_URL` from the environment; '' or neither → PGlite in the data folder. */
  databaseUrl?: string | undefined;
  schema?: string | undefined;
  /** Leave deferred migrations (index builds) for `applyDeferred`: `vigie serve` runs them once it listens. */
  deferMigrations?: boolean;
}

/** Opens the database the service uses (locking a PGlite folder) and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Database> {
  mkdirSync(options.dataDir, { recursive: true });
  const url = options.databaseUrl ?? process.env.DATABASE_URL ?? undefined;
  const unlock = url ? () => {} : lockDataDir(options.dataDir);
  let db: Database;
  try {
    db = await openDatabase({ url, dataDir: options.dataDir, schema: options.schema });
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    await migrate(db, Number.POSITIVE_INFINITY, { defer: options.deferMigrations === true });
  } catch (error) {
    await db.close().catch(() => {});
    unlock();
    throw error;
  }
  const close = db.close.bind(db);
  return {
    ...db,
    async close() {
      try {
        await close();
      } finally {
        unlock();
      }
    },
  };
}
