/**
 * Incremental publication (issue 12): the list built from the numbers that changed, merged into the last
 * version, must be byte for byte the list the full-window publication (`computeList`, every vote in the window)
 * builds from the same reports on the same day. Checked day after day over data made to hit every rule: network
 * groups, standing, `legit` votes, protected and delisted numbers, ranges with vouched-for numbers inside, votes
 * leaving the window and decay. Plus cases written out by hand: what a version holds, no news no version, and
 * a number leaving the list by decay alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { openStore } from '../../server/db/open-store.ts';
import { filesDir } from '../../server/publish/file-store.ts';
import { encodeSnapshot } from '../../server/publish/list-codec.ts';
import { computeList } from '../../server/publish/list-entries.ts';
import { Publisher } from '../../server/publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports } from '../../server/reports/report-store.ts';
import type { Manifest } from '../../shared/api/schemas.ts';
import { openList } from '../../shared/list/reader.ts';
import type { Category } from '../../shared/verdict.ts';
import { seededRandom } from '../bench/seeded-random.ts';
import { POSTGRES_URL } from './server-harness.ts';

const DAY_MS = 86_400_000;
/** 2026-06-01, 12:00 UTC. */
const START = Date.UTC(2026, 5, 1, 12);

interface Store {
  db: Database;
  dataDir: string;
  publisher: Publisher;
  clock: { now: number };
  close(): Promise<void>;
}

