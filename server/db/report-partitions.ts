import { CROWD_MODEL, DAY_MS } from '../crowd/crowd-model.ts';
import type { Database, Queryable } from './database.ts';

/**
 * `reports` is partitioned by month of `reported_at` (the time that decays), so that leaving the 365-day window
 * drops whole partitions instead of deleting rows one by one, and the publication's window query skips old
 * months. Partitions are named `reports_YYYY_MM` (UTC months); rows of a month without a partition (an import of
 * old complaints, a clock far ahead) go to `reports_default`.
 *
 * A partitioned table's unique keys must hold the partition key, and a retried report carries the same id but a
 * new arrival time, so ids are kept unique in `report_ids` (id → reported_at) instead: the insert statement
 * claims the id there first and stores the report only when the claim is new (server/reports/report-store.ts).
 */

/** Months created ahead of the current one, so a report never waits for a partition. */
const MONTHS_AHEAD = 2;
/** PostgreSQL advisory lock key: one maintenance at a time across processes. */
const PARTITION_LOCK_KEY = 7261003;

export function partitionName(monthStart: Date): string {
  return `reports_${monthStart.getUTCFullYear()}_${String(monthStart.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthStart(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function nextMonth(month: Date): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
}

/** The first instant kept: the start of the month holding the window's start (older reports count for nothing). */
export function retentionStart(nowMs: number): Date {
  const today = Math.floor(nowMs / DAY_MS);
  return monthStart((today - CROWD_MODEL.windowDays) * DAY_MS);
}

/** Creates the month's partition, moving into it any rows of that month the default partition holds. */
async function createPartition(tx: Queryable, month: Date): Promise<void> {
  const name = partitionName(month);
  const from = month.toISOString();
  const to = nextMonth(month).toISOString();
  const stray = await tx.query<{ one: number }>(
    'SELECT 1 AS one FROM reports_default WHERE reported_at >= $1 AND reported_at < $2 LIMIT 1',
    [from, to],
  );
  if (stray.length > 0) {
    // PostgreSQL refuses a new partition whose range the default partition has rows in: take them out first.
    await tx.query(
      `CREATE TEMP TABLE vigie_moving ON COMMIT DROP AS
       SELECT * FROM reports_default WHERE reported_at >= '${from}' AND reported_at < '${to}'`,
    );
    await tx.query('DELETE FROM reports_default WHERE reported_at >= $1 AND reported_at < $2', [from, to]);
  }
  await tx.query(`CREATE TABLE ${name} PARTITION OF reports FOR VALUES FROM ('${from}') TO ('${to}')`);
  if (stray.length > 0) {
    await tx.query('INSERT INTO reports SELECT * FROM vigie_moving');
    await tx.query('DROP TABLE vigie_moving');
  }
}

/** The monthly partitions that exist, by name. */
async function existingPartitions(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'reports'::regclass`,
  );
  return new Set(rows.map((r) => r.name).filter((n) => /^reports_\d{4}_\d{2}$/.test(n)));
}

export interface PartitionChanges {
  created: string[];
  dropped: string[];
  /** Rows of the default partition and ids deleted because they are older than the retention start. */
  deletedRows: number;
}

/**
 * Partitions from the retention start to `MONTHS_AHEAD` months after `nowMs`; partitions wholly older than the
 * retention start are dropped, with their ids. Runs before every publication (server/publish/publication-runner.ts
 * and `vigie publish`); cheap when there is nothing to do (one catalogue query).
 */
export async function maintainReportPartitions(db: Database, nowMs: number): Promise<PartitionChanges> {
  const keepFrom = retentionStart(nowMs);
  let last = monthStart(nowMs);
  for (let i = 0; i < MONTHS_AHEAD; i++) last = nextMonth(last);
  const wanted: Date[] = [];
  for (let m = keepFrom; m.getTime() <= last.getTime(); m = nextMonth(m)) wanted.push(m);
  const existing = await existingPartitions(db);
  const cutoff = partitionName(keepFrom);
  const missing = wanted.filter((m) => !existing.has(partitionName(m)));
  const stale = [...existing].filter((name) => name < cutoff).sort();
  const changes: PartitionChanges = { created: [], dropped: [], deletedRows: 0 };
  if (missing.length === 0 && stale.length === 0) return changes;
  await db.transaction(async (tx) => {
    // Several processes share one PostgreSQL: one maintains, the others then find nothing to do. Advisory locks
    // are per database: the schema's name is the second key, so services in other schemas never wait on this one.
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [PARTITION_LOCK_KEY]);
    const now = await existingPartitions(tx);
    for (const month of missing) {
      if (now.has(partitionName(month))) continue;
      await createPartition(tx, month);
      changes.created.push(partitionName(month));
    }
    for (const name of stale) {
      if (!now.has(name)) continue;
      await forgetActivity(tx, `SELECT number FROM ${name}`, []);
      await tx.query(`DROP TABLE ${name}`);
      changes.dropped.push(name);
    }
    // Ids of reports no longer kept (a retry of a report older than a year is not a retry), and old strays.
    const ids = await tx.query<{ n: number }>(
      'WITH d AS (DELETE FROM report_ids WHERE reported_at < $1 RETURNING 1) SELECT count(*)::integer AS n FROM d',
      [keepFrom.toISOString()],
    );
    await forgetActivity(tx, 'SELECT number FROM reports_default WHERE reported_at < $1', [keepFrom.toISOString()]);
    const strays = await tx.query<{ n: number }>(
      'WITH d AS (DELETE FROM reports_default WHERE reported_at < $1 RETURNING 1) SELECT count(*)::integer AS n FROM d',
      [keepFrom.toISOString()],
    );
    changes.deletedRows = (ids[0]?.n ?? 0) + (strays[0]?.n ?? 0);
  });
  return changes;
}

