import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../server/db/database.ts';
import { MIGRATIONS, migrate } from '../../server/db/migrations.ts';
import { maintainReportPartitions } from '../../server/db/report-partitions.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { countReports, insertReports, reportExists } from '../../server/reports/report-store.ts';
import { dropTestStorage, newTestStorage, POSTGRES_URL } from './server-harness.ts';

const PARTITIONING = MIGRATIONS.find((m) => m.name.startsWith('reports partitioned by month'));
if (!PARTITIONING) throw new Error('no partitioning migration');

let cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function freshDatabase(): Promise<Database> {
  const { dataDir, schema } = newTestStorage('vigie-partitions-');
  const db = await openDatabase({ url: POSTGRES_URL, dataDir, schema });
  cleanups.push(async () => {
    await db.close();
    await dropTestStorage(dataDir, schema);
  });
  return db;
}

function row(id: string, number: string, reportedAt: string, extra: Partial<ReportRow> = {}): ReportRow {
  return {
    id,
    number,
    reporter: `reporter-${id.slice(0, 8)}`,
    category: 'telemarketing',
    comment: null,
    company: null,
    region: 'FR',
    calledAt: null,
    reportedAt,
    source: 'api',
    demo: false,
    addrHash: null,
    ...extra,
  };
}

const ALL_COLUMNS = `SELECT id::text, number, reporter, category, comment, company, region, called_at, reported_at,
  received_at, source, demo, addr_hash, comment_hidden FROM reports ORDER BY id`;

