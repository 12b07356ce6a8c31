/**
 * Ingest during a publication (issue 12: "ingest keeps its p99 during a publication"). PGlite is one session: a
 * transaction open there holds every other statement until it ends, so a publication in one transaction held
 * ingest for its whole length. Now the incremental publication writes its tables statement by statement on
 * PGlite, and a report is stored between two of its statements. A publication that stops half way must then
 * leave tables that the next one rebuilds, giving the same list as the full-window publication.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../server/db/database.ts';
import { openStore } from '../../server/db/open-store.ts';
import { filesDir } from '../../server/publish/file-store.ts';
import { encodeSnapshot } from '../../server/publish/list-codec.ts';
import { computeList } from '../../server/publish/list-entries.ts';
import { Publisher } from '../../server/publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports, votesForNumbers } from '../../server/reports/report-store.ts';
import { reportRowMaker } from './report-row-fixture.ts';
import { POSTGRES_URL } from './server-harness.ts';

const DAY_MS = 86_400_000;
/** 2026-06-01, 12:00 UTC. */
const START = Date.UTC(2026, 5, 1, 12);

const row = reportRowMaker('9000');

/** The i-th number, each in a /100 block of its own (no range entries). */
const numberOf = (i: number) => `+3361${String(i * 1009).padStart(7, '0')}`;

/** Three networks on each of `count` numbers: all listed. */
function listedNumbers(count: number, at: number): ReportRow[] {
  const rows: ReportRow[] = [];
  for (let i = 0; i < count; i++) {
    const number = numberOf(i);
    for (const reporter of ['ann', 'ben', 'cat']) rows.push(row(number, `${reporter}${i % 7}`, at));
  }
  return rows;
}

/** A vote read of the publication (report-store.ts `votesForNumbers`). */
const isVoteRead = (sql: string) => sql.includes('JOIN reports r ON r.number = n.number');

/**
 * `db` with `hook` run before each statement, whether in a transaction or not; `interleaved` as the worker's
 * database on PGlite says it (statements then cut short: report-store.ts, incremental.ts).
 */
function hooked(db: Database, hook: (sql: string) => Promise<void>, interleaved = false): Database {
  const wrap = (q: Queryable): Queryable => ({
    interleaved,
    async query<T>(sql: string, params?: readonly unknown[]) {
      await hook(sql);
      return q.query<T>(sql, params);
    },
  });
  return {
    ...db,
    interleaved,
    query: wrap(db).query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  };
}

