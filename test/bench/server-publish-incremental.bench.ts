/**
 * Incremental publication at scale (issue 12), beside the full-window publication as the baseline, on PostgreSQL
 * (when `VIGIE_BENCH_DATABASE_URL` is set) and PGlite. `VIGIE_BENCH_INCREMENTAL_REPORTS` (default 1,000,000;
 * comma-separated for several sizes, e.g. `1000000,5000000`) reports spread over 365 days are filled in SQL
 * (generate_series: synthetic, fixed seed), the first publication builds the crowd tables, then a day later
 * `VIGIE_BENCH_DAILY_REPORTS` new reports (default 200,000, France's daily volume) arrive through the writer's
 * insert statement, and:
 * - `publish.incremental.<n>.ms` / `publish.peak_rss.<n>.mb` (PostgreSQL; `.pglite.` on PGlite): the
 *   incremental publication of that day, in a process of its own (peak RSS is the process's maxRSS); baseline:
 *   the full-window publication of the same data on the same day, in a process of its own too. The baseline
 *   finds the list equal to the version just made and stops before writing files: the comparison favours it;
 * - `delta.daily.vs_snapshot.<n>`: that day's delta (decay and the new reports) over the snapshot;
 * - `publish.no_news.new_version.<n>`: a publication a day later with no report (1 if it made a version);
 * - `delta.daily.vs_snapshot.france_day.<n>`: the day after, a France-like day: as many new reports per listed
 *   entry as France's, 200,000 reports a day over 15 million listed numbers (issue 12), so 1 report per 75
 *   entries of the list before it (320 at 1M reports, whose list holds about 24,000 entries). The reports are
 *   drawn as the day above (same skewed pool and reporters), so they fall on at most 1.3% of the entries, like
 *   France's; the day above stays as it is for comparison: `VIGIE_BENCH_DAILY_REPORTS` whatever the list's size
 *   (the 2,740 of France's day scaled to a 1M window instead of a 73M one are 11% of 24,000 entries).
 * `VIGIE_BENCH_PUBLISH_BACKENDS=postgres` runs one back end only.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../server/db/database.ts';
import { openStore } from '../../server/db/open-store.ts';
import { Publisher } from '../../server/publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports } from '../../server/reports/report-store.ts';
import type { Manifest } from '../../shared/api/schemas.ts';
import { dropStorage } from './drop-storage.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 5, 1, 9);
const SIZES = (process.env.VIGIE_BENCH_INCREMENTAL_REPORTS ?? '1000000').split(',').map(Number);
const DAILY = Number(process.env.VIGIE_BENCH_DAILY_REPORTS ?? 200_000);
const CATEGORIES = ['telemarketing', 'telemarketing', 'robocall', 'scam', 'survey'] as const;
/** France (issue 12): 200,000 reports a day, 15 million listed numbers. */
const FRANCE_REPORTS_PER_ENTRY = 200_000 / 15_000_000;
const STEP_TIMEOUT_MS = 3_600_000;

function label(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}m` : `${Math.round(n / 1000)}k`;
}

// ---------------------------------------------------------------------------------------------------------
// The child: one publication, its time and the process's peak resident memory.
// ---------------------------------------------------------------------------------------------------------
interface ChildConfig {
  dataDir: string;
  databaseUrl: string;
  schema: string | undefined;
  now: number;
  full: boolean;
}

async function runChild(config: ChildConfig): Promise<void> {
  const db = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, schema: config.schema });
  const publisher = new Publisher(db, loadOrCreateSigningKey(config.dataDir), {
    dataDir: config.dataDir,
    now: () => config.now,
  });
  const t0 = performance.now();
  const result = await publisher.publish({ full: config.full });
  const ms = performance.now() - t0;
  await db.close();
  process.send?.({
    type: 'done',
    ms,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    manifest: result.manifest,
    changed: result.changed,
    stats: publisher.lastStats,
  });
}

const childEnv = process.env.VIGIE_BENCH_INCREMENTAL_CHILD;
if (childEnv) await runChild(JSON.parse(childEnv) as ChildConfig);

interface ChildResult {
  ms: number;
  peakRssMb: number;
  manifest: Manifest;
  changed: boolean;
  stats: unknown;
}

function publishInChild(config: ChildConfig, step: string): Promise<ChildResult> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, VIGIE_BENCH_INCREMENTAL_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`bench step '${step}': no answer within ${STEP_TIMEOUT_MS / 1000} s`));
    }, STEP_TIMEOUT_MS);
    child.on('message', (m: { type: string } & ChildResult) => {
      if (m.type !== 'done') return;
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench step '${step}': child exited with ${code} before answering`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The parent.
// ---------------------------------------------------------------------------------------------------------