async function partitions(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'reports'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

describe('reports partitioned by month', () => {
  it('the migration keeps every row of an unpartitioned table, column for column', async () => {
    const db = await freshDatabase();
    await migrate(db, (PARTITIONING?.version ?? 0) - 1);
    // Rows the old table holds as the old insert wrote them: spread over three years, odd and empty values.
    const columns = `id, number, reporter, category, comment, company, region, called_at, reported_at, received_at,
      source, demo, addr_hash, comment_hidden`;
    await db.query(`INSERT INTO reports (${columns}) VALUES
      ('00000000-0000-4000-8000-000000000001', '+33612345678', 'a', 'telemarketing', 'Rappel «isolation» ; DROP', 'Soc',
       'FR', '2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z', '2024-03-01T00:00:00Z', 'import:vigie', false,
       NULL, false),
      ('00000000-0000-4000-8000-000000000002', '+33612345678', 'b', 'scam', NULL, NULL, NULL, NULL,
       '2026-01-31T23:30:00-02:00', '2026-02-01T01:30:00Z', 'api', false, 'h1', true),
      ('00000000-0000-4000-8000-000000000003', '3179', 'c', 'legit', '', NULL, 'FR', NULL,
       '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z', 'demo', true, NULL, false),
      ('00000000-0000-4000-8000-000000000004', '+33199001122', 'd', 'robocall', NULL, NULL, 'FR', NULL,
       '2031-07-14T12:00:00Z', '2026-02-02T00:00:00Z', 'import:ftc', false, 'h2', false)`);
    const before = await db.query(ALL_COLUMNS);
    expect(before).toHaveLength(4);
    await migrate(db);
    expect(await db.query(ALL_COLUMNS)).toEqual(before);
    // One partition per month the data has (Feb 2024, Feb 2026 twice over: -02:00 is Feb 1 UTC, Jul 2031),
    // the window's months up to two ahead, and the default one.
    const names = await partitions(db);
    for (const name of ['reports_2024_02', 'reports_2026_02', 'reports_2031_07', 'reports_default'])
      expect(names).toContain(name);
    // Months without data outside the window have none (the window's months are made whatever the data).
    expect(names).not.toContain('reports_2024_03');
    const where = await db.query<{ id: string; part: string }>(
      'SELECT id::text, tableoid::regclass::text AS part FROM reports ORDER BY id',
    );
    expect(where.map((w) => w.part.replace(/^.*\./, ''))).toEqual([
      'reports_2024_02',
      'reports_2026_02',
      'reports_2026_02',
      'reports_2031_07',
    ]);
    // The ids carried over: a migrated report sent again is a duplicate, not a second vote.
    expect(await reportExists(db, '00000000-0000-4000-8000-000000000002')).toBe(true);
    const again = await insertReports(db, [
      row('00000000-0000-4000-8000-000000000002', '+33612345678', new Date().toISOString()),
    ]);
    expect(again.size).toBe(0);
    expect((await countReports(db)).total).toBe(4);
    // The secondary indexes were made again on the partitioned table, plus one on id.
    const indexes = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = 'reports'::regclass ORDER BY 1`,
    );
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        'reports_number_idx',
        'reports_reported_at_idx',
        'reports_received_at_idx',
        'reports_id_idx',
      ]),
    );
  }, 180_000);

  it('an id is stored once across months and within one batch; the first copy is kept', async () => {
    const db = await freshDatabase();
    await migrate(db);
    const id = '00000000-0000-4000-8000-0000000000aa';
    const first = await insertReports(db, [
      row(id, '+33612345678', '2026-03-10T10:00:00Z', { comment: 'first' }),
      row(id, '+33612345678', '2026-03-10T10:00:01Z', { comment: 'second copy' }),
      row('00000000-0000-4000-8000-0000000000bb', '+33612345679', '2026-03-10T10:00:00Z'),
    ]);
    expect([...first].sort()).toEqual([id, '00000000-0000-4000-8000-0000000000bb']);
    // The retry after a lost acknowledgement arrives a month later: another partition, still a duplicate.
    const retry = await insertReports(db, [row(id, '+33612345678', '2026-04-02T08:00:00Z')]);
    expect(retry.size).toBe(0);
    const stored = await db.query<{ comment: string | null }>('SELECT comment FROM reports WHERE id = $1', [id]);
    expect(stored).toEqual([{ comment: 'first' }]);
  }, 180_000);

  it('partitions are made ahead; leaving the window drops whole months and their ids', async () => {
    const db = await freshDatabase();
    await migrate(db);
    // A clock years after the real one, so the months the migration made (the real window) are all past it.
    const june = Date.parse('2040-06-15T12:00:00Z');
    await maintainReportPartitions(db, june);
    const names = await partitions(db);
    // 365 days before 2040-06-15 is 2039-06-16: June 2039 is the oldest month kept; two months ahead.
    expect(names.filter((n) => n !== 'reports_default')).toEqual([
      'reports_2039_06',
      'reports_2039_07',
      'reports_2039_08',
      'reports_2039_09',
      'reports_2039_10',
      'reports_2039_11',
      'reports_2039_12',
      'reports_2040_01',
      'reports_2040_02',
      'reports_2040_03',
      'reports_2040_04',
      'reports_2040_05',
      'reports_2040_06',
      'reports_2040_07',
      'reports_2040_08',
    ]);
    await insertReports(db, [
      row('00000000-0000-4000-8000-000000000101', '+33612340001', '2039-06-20T00:00:00Z'),
      row('00000000-0000-4000-8000-000000000102', '+33612340002', '2039-07-01T00:00:00Z'),
      row('00000000-0000-4000-8000-000000000103', '+33612340003', '2040-06-01T00:00:00Z'),
      row('00000000-0000-4000-8000-000000000107', '+33612340003', '2039-07-15T00:00:00Z'),
      // Older than any partition: the default one holds it until it is past the window.
      row('00000000-0000-4000-8000-000000000104', '+33612340004', '2035-01-01T00:00:00Z'),
      // Further ahead than the partitions made: the default one, until its month is made.
      row('00000000-0000-4000-8000-000000000105', '+33612340005', '2040-10-05T00:00:00Z'),
    ]);
    // Four months later: 2039-06 to 2039-09 are past the window (it starts 2039-10-14, month 2039-10).
    const changes = await maintainReportPartitions(db, Date.parse('2040-10-13T12:00:00Z'));
    expect(changes.dropped).toEqual(['reports_2039_06', 'reports_2039_07', 'reports_2039_08', 'reports_2039_09']);
    expect(changes.created).toEqual(['reports_2040_09', 'reports_2040_10', 'reports_2040_11', 'reports_2040_12']);
    const left = await db.query<{ id: string; part: string }>(
      'SELECT id::text, tableoid::regclass::text AS part FROM reports ORDER BY id',
    );
    // The October report moved out of the default partition into its month.
    expect(left.map((l) => [l.id.slice(-3), l.part.replace(/^.*\./, '')])).toEqual([
      ['103', 'reports_2040_06'],
      ['105', 'reports_2040_10'],
    ]);
    const ids = await db.query<{ id: string }>('SELECT id::text FROM report_ids ORDER BY id');
    expect(ids.map((i) => i.id.slice(-3))).toEqual(['103', '105']);
    // The per-number report counts follow: numbers whose reports all left are gone, and 0003's report of a
    // dropped month no longer counts.
    const activity = await db.query<{ number: string; reports: number }>(
      'SELECT number, reports FROM number_activity ORDER BY number',
    );
    expect(activity).toEqual([
      { number: '+33612340003', reports: 1 },
      { number: '+33612340005', reports: 1 },
    ]);
    // Nothing to do the same day: no change.
    expect(await maintainReportPartitions(db, Date.parse('2040-10-13T13:00:00Z'))).toEqual({
      created: [],
      dropped: [],
      deletedRows: 0,
    });
  }, 180_000);
});
