/**
 * Start-up serves at once (issue 12: "ready in under 2 s at any size"). Migration 5 rebuilt two indexes over every
 * report before the service listened (about 24 s at 1M reports). It is now deferred: the service listens, stores
 * reports and serves the last published list, and builds the indexes partition by partition meanwhile; then
 * they are the same as on a database migrated in one go. A build stopped half way goes on at the next start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../server/db/database.ts';
import { openDatabase } from '../../server/db/database.ts';
import { applyDeferred, MIGRATIONS, migrate } from '../../server/db/migrations.ts';
import { Publisher } from '../../server/publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports } from '../../server/reports/report-store.ts';
import { startService } from '../../server/service.ts';
import { reportRowMaker } from './report-row-fixture.ts';
import { dropTestStorage, newReporter, newTestStorage, POSTGRES_URL, postReport, report } from './server-harness.ts';

const DAY_MS = 86_400_000;
/** Reports from 100 days before the real clock (the migration made partitions for the real clock's window). */
const NOW = Date.now();

const reportRow = reportRowMaker('a000');

/** 300 reports over 100 days (several monthly partitions), 10 numbers listed by three networks each. */
function reports(): ReportRow[] {
  const rows: ReportRow[] = [];
  for (let i = 0; i < 300; i++) {
    const number = `+3361${String((i % 10) * 1009).padStart(7, '0')}`;
    rows.push(reportRow(number, `r${i % 3}-${i}`, NOW - (i % 100) * DAY_MS));
  }
  return rows;
}

/** The definitions of `reports`' indexes (the parents), with the schema's name taken out. */
async function indexDefinitions(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ def: string }>(
    `SELECT regexp_replace(pg_get_indexdef(c.oid), '\\m' || current_schema() || '\\.', '', 'g') AS def
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = 'reports'::regclass ORDER BY c.relname`,
  );
  return rows.map((r) => r.def);
}

/** Indexes left behind by the build (temporary names) or not valid, anywhere in the schema. */
async function leftovers(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND (c.relname LIKE '%building%' OR NOT i.indisvalid)`,
  );
  return rows.map((r) => r.name);
}

/** Every migration's version, and those a start applies before listening: all but 5 (deferred). */
const ALL = MIGRATIONS.map((m) => m.version);
const AT_START = ALL.filter((v) => v !== 5);

const versions = async (db: Queryable) =>
  (await db.query<{ version: number }>('SELECT version FROM vigie_migrations ORDER BY version')).map((r) => r.version);

describe('deferred migrations', () => {
  const storages: { dataDir: string; schema: string | undefined }[] = [];
  afterEach(async () => {
    for (const s of storages.splice(0)) await dropTestStorage(s.dataDir, s.schema);
  }, 180_000);
  function storage() {
    const s = newTestStorage('vigie-deferred-');
    storages.push(s);
    return s;
  }
  const open = (s: { dataDir: string; schema: string | undefined }): Promise<Database> =>
    openDatabase({ url: POSTGRES_URL, dataDir: s.dataDir, schema: s.schema });

  it('a database migrated in one go has the covering indexes (the reference)', async () => {
    const s = storage();
    const db = await open(s);
    expect(await migrate(db)).toEqual(ALL);
    expect(await indexDefinitions(db)).toEqual([
      'CREATE INDEX reports_id_idx ON ONLY reports USING btree (id)',
      'CREATE INDEX reports_number_idx ON ONLY reports USING btree (number, reported_at) INCLUDE (received_at, id, reporter, category, addr_hash, demo)',
      'CREATE INDEX reports_received_at_idx ON ONLY reports USING btree (received_at)',
      'CREATE INDEX reports_reported_at_idx ON ONLY reports USING btree (reported_at)',
      'CREATE INDEX reports_reporter_idx ON ONLY reports USING btree (reporter, reported_at) INCLUDE (number)',
    ]);
    await db.close();
  }, 180_000);

  it('the service listens, stores reports and serves the last list before building the indexes', async () => {
    const s = storage();
    // A database of the previous release (migrations 1-4) with reports and a published list.
    const db = await open(s);
    await migrate(db, 4);
    await insertReports(db, reports());
    const first = await new Publisher(db, loadOrCreateSigningKey(s.dataDir), { dataDir: s.dataDir }).publish();
    expect(first.manifest.count).toBe(10);
    expect((await indexDefinitions(db)).filter((d) => d.includes('INCLUDE'))).toEqual([]);
    await db.close();

    const service = await startService({
      dataDir: s.dataDir,
      databaseUrl: POSTGRES_URL ?? '',
      schema: s.schema,
      port: 0,
      publishIntervalSeconds: 0,
      pwaDir: null,
    });
    try {
      // Listening, and migration 5 not applied yet (the later ones, which do not depend on it, were).
      expect(await versions(service.db)).toEqual(AT_START);
      const manifest = await fetch(`${service.url}/api/v1/list/manifest`);
      expect(manifest.status).toBe(200);
      expect(((await manifest.json()) as { version: number }).version).toBe(1);
      const posted = await postReport(service.url, report('+33612345678', newReporter()));
      expect(posted.status).toBe(201);

      expect(await service.migrations).toEqual([5]);
      await service.firstPublication;
      expect(await versions(service.db)).toEqual(ALL);
      expect((await indexDefinitions(service.db)).filter((d) => d.includes('INCLUDE'))).toEqual([
        'CREATE INDEX reports_number_idx ON ONLY reports USING btree (number, reported_at) INCLUDE (received_at, id, reporter, category, addr_hash, demo)',
        'CREATE INDEX reports_reporter_idx ON ONLY reports USING btree (reporter, reported_at) INCLUDE (number)',
      ]);
      expect(await leftovers(service.db)).toEqual([]);
    } finally {
      await service.close();
    }
  }, 180_000);

  it('a build stopped half way goes on, and a second run finds nothing to do', async () => {
    const s = storage();
    const db = await open(s);
    await migrate(db, 4);
    await insertReports(db, reports());
    // As a build stopped after the first partition: the new parent index, one partition's index attached.
    const [partition] = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'reports'::regclass ORDER BY c.relname LIMIT 1`,
    );
    const name = partition?.name as string;
    await db.query(
      `CREATE INDEX reports_number_idx_building ON ONLY reports (number, reported_at)
       INCLUDE (received_at, id, reporter, category, addr_hash, demo)`,
    );
    await db.query(
      `CREATE INDEX ${name}_number_idx ON ${name} (number, reported_at)
       INCLUDE (received_at, id, reporter, category, addr_hash, demo)`,
    );
    await db.query(`ALTER INDEX reports_number_idx_building ATTACH PARTITION ${name}_number_idx`);
    expect(await migrate(db, Number.POSITIVE_INFINITY, { defer: true })).toEqual(AT_START.filter((v) => v > 4));
    expect(await applyDeferred(db)).toEqual([5]);
    expect(await applyDeferred(db)).toEqual([]);
    expect((await indexDefinitions(db)).filter((d) => d.includes('INCLUDE'))).toHaveLength(2);
    expect(await leftovers(db)).toEqual([]);
    await db.close();
  }, 180_000);
});