/**
 * `count` reports over the 365 days before `endMs`, in SQL: a skewed number pool (a few call centres make most
 * reports), reporters with about five reports each, half imported (no network), 3% `legit`. Same shape as
 * server-publish.bench.ts's synthetic reports.
 */
async function fillReports(db: Database, count: number, endMs: number): Promise<void> {
  const pool = Math.max(1000, Math.floor(count / 4));
  const reporters = Math.max(100, Math.floor(count / 5));
  const batch = 250_000;
  await db.query('SELECT setseed(0.42)');
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch);
    await db.query(
      `INSERT INTO reports (id, number, reporter, category, region, reported_at, received_at, source, demo, addr_hash)
       SELECT md5('bench' || i)::uuid,
              '+33' || (1 + rank % 7) || lpad(((rank * 2654435761) % 100000000)::text, 8, '0'),
              'r' || floor(random() * $3)::bigint,
              CASE WHEN random() < 0.03 THEN 'legit' ELSE ($4::text[])[1 + i % 5] END,
              'FR', at, at,
              CASE WHEN i % 2 = 0 THEN 'import:vigie' ELSE 'api' END,
              false,
              CASE WHEN i % 2 = 0 THEN NULL ELSE 'n' || floor(random() * $3)::bigint END
       FROM (SELECT i, floor($5 * power(random(), 2.5))::bigint AS rank,
                    $6::timestamptz - random() * interval '365 days' AS at
             FROM generate_series($1::integer, $2::integer - 1) i) s`,
      [from, to, reporters, CATEGORIES, pool, new Date(endMs).toISOString()],
    );
  }
  // What the writer's statement keeps for every insert (report-store.ts), for the rows filled here.
  await db.query(
    `INSERT INTO number_activity (number, reports, last_reported_at, change_seq)
     SELECT number, count(*), max(reported_at), nextval('number_activity_seq') FROM reports GROUP BY number`,
  );
  // Statistics and the visibility map, as autovacuum would leave them after such a load (both publications read
  // the same tables; the vote reads are index-only scans once pages are marked visible, migration 5).
  await db.query('VACUUM ANALYZE');
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A day of reports through the writer's insert statement, on the same number pool and reporters. */
function dailyReports(count: number, total: number, endMs: number, seed: number): ReportRow[] {
  const random = seededRandom(seed);
  const pool = Math.max(1000, Math.floor(total / 4));
  const reporters = Math.max(100, Math.floor(total / 5));
  const rows: ReportRow[] = [];
  for (let i = 0; i < count; i++) {
    const rank = Math.floor(pool * random() ** 2.5);
    rows.push({
      id: uuid(random),
      number: `+33${1 + (rank % 7)}${String((rank * 2_654_435_761) % 100_000_000).padStart(8, '0')}`,
      reporter: `r${Math.floor(random() * reporters)}`,
      category: random() < 0.03 ? 'legit' : (CATEGORIES[i % CATEGORIES.length] ?? 'telemarketing'),
      comment: null,
      company: null,
      region: 'FR',
      calledAt: null,
      reportedAt: new Date(endMs - Math.floor(random() * DAY_MS)).toISOString(),
      source: 'api',
      demo: false,
      addrHash: `n${Math.floor(random() * reporters * 2)}`,
    });
  }
  return rows;
}