/**
 * `number_activity` counts each number's stored reports (the writer adds to it in the insert statement): the
 * reports that `numbers` (a query of their numbers, one row per report) selects are about to be deleted, so
 * they leave the count, and a number with none left leaves the table (it had grown with every number ever
 * reported, and the rebuild pages through it).
 */
async function forgetActivity(tx: Queryable, numbers: string, params: readonly unknown[]): Promise<void> {
  // `number_activity.number` is COLLATE "C", `reports.number` the database's: equality needs one collation.
  const counts = `SELECT number COLLATE "C" AS number, count(*)::integer AS n FROM (${numbers}) r GROUP BY 1`;
  await tx.query(
    `UPDATE number_activity a SET reports = a.reports - c.n FROM (${counts}) c WHERE a.number = c.number`,
    params,
  );
  await tx.query(
    `DELETE FROM number_activity a USING (${counts}) c WHERE a.number = c.number AND a.reports <= 0`,
    params,
  );
}

/**
 * Migration: turns the unpartitioned `reports` into the partitioned one without losing a row. The new table takes
 * the old one's columns and defaults (LIKE), a partition for every month the data has and every month of the
 * window up to `MONTHS_AHEAD` ahead, the old table's secondary indexes (re-created from their definitions, so indexes added by earlier
 * migrations carry over), a plain index on id (admin look-ups), and every id in `report_ids`.
 */
export async function partitionReportsTable(tx: Queryable, nowMs: number): Promise<void> {
  // Read before the old table is renamed, so each definition names `reports`.
  const indexes = await tx.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'reports'::regclass AND NOT i.indisprimary`,
  );
  await tx.query('ALTER TABLE reports RENAME TO reports_unpartitioned');
  await tx.query(
    `CREATE TABLE reports (LIKE reports_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
     PARTITION BY RANGE (reported_at)`,
  );
  await tx.query('CREATE TABLE reports_default PARTITION OF reports DEFAULT');
  const months = await tx.query<{ month: Date }>(
    `SELECT DISTINCT date_trunc('month', reported_at, 'UTC') AS month FROM reports_unpartitioned`,
  );
  const all = new Map<string, Date>();
  for (const { month } of months) all.set(partitionName(month), month);
  // Every month of the window too, and those ahead: reports imported or sent before the first maintenance land
  // in their own month, not in the default partition (moving rows out of it later locks the table meanwhile).
  let last = monthStart(nowMs);
  for (let i = 0; i < MONTHS_AHEAD; i++) last = nextMonth(last);
  for (let m = retentionStart(nowMs); m.getTime() <= last.getTime(); m = nextMonth(m)) all.set(partitionName(m), m);
  for (const month of [...all.values()].sort((a, b) => a.getTime() - b.getTime())) await createPartition(tx, month);
  await tx.query('INSERT INTO reports SELECT * FROM reports_unpartitioned');
  await tx.query(`CREATE TABLE report_ids (
    id uuid PRIMARY KEY,
    reported_at timestamptz NOT NULL
  )`);
  await tx.query('INSERT INTO report_ids (id, reported_at) SELECT id, reported_at FROM reports_unpartitioned');
  // BRIN: ids arrive roughly in time order; the index only serves the yearly clean-up, and costs ingest nothing.
  await tx.query('CREATE INDEX report_ids_reported_at_idx ON report_ids USING brin (reported_at)');
  await tx.query('DROP TABLE reports_unpartitioned');
  for (const index of indexes) {
    // Read before the rename: "CREATE INDEX name ON schema.reports USING …", now the new table's.
    const def = index.def.replace(/ ON (ONLY )?(\S+\.)?reports /, ' ON reports ');
    await tx.query(def);
  }
  await tx.query('CREATE INDEX reports_id_idx ON reports (id)');
}

/**
 * Marks the pages of reports stored since the last vacuum all-visible, so publication's vote reads stay
 * index-only scans (migration 5). VACUUM skips pages already marked: it costs about the new reports' pages.
 * SKIP_LOCKED: a partition autovacuum holds is left to it. On PostgreSQL one statement, on the publisher's own
 * connection. PGlite has no autovacuum, and its statements hold the serving thread: there each partition is
 * vacuumed in a statement of its own, so that reports are stored between them.
 */
export async function vacuumReports(db: Database): Promise<void> {
  if (db.kind === 'postgres') {
    await db.query('VACUUM (SKIP_LOCKED) reports');
    return;
  }
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'reports'::regclass ORDER BY c.relname`,
  );
  for (const { name } of rows) await db.query(`VACUUM (SKIP_LOCKED) ${name}`);
}