function within<T>(promise: Promise<T>, ms: number, step: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${step}: not done within ${ms} ms`)), ms)),
  ]);
}

describe('ingest during a publication', () => {
  let cleanup: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  }, 180_000);

  async function open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-interleave-'));
    const schema = POSTGRES_URL ? `vigie_ilv_${Math.random().toString(36).slice(2, 10)}` : undefined;
    const db = await openStore({ dataDir, databaseUrl: POSTGRES_URL ?? '', schema });
    cleanup = async () => {
      if (schema) await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
    return { db, dataDir, key: loadOrCreateSigningKey(dataDir) };
  }

  it('stores a report between two statements of an incremental publication', async () => {
    const { db, dataDir, key } = await open();
    await insertReports(db, listedNumbers(20, START - 3_600_000));
    const clock = { now: START };
    expect((await new Publisher(db, key, { dataDir, now: () => clock.now }).publish()).manifest.count).toBe(20);
    // A day later, news on one number; at the publication's first vote read, a report arrives.
    clock.now += DAY_MS;
    await insertReports(db, [row(numberOf(3), 'dan', clock.now - 1000)]);
    let stored = 0;
    const publisher = new Publisher(
      hooked(db, async (sql) => {
        if (!isVoteRead(sql) || stored > 0) return;
        // Before the fix, on PGlite, this waited for the publication's transaction, which waited for it.
        const ids = await within(insertReports(db, [row(numberOf(4), 'eve', clock.now - 500)]), 5000, 'the report');
        stored = ids.size;
      }),
      key,
      { dataDir, now: () => clock.now },
    );
    const result = await within(publisher.publish(), 30_000, 'the publication');
    expect(stored).toBe(1);
    expect(publisher.lastStats?.rebuilt).toBe(false);
    expect(result.changed).toBe(true);
  }, 180_000);

  it('a publication that stops half way leaves tables the next one makes right', async () => {
    const { db, dataDir, key } = await open();
    await insertReports(db, listedNumbers(12, START - 3_600_000));
    const clock = { now: START };
    await new Publisher(db, key, { dataDir, now: () => clock.now }).publish();
    clock.now += DAY_MS;
    // A fourth network on two numbers, and two numbers listed anew.
    await insertReports(db, [
      row(numberOf(1), 'dan', clock.now - 1000),
      row(numberOf(2), 'dan', clock.now - 1000),
      ...listedNumbers(14, clock.now - 900).slice(36),
    ]);
    // Stopped at pass 2's first write: pass 1 has written the new flaggers by then.
    let flaggersWritten = false;
    const failing = new Publisher(
      hooked(db, async (sql) => {
        if (sql.includes('INSERT INTO crowd_flaggers')) flaggersWritten = true;
        if (sql.includes('INSERT INTO crowd_numbers')) throw new Error('stopped half way');
      }),
      key,
      { dataDir, now: () => clock.now },
    );
    await expect(failing.publish()).rejects.toThrow('stopped half way');
    expect(flaggersWritten).toBe(true);
    // PGlite wrote pass 1 statement by statement: the tables say they describe no version. PostgreSQL rolled
    // the transaction back: they still describe version 1.
    const [state] = await db.query<{ version: number }>('SELECT version FROM crowd_state WHERE id = 1');
    expect(state?.version).toBe(db.kind === 'pglite' ? 0 : 1);
    const publisher = new Publisher(db, key, { dataDir, now: () => clock.now });
    const next = await publisher.publish();
    expect(publisher.lastStats?.rebuilt).toBe(db.kind === 'pglite');
    expect(next.manifest.version).toBe(2);
    expect(next.manifest.count).toBe(14);
    const bytes = new Uint8Array(readFileSync(join(filesDir(dataDir), next.manifest.snapshot.name)));
    const full = await computeList(db, Math.floor(clock.now / DAY_MS));
    expect(bytes).toEqual(encodeSnapshot({ ...full.sorted, version: 2 }));
  }, 180_000);

  it('with statements cut short (chunks of 500, votes of 100 numbers), the bytes of the full publication', async () => {
    const { db, dataDir, key } = await open();
    await insertReports(db, listedNumbers(700, START - 3_600_000));
    const clock = { now: START };
    const cut = hooked(db, async () => {}, true);
    const first = await new Publisher(cut, key, { dataDir, now: () => clock.now }).publish();
    expect(first.manifest.count).toBe(700);
    // A day later, a fourth network on 650 of them: pass 1 reads them in two chunks, their votes in seven.
    clock.now += DAY_MS;
    await insertReports(
      db,
      Array.from({ length: 650 }, (_, i) => row(numberOf(i), 'dan', clock.now - 1000)),
    );
    const publisher = new Publisher(cut, key, { dataDir, now: () => clock.now });
    const next = await publisher.publish();
    expect(publisher.lastStats).toMatchObject({ rebuilt: false, numbers: 650 });
    expect(next.changed).toBe(true);
    const bytes = new Uint8Array(readFileSync(join(filesDir(dataDir), next.manifest.snapshot.name)));
    const full = await computeList(db, Math.floor(clock.now / DAY_MS));
    expect(bytes).toEqual(encodeSnapshot({ ...full.sorted, version: next.manifest.version }));
  }, 180_000);

  it('reads a busy number alone, a span of time per statement, each vote once and in order', async () => {
    const { db } = await open();
    // 2,345 votes on one number over 300 days, two by two at the same instant (ties broken by id, the
    // insertion order here), and 150 numbers with three votes each.
    const busy = '+33612340000';
    const step = Math.floor((299 * DAY_MS) / 1200);
    const reporters = Array.from({ length: 2345 }, (_, i) => `p${i}`);
    const rows = reporters.map((reporter, i) => row(busy, reporter, START - 300 * DAY_MS + Math.floor(i / 2) * step));
    for (let i = 0; i < rows.length; i += 500) await insertReports(db, rows.slice(i, i + 500));
    await insertReports(db, listedNumbers(150, START - 3_600_000));
    const numbers = [busy, ...Array.from({ length: 150 }, (_, i) => numberOf(i))].sort();
    const returned: number[] = [];
    const cut: Queryable = {
      interleaved: true,
      async query<T>(sql: string, params?: readonly unknown[]) {
        const result = await db.query<T>(sql, params);
        if (sql.includes('FROM reports r') || sql.includes('JOIN reports r')) returned.push(result.length);
        return result;
      },
    };
    const today = Math.floor(START / DAY_MS);
    const votes = await votesForNumbers(cut, numbers, today);
    expect(votes.get(busy)?.map((v) => v.reporter)).toEqual(reporters);
    for (let i = 0; i < 150; i++) expect(votes.get(numberOf(i))).toHaveLength(3);
    // 2,345 votes in six spans of 61 days (about 477 votes in each of the five the 300 days cover), and the
    // 450 others in two pieces of at most 100 numbers.
    expect(Math.max(...returned)).toBeLessThanOrEqual(500);
    expect(returned.reduce((a, b) => a + b, 0)).toBe(2345 + 450);
    // The one-statement path (PostgreSQL, or PGlite on its own thread) reads the same.
    expect(votes).toEqual(await votesForNumbers(db, numbers, today));
  }, 180_000);
});