async function openTestStore(): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-incremental-'));
  const schema = POSTGRES_URL ? `vigie_incr_${Math.random().toString(36).slice(2, 10)}` : undefined;
  const db = await openStore({ dataDir, databaseUrl: POSTGRES_URL ?? '', schema });
  const clock = { now: START };
  const publisher = new Publisher(db, loadOrCreateSigningKey(dataDir), { dataDir, now: () => clock.now });
  return {
    db,
    dataDir,
    publisher,
    clock,
    async close() {
      if (schema) await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let serial = 0;
function row(
  number: string,
  reporter: string,
  at: number,
  options: { category?: Category; addr?: string | null; source?: ReportRow['source'] } = {},
): ReportRow {
  serial++;
  const hex = serial.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    number,
    reporter,
    category: options.category ?? 'telemarketing',
    comment: null,
    company: null,
    region: 'FR',
    calledAt: null,
    reportedAt: new Date(at).toISOString(),
    source: options.source ?? 'api',
    demo: false,
    addrHash: options.addr === undefined ? `net-${reporter}` : options.addr,
  };
}

/** The snapshot file a manifest names. */
function snapshotBytes(store: Store, manifest: Manifest): Uint8Array {
  return new Uint8Array(readFileSync(join(filesDir(store.dataDir), manifest.snapshot.name)));
}

/** What the full-window publication writes for the same data and day, as that version. */
async function fullSnapshot(store: Store, version: number): Promise<Uint8Array> {
  const computed = await computeList(store.db, Math.floor(store.clock.now / DAY_MS));
  return encodeSnapshot({ ...computed.sorted, version });
}

/**
 * The standing an incremental publication stored (kept from each run's gains and losses of corroborations)
 * against the full publication's count of the same data and day, as sorted "reporter count" lines.
 */
async function standingAgainstFull(store: Store): Promise<[string[], string[]]> {
  const stored = await store.db.query<{ reporter: string; corroborated: number }>(
    'SELECT reporter, corroborated FROM reporter_standing',
  );
  const computed = await computeList(store.db, Math.floor(store.clock.now / DAY_MS));
  const lines = (pairs: Iterable<[string, number]>) => [...pairs].map(([r, n]) => `${r} ${n}`).sort();
  return [
    lines(stored.map((r) => [r.reporter, r.corroborated])),
    lines([...computed.corroborations].filter(([, n]) => n > 0)),
  ];
}

describe('incremental publication, cases written out by hand', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('lists a number three networks flagged today, with the payload in bands', async () => {
    await insertReports(store.db, [
      row('+33612345678', 'alice', START - 3_600_000),
      row('+33612345678', 'bob', START - 3_000_000),
      row('+33612345678', 'carol', START - 2_000_000, { category: 'scam' }),
      // Two reporters only: not listed.
      row('+33698765432', 'alice', START - 3_600_000),
      row('+33698765432', 'bob', START - 3_600_000),
    ]);
    const { manifest, changed } = await store.publisher.publish();
    expect(changed).toBe(true);
    const list = openList(snapshotBytes(store, manifest));
    expect(list.exactCount).toBe(1);
    // Listed at weight 1 (3.0 ≥ 2.5). One corroborated number each is far from the 10 that make a reporter weigh
    // 2, so each still weighs 1: 3.0, score round(85 × 3.0 / 2.5) = 102, in band 85; telemarketing (2.0)
    // outweighs scam (1.0); last report in June 2026 → 2026-06-01 = day 20605.
    expect(list.match('+33612345678')).toMatchObject({
      kind: 'exact',
      category: 'telemarketing',
      score: 85,
      reports: 3,
      lastReportDay: 20605,
    });
    expect(list.match('+33698765432')).toBeNull();
  });

  it('makes no version with no news, the same day or a day later', async () => {
    const before = (await store.publisher.current()) as Manifest;
    expect((await store.publisher.publish()).changed).toBe(false);
    store.clock.now += DAY_MS;
    const next = await store.publisher.publish();
    expect(next.changed).toBe(false);
    expect(next.manifest.version).toBe(before.version);
    expect(store.publisher.lastStats?.rebuilt).toBe(false);
  });

  it('a fourth report on the other number lists it, reading only the numbers that changed', async () => {
    await insertReports(store.db, [row('+33698765432', 'dave', store.clock.now - 1000)]);
    const { manifest, changed } = await store.publisher.publish();
    expect(changed).toBe(true);
    expect(store.publisher.lastStats).toMatchObject({ rebuilt: false, numbers: 1 });
    const list = openList(snapshotBytes(store, manifest));
    expect(list.exactCount).toBe(2);
    expect(list.match('+33698765432')).toMatchObject({ category: 'telemarketing', reports: 3 });
  });

  it('drops numbers by decay alone, on the day their weight falls under the threshold', async () => {
    // Worked out by hand (2^(−age/90) per vote; nobody here has the 10 corroborated numbers that make a
    // reporter weigh 2, so every vote weighs 1 in both passes):
    // +33612345678 has alice, bob and carol at day 0; +33698765432 alice and bob at day 0, dave at day 1.
    // - age 23: the first weighs 3 × 0.83766 = 2.513, the second 2 × 0.83766 + 0.84413 = 2.519: both listed;
    // - age 24: the first weighs 3 × 0.83124 = 2.494 < 2.5 and leaves the list, the second
    //   2 × 0.83124 + 0.83766 = 2.5001 stays;
    // - age 25: the second weighs 2 × 0.82486 + 0.83124 = 2.481 < 2.5 and leaves too, with no report since.
    store.clock.now = START + 23 * DAY_MS;
    const both = await store.publisher.publish();
    const bothList = openList(snapshotBytes(store, both.manifest));
    expect(bothList.match('+33612345678')).not.toBeNull();
    expect(bothList.match('+33698765432')).not.toBeNull();
    store.clock.now = START + 24 * DAY_MS;
    const kept = await store.publisher.publish();
    expect(kept.changed).toBe(true);
    const keptList = openList(snapshotBytes(store, kept.manifest));
    expect(keptList.match('+33612345678')).toBeNull();
    expect(keptList.match('+33698765432')).not.toBeNull();
    store.clock.now = START + 25 * DAY_MS;
    const dropped = await store.publisher.publish();
    expect(dropped.changed).toBe(true);
    expect(store.publisher.lastStats?.rebuilt).toBe(false);
    expect(dropped.manifest.count).toBe(0);
    expect(snapshotBytes(store, dropped.manifest)).toEqual(await fullSnapshot(store, dropped.manifest.version));
  });

  it('vigie publish --full gives the same list, and the next incremental run rebuilds its tables', async () => {
    await insertReports(store.db, [
      row('+33140000001', 'erin', store.clock.now - 1000),
      row('+33140000001', 'frank', store.clock.now - 900),
      row('+33140000001', 'grace', store.clock.now - 800),
    ]);
    const full = await store.publisher.publish({ full: true });
    expect(full.changed).toBe(true);
    expect(full.manifest.count).toBe(1);
    store.clock.now += DAY_MS;
    const again = await store.publisher.publish();
    expect(again.changed).toBe(false);
    expect(store.publisher.lastStats?.rebuilt).toBe(true);
    store.clock.now += DAY_MS;
    expect((await store.publisher.publish()).changed).toBe(false);
    expect(store.publisher.lastStats?.rebuilt).toBe(false);
  });
});

/**
 * Reports over 400 days on a few /100 blocks, from a pool of reporters that overlap (standing), a few sharing
 * networks, with `legit` votes, imported reports (no network) and protected numbers in a block.
 */