async function run(record: Record, backend: string, databaseUrl: string, total: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-incremental-'));
  const schema = databaseUrl ? `vigie_bench_${randomBytes(4).toString('hex')}` : undefined;
  const size = label(total);
  const name = (metric: string, unit: string) =>
    backend === 'postgres' ? `${metric}.${size}${unit}` : `${metric}.${backend}.${size}${unit}`;
  const config = (now: number, full: boolean): ChildConfig => ({ dataDir, databaseUrl, schema, now, full });
  try {
    let db = await openStore({ dataDir, databaseUrl, schema });
    let t0 = performance.now();
    await fillReports(db, total, START);
    console.log(`  (${backend} ${size}: reports filled in SQL in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await db.close();

    const first = await publishInChild(config(START, false), 'first publication (rebuild)');
    console.log(
      `  (${backend} ${size}: first publication, building the crowd tables: ${(first.ms / 1000).toFixed(1)} s, ` +
        `${first.peakRssMb.toFixed(0)} MB, ${first.manifest.count} entries)`,
    );

    // A day later: decay, and a day of new reports through the writer's statement.
    const day1 = START + DAY_MS;
    db = await openStore({ dataDir, databaseUrl, schema });
    t0 = performance.now();
    const rows = dailyReports(DAILY, total, day1, 99);
    for (let i = 0; i < rows.length; i += 2000) await insertReports(db, rows.slice(i, i + 2000));
    console.log(`  (${backend} ${size}: ${DAILY} new reports in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await db.close();

    const incremental = await publishInChild(config(day1, false), 'incremental publication');
    const full = await publishInChild(config(day1, true), 'full-window publication');
    console.log(
      `  (${backend} ${size}: incremental ${JSON.stringify(incremental.stats)}; full changed=${full.changed})`,
    );
    record(name('publish.incremental', '.ms'), { value: incremental.ms, unit: 'ms', baseline: full.ms });
    record(name('publish.peak_rss', '.mb'), { value: incremental.peakRssMb, unit: 'MB', baseline: full.peakRssMb });
    const delta = incremental.manifest.deltas.find((d) => d.from === first.manifest.version);
    const ratio = delta ? delta.size / incremental.manifest.snapshot.size : 1;
    record(name('delta.daily.vs_snapshot', ''), { value: ratio, unit: 'ratio' });
    if (backend === 'postgres') record('delta.daily.vs_snapshot', { value: ratio, unit: 'ratio' });

    // Another day, no report at all.
    const quiet = await publishInChild(config(day1 + DAY_MS, false), 'publication with no news');
    record(name('publish.no_news.new_version', ''), {
      value: quiet.manifest.version === incremental.manifest.version ? 0 : 1,
      unit: 'versions',
    });
    record(name('publish.no_news.incremental', '.ms'), { value: quiet.ms, unit: 'ms' });
    // When it made one: how many entries decay removed (a real change of level) and how many changed in all.
    const quietStats = quiet.stats as { changed?: number } | null;
    record(name('publish.no_news.entries_removed', ''), {
      value: incremental.manifest.count - quiet.manifest.count,
      unit: 'entries',
      baseline: quietStats?.changed ?? Number.NaN,
    });
    console.log(`  (${backend} ${size}: no news ${JSON.stringify(quiet.stats)})`);

    // The day after: a France-like day, sized by the list rather than the window.
    const day3 = day1 + 2 * DAY_MS;
    const franceCount = Math.max(1, Math.round(quiet.manifest.count * FRANCE_REPORTS_PER_ENTRY));
    db = await openStore({ dataDir, databaseUrl, schema });
    await insertReports(db, dailyReports(franceCount, total, day3, 100));
    await db.close();
    const france = await publishInChild(config(day3, false), 'France-like day');
    const franceDelta = france.manifest.deltas.find((d) => d.from === quiet.manifest.version);
    record(name('delta.daily.vs_snapshot.france_day', ''), {
      value: franceDelta ? franceDelta.size / france.manifest.snapshot.size : france.changed ? 1 : 0,
      unit: 'ratio',
      baseline: ratio,
    });
    console.log(
      `  (${backend} ${size}: France-like day, ${franceCount} reports over ${quiet.manifest.count} entries: ` +
        `${quiet.manifest.count} → ${france.manifest.count} entries, delta ${franceDelta?.size ?? 'none'} B over a ` +
        `${france.manifest.snapshot.size} B snapshot, ${JSON.stringify(france.stats)})`,
    );
  } finally {
    await dropStorage(databaseUrl, schema, dataDir);
  }
}

export default async function (record: Record): Promise<void> {
  const targets: [string, string][] = [['pglite', '']];
  const url = process.env.VIGIE_BENCH_DATABASE_URL;
  if (url) targets.unshift(['postgres', url]);
  const only = process.env.VIGIE_BENCH_PUBLISH_BACKENDS?.split(',');
  for (const total of SIZES) {
    for (const [backend, databaseUrl] of targets) {
      if (!only || only.includes(backend)) await run(record, backend, databaseUrl, total);
    }
  }
}
