import type { Database, Queryable } from './database.ts';

/**
 * Index builds over `reports` that must not hold start-up (issue 12: "ready in under 2 s at any size").
 * Migration 5 rebuilt two indexes over every report in one transaction before the service listened: about 24 s
 * at 1M reports, minutes at France's 73M, with ingest refused meanwhile. Built here instead, after the service
 * listens, while it serves ingest and the last published list:
 * - a new index is made `ON ONLY reports` under a temporary name (an empty, invalid parent: instant);
 * - then each monthly partition's index is built and attached on its own: on PostgreSQL with `CONCURRENTLY`,
 *   which takes no lock that stops inserts; on PGlite (one session, no concurrent build) as one statement per
 *   partition, so reports are stored between them;
 * - once every partition has its index the parent is valid; in one short transaction the old index is dropped
 *   and the new one takes its name. Every query keeps an index on the same keys the whole time.
 * Each step looks at the catalogue first, so a build stopped half way (a crash, a restart) goes on from where it
 * was, and one left invalid by a failed concurrent build is made again.
 */
export interface CoveringIndex {
  /** Name of the index on `reports` that ends up with this definition. */
  name: string;
  /** Key columns and included columns, as in CREATE INDEX. */
  keys: string;
  include: string;
}

/** What migration 5 defines (server/db/migrations.ts): same names, same keys, columns included. */
export const COVERING_INDEXES: readonly CoveringIndex[] = [
  {
    name: 'reports_number_idx',
    keys: 'number, reported_at',
    include: 'received_at, id, reporter, category, addr_hash, demo',
  },
  { name: 'reports_reporter_idx', keys: 'reporter, reported_at', include: 'number' },
];

/** Builds `index` over `reports` as described above; `q` is one session (migrations.ts `applyDeferred`). */
export async function buildCoveringIndex(q: Queryable, kind: Database['kind'], index: CoveringIndex): Promise<void> {
  if (await hasDefinition(q, index)) return;
  const building = `${index.name}_building`;
  await q.query(`CREATE INDEX IF NOT EXISTS ${building} ON ONLY reports (${index.keys}) INCLUDE (${index.include})`);
  // Partitions made meanwhile (maintainReportPartitions) get the index with the table: a second look finds
  // them attached. Bounded, in case partitions keep appearing.
  for (let round = 0; round < 3 && !(await isValid(q, building)); round++) {
    for (const partition of await partitionsWithout(q, building)) {
      // Named after the partition and the index (PostgreSQL named the old ones after their columns).
      const child = `${partition}_${index.name.replace(/^reports_/, '')}`;
      const [existing] = await q.query<{ valid: boolean }>(
        `SELECT i.indisvalid AS valid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
         WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
        [child],
      );
      // A concurrent build that failed leaves an invalid index behind: make it again.
      if (existing && !existing.valid) await q.query(`DROP INDEX ${child}`);
      if (!existing?.valid) {
        const concurrently = kind === 'postgres' ? 'CONCURRENTLY ' : '';
        await q.query(
          `CREATE INDEX ${concurrently}${child} ON ${partition} (${index.keys}) INCLUDE (${index.include})`,
        );
      }
      await q.query(`ALTER INDEX ${building} ATTACH PARTITION ${child}`);
    }
  }
  if (!(await isValid(q, building))) throw new Error(`${building}: some partitions still have no index`);
}

/** Swaps the built indexes in (one short transaction with the migration's record). */
export async function swapCoveringIndexes(tx: Queryable, indexes: readonly CoveringIndex[]): Promise<void> {
  for (const index of indexes) {
    if (await hasDefinition(tx, index)) continue;
    await tx.query(`DROP INDEX IF EXISTS ${index.name}`);
    await tx.query(`ALTER INDEX ${index.name}_building RENAME TO ${index.name}`);
  }
}

/** True when `reports` already has `index.name` with the columns included (built before, or swapped in). */
async function hasDefinition(q: Queryable, index: CoveringIndex): Promise<boolean> {
  const rows = await q.query<{ def: string }>(
    `SELECT pg_get_indexdef(c.oid) AS def FROM pg_class c
     WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [index.name],
  );
  return rows.some((r) => r.def.includes(' INCLUDE ('));
}

async function isValid(q: Queryable, name: string): Promise<boolean> {
  const rows = await q.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
     WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [name],
  );
  return rows[0]?.valid === true;
}

/** The partitions of `reports` (the default one too) that have no index attached to `parent` yet. */
async function partitionsWithout(q: Queryable, parent: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'reports'::regclass
       AND NOT EXISTS (
         SELECT 1 FROM pg_inherits ii JOIN pg_index x ON x.indexrelid = ii.inhrelid
         WHERE ii.inhparent = $1::regclass AND x.indrelid = c.oid)
     ORDER BY c.relname`,
    [parent],
  );
  return rows.map((r) => r.name);
}