function history(random: () => number, from: number, to: number, count: number): ReportRow[] {
  const blocks = ['+331990012', '+331990013', '+336120000'];
  const rows: ReportRow[] = [];
  for (let i = 0; i < count; i++) {
    const block = blocks[Math.floor(random() * blocks.length)] as string;
    // Most reports go to 20 numbers per block, so blocks fill with listed numbers and ranges appear.
    const number = `${block}${String(Math.floor(random() ** 2 * 40)).padStart(2, '0')}`;
    // A few busy reporters and many occasional ones: some cross the standing step (10 corroborated numbers)
    // while the days go by, some fall back under it as decay delists their numbers.
    const reporter = `rep${Math.floor(random() ** 2 * 120)}`;
    const at = from + Math.floor(random() * (to - from));
    const roll = random();
    const category: Category = roll < 0.12 ? 'legit' : roll < 0.3 ? 'scam' : roll < 0.5 ? 'robocall' : 'telemarketing';
    const addr =
      roll > 0.95 ? null : random() < 0.1 ? 'shared-net' : `net-${reporter}-${Math.floor(at / (7 * DAY_MS))}`;
    rows.push(row(number, reporter, at, { category, addr, source: addr === null ? 'import:vigie' : 'api' }));
  }
  return rows;
}

describe('incremental and full publication give byte-identical lists', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('day after day, with new reports, quiet days, overrides, decay and votes leaving the window', async () => {
    const random = seededRandom(7);
    await insertReports(store.db, history(random, START - 400 * DAY_MS, START, 2500));
    // An admin protects a number inside a busy block (no range may cover it) and delists another.
    await store.db.query(
      `INSERT INTO number_overrides (number, protected, updated_at) VALUES ('+33199001377', true, now())`,
    );
    let versions = 0;
    let incrementalRuns = 0;
    let listedSeen = 0;
    let rangesSeen = 0;
    // Reporters crossing the standing step (10 corroborated numbers) in an incremental run: their other numbers
    // are weighed again in pass 2.
    let reweightedSeen = 0;
    for (let day = 0; day < 30; day++) {
      store.clock.now = START + day * DAY_MS;
      const quiet = day % 4 === 3;
      if (!quiet) await insertReports(store.db, history(random, store.clock.now - DAY_MS, store.clock.now, 40));
      if (day === 9) {
        await store.db.query(
          `INSERT INTO number_overrides (number, delisted_at, updated_at) VALUES ('+33199001201', now(), now())
           ON CONFLICT (number) DO UPDATE SET delisted_at = now(), updated_at = now()`,
        );
      }
      const { manifest, changed } = await store.publisher.publish();
      if (changed) versions++;
      if (store.publisher.lastStats?.rebuilt === false) incrementalRuns++;
      reweightedSeen += store.publisher.lastStats?.rebuilt === false ? store.publisher.lastStats.reweighted : 0;
      const bytes = snapshotBytes(store, manifest);
      expect(bytes, `day ${day}`).toEqual(await fullSnapshot(store, manifest.version));
      const [stored, full] = await standingAgainstFull(store);
      expect(stored, `standing, day ${day}`).toEqual(full);
      const list = openList(bytes);
      listedSeen = Math.max(listedSeen, list.exactCount);
      rangesSeen = Math.max(rangesSeen, list.rangeCount);
      // Protected: never listed, never inside a range.
      expect(list.match('+33199001377')).toBeNull();
    }
    // The data did exercise what it is meant to.
    expect(listedSeen).toBeGreaterThan(10);
    expect(rangesSeen).toBeGreaterThan(0);
    expect(incrementalRuns).toBeGreaterThanOrEqual(28);
    expect(versions).toBeGreaterThan(5);
    expect(reweightedSeen).toBeGreaterThan(0);
    // Then 200 quiet days: decay delists, votes leave the window; still the same list as the full publication.
    for (let day = 40; day <= 440; day += 20) {
      store.clock.now = START + day * DAY_MS;
      const { manifest } = await store.publisher.publish();
      reweightedSeen += store.publisher.lastStats?.rebuilt === false ? store.publisher.lastStats.reweighted : 0;
      expect(snapshotBytes(store, manifest), `day ${day}`).toEqual(await fullSnapshot(store, manifest.version));
    }
    const last = (await store.publisher.current()) as Manifest;
    expect(last.count).toBe(0);
  }, 600_000);
});
