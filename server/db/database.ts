/**
 * One small interface over the two back ends the service runs on: PGlite (embedded PostgreSQL in a data
 * folder, the default) and a PostgreSQL server through `pg` (when `DATABASE_URL` is set). Both speak the
 * same SQL; the schema sticks to `integer`, `double precision`, `text`, `boolean`, `uuid` and `timestamptz`
 * so that rows come back as the same JS types from both drivers (bigint would be a number from PGlite and a
 * string from `pg`: toolchain notes).
 */

export interface Queryable {
  /** One statement with `$1…` parameters; arrays are sent as PostgreSQL arrays. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * True when each statement holds the service's other work for its whole length: a publication worker's
   * statements on PGlite run on the serving thread (remote-database.ts), so ingest waits for each one. Long
   * reads are then cut into short statements (report-store.ts `votesForNumbers`).
   */
  readonly interleaved?: boolean;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection, outside a transaction (session-level advisory locks, `CREATE INDEX
   * CONCURRENTLY`: server/db/deferred-indexes.ts). PGlite has one session anyway.
   */
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir/pg`. */
  url?: string | undefined;
  /** Data folder of the service (PGlite keeps its files in `<dataDir>/pg`). */
  dataDir: string;
  /**
   * PostgreSQL schema to use (created when missing). Tests give each file its own schema so the same suite
   * runs side by side on one server and drops its schema afterwards.
   */
  schema?: string | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const { openPostgres } = await import('./postgres-database.ts');
    return openPostgres(options.url, options.schema);
  }
  const { openPglite } = await import('./pglite-database.ts');
  return openPglite(options.dataDir);
}

/** Schema names are interpolated into SQL (they cannot be parameters): allow only a safe identifier. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return schema;
}
