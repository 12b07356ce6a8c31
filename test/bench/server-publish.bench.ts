/**
 * Publication at scale (issue 12), on the real service in a child process, on PGlite and — when
 * `VIGIE_BENCH_DATABASE_URL` is set — on PostgreSQL. `VIGIE_BENCH_PUBLISH_REPORTS` reports (default 200,000,
 * synthetic, fixed seed) are spread over 365 days; then:
 * - `service.ready.<db>.<n>.ms`: start-up until the service listens (it no longer waits for a publication);
 *   baseline: until the start-up publication ended, which is what start-up used to wait for;
 * - `publish.full.<db>.<n>.ms` and `publish.peak_rss.<db>.<n>.mb`: a publication after a day of decay and a
 *   day of new reports (n / 365), as it runs today (every vote in the window is read: no incremental
 *   publication yet), and the child's peak resident memory during it;
 * - `delta.daily.vs_snapshot.<db>.<n>`: that publication's delta from the day before over the snapshot;
 * - `publish.no_news.new_version.<db>.<n>`: 1 when a publication a day later with no report made a version;
 * - `server.ingest.during_publish.<db>.<n>.p99_ms`: p99 of reports sent while a publication runs; baseline:
 *   the same load with no publication.
 * The clock of the child moves a day at a time over IPC, so decay is real.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrations.ts';
import { openStore } from '../../server/db/open-store.ts';
import { maintainReportPartitions } from '../../server/db/report-partitions.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports } from '../../server/reports/report-store.ts';
import { startService } from '../../server/service.ts';
import type { Manifest } from '../../shared/api/schemas.ts';
import { dropStorage } from './drop-storage.ts';
import { reportPoster } from './report-poster.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const DAY_MS = 86_400_000;
const ADMIN = 'bench-admin-token-0123456789';
const TOTAL = Number(process.env.VIGIE_BENCH_PUBLISH_REPORTS ?? 200_000);
const LABEL = TOTAL >= 1_000_000 ? `${TOTAL / 1_000_000}m` : `${Math.round(TOTAL / 1000)}k`;
const CATEGORIES = ['telemarketing', 'telemarketing', 'robocall', 'scam', 'survey'] as const;

// ---------------------------------------------------------------------------------------------------------
// The child: the service with a clock the parent moves, and its resident memory sampled every 20 ms.
// ---------------------------------------------------------------------------------------------------------
interface ChildConfig {
  dataDir: string;
  databaseUrl: string;
  schema: string | undefined;
  startMs: number;
  /** Where the service publishes (server/service.ts `publishIn`); the worker unless said. */
  publishIn?: 'worker' | 'thread';
}

async function runChild(config: ChildConfig): Promise<void> {
  let offset = 0;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  sampler.unref();
  const t0 = performance.now();
  const service = await startService({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    port: 0,
    trustProxy: true,
    publishIntervalSeconds: 0,
    adminToken: ADMIN,
    pwaDir: null,
    publishIn: config.publishIn ?? 'worker',
    now: () => config.startMs + offset,
  });
  const readyMs = performance.now() - t0;
  await service.migrations;
  const migrationsMs = performance.now() - t0;
  await service.firstPublication;
  const firstPublicationMs = performance.now() - t0;
  process.send?.({ type: 'ready', url: service.url, readyMs, migrationsMs, firstPublicationMs });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'advance') offset += DAY_MS;
    if (message.type === 'reset-rss') peakRss = process.memoryUsage().rss;
    if (message.type === 'rss') process.send?.({ type: 'rss', peakRss });
    if (message.type === 'stop') void service.close().then(() => process.exit(0));
    if (message.type === 'seed') {
      // A day of reports through the writer's insert statement, in the service's own database (PGlite cannot
      // be opened by a second process).
      const { count, atMs, seed } = message as unknown as { count: number; atMs: number; seed: number };
      void insertReports(service.db, dayOfReports(count, atMs, seed)).then(() => process.send?.({ type: 'seeded' }));
    }
  });
}

const childEnv = process.env.VIGIE_BENCH_PUBLISH_CHILD;
if (childEnv) await runChild(JSON.parse(childEnv) as ChildConfig);

// ---------------------------------------------------------------------------------------------------------
// The parent.
// ---------------------------------------------------------------------------------------------------------
function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** A pool of numbers with a skewed popularity (a few call centres make most reports), as real traffic is. */
function numberPicker(random: () => number, pool: number): () => string {
  return () => {
    const rank = Math.floor(pool * random() ** 2.5);
    return `+33${1 + (rank % 7)}${String((rank * 2_654_435_761) % 100_000_000).padStart(8, '0')}`;
  };
}

function syntheticReports(count: number, todayMs: number, seed: number): ReportRow[] {
  const random = seededRandom(seed);
  const pick = numberPicker(random, Math.max(1000, Math.floor(count / 4)));
  const rows: ReportRow[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(todayMs - Math.floor(random() * 365 * DAY_MS)).toISOString();
    rows.push({
      id: uuid(random),
      number: pick(),
      reporter: `r${Math.floor(random() * count)}`,
      category: CATEGORIES[i % CATEGORIES.length] ?? 'telemarketing',
      comment: null,
      company: null,
      region: 'FR',
      calledAt: null,
      reportedAt: at,
      source: 'import:vigie',
      demo: false,
      addrHash: null,
    });
  }
  return rows;
}

interface Child {
  url: string;
  readyMs: number;
  /** Until the deferred migrations (index builds) ended. */
  migrationsMs: number;
  firstPublicationMs: number;
  process: ChildProcess;
}

function startChild(config: ChildConfig): Promise<Child> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, VIGIE_BENCH_PUBLISH_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench service: not ready within 600 s')), 600_000);
    child.on('message', (m: { type: string } & Omit<Child, 'process'>) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      const { url, readyMs, migrationsMs, firstPublicationMs } = m;
      resolve({ url, readyMs, migrationsMs, firstPublicationMs, process: child });
    });
    child.once('exit', (code) => reject(new Error(`bench service exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, type: string, answer?: string): Promise<T | undefined> {
  if (!answer) {
    child.send({ type });
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench service: no '${answer}' answer within 30 s`)), 30_000);
    const listener = (m: { type: string } & T) => {
      if (m.type !== answer) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(m);
    };
    child.on('message', listener);
    child.send({ type });
  });
}

async function publish(base: string): Promise<{ manifest: Manifest; ms: number }> {
  const t0 = performance.now();
  const response = await fetch(`${base}/api/v1/admin/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(900_000),
  });
  if (response.status !== 200) throw new Error(`publish: HTTP ${response.status}`);
  return { manifest: (await response.json()) as Manifest, ms: performance.now() - t0 };
}

/** `count` reports over 8 keep-alive connections; the latency of each and when it was sent. */
async function load(base: string, count: number, seed: number) {
  const random = seededRandom(seed);
  const pick = numberPicker(random, Math.max(1000, Math.floor(TOTAL / 4)));
  const poster = reportPoster(base, 8);
  const samples: { start: number; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        const body = JSON.stringify({
          id: randomUUID(),
          reporter: `load${randomBytes(12).toString('hex')}`,
          number: pick(),
          category: CATEGORIES[i % CATEGORIES.length],
        });
        const start = performance.now();
        await poster.post(body, `198.18.${(i >> 8) % 200}.${i & 255}`);
        samples.push({ start, ms: performance.now() - start });
      }
    }),
  );
  poster.close();
  return samples;
}

function p99(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? Number.NaN;
}

async function run(record: Record, name: string, databaseUrl: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-publish-'));
  const schema = databaseUrl ? `vigie_bench_${randomBytes(4).toString('hex')}` : undefined;
  const startMs = Date.UTC(2026, 5, 1, 9);
  let child: Child | null = null;
  try {
    const db = await openStore({ dataDir, databaseUrl, schema });
    const t0 = performance.now();
    await insertReports(db, syntheticReports(TOTAL, startMs, 12));
    console.log(`  (${name}: ${TOTAL} reports stored in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await db.close();

    // First start: a full publication over an empty list_versions.
    child = await startChild({ dataDir, databaseUrl, schema, startMs });
    await ask(child.process, 'stop');
    await new Promise((resolve) => child?.process.once('exit', resolve));
    // Restart with a day of reports since: the service listens at once, publication follows.
    const seeded = await openStore({ dataDir, databaseUrl, schema });
    await insertReports(seeded, syntheticReports(Math.ceil(TOTAL / 365), startMs + DAY_MS - 3_600_000, 13));
    await seeded.close();
    child = await startChild({ dataDir, databaseUrl, schema, startMs: startMs + DAY_MS });
    record(`service.ready.${name}.${LABEL}.ms`, {
      value: child.readyMs,
      unit: 'ms',
      baseline: child.firstPublicationMs,
    });
    const before = (await publish(child.url)).manifest;

    // A day later: decay, and a day of new reports.
    await ask(child.process, 'advance');
    await load(child.url, Math.ceil(TOTAL / 365), 21);
    await ask(child.process, 'reset-rss');
    const daily = await publish(child.url);
    const rss = await ask<{ peakRss: number }>(child.process, 'rss', 'rss');
    record(`publish.full.${name}.${LABEL}.ms`, { value: daily.ms, unit: 'ms' });
    record(`publish.peak_rss.${name}.${LABEL}.mb`, { value: (rss?.peakRss ?? Number.NaN) / 1e6, unit: 'MB' });
    const delta = daily.manifest.deltas.find((d) => d.from === before.version);
    record(`delta.daily.vs_snapshot.${name}.${LABEL}`, {
      value: delta ? delta.size / daily.manifest.snapshot.size : 1,
      unit: 'ratio',
    });

    // Another day, no report at all.
    await ask(child.process, 'advance');
    const quiet = await publish(child.url);
    record(`publish.no_news.new_version.${name}.${LABEL}`, {
      value: quiet.manifest.version === daily.manifest.version ? 0 : 1,
      unit: 'versions',
    });
    // When it did make one: entries gone (decay delisted them: a real change of level) and the delta's weight.
    record(`publish.no_news.entries_removed.${name}.${LABEL}`, {
      value: daily.manifest.count - quiet.manifest.count,
      unit: 'entries',
      baseline: daily.manifest.count,
    });
    const quietDelta = quiet.manifest.deltas.find((d) => d.from === daily.manifest.version);
    record(`publish.no_news.delta.vs_snapshot.${name}.${LABEL}`, {
      value:
        quiet.manifest.version === daily.manifest.version
          ? 0
          : (quietDelta?.size ?? Number.NaN) / quiet.manifest.snapshot.size,
      unit: 'ratio',
    });

    // Ingest with and without a publication running (a day later again, so the publication has work).
    const calm = await load(child.url, 2000, 31);
    await ask(child.process, 'advance');
    const publishing = publish(child.url);
    const startedAt = performance.now();
    let publishedAt = Number.POSITIVE_INFINITY;
    void publishing.then(() => {
      publishedAt = performance.now();
    });
    const busy = await load(child.url, 4000, 41);
    await publishing;
    const during = busy.filter((s) => s.start >= startedAt && s.start <= publishedAt).map((s) => s.ms);
    record(`server.ingest.during_publish.${name}.${LABEL}.p99_ms`, {
      value: during.length > 0 ? p99(during) : Number.NaN,
      unit: 'ms',
      baseline: p99(calm.map((s) => s.ms)),
    });
    console.log(`  (${name}: ${during.length} reports sent during the publication)`);
  } finally {
    if (child && child.process.exitCode === null) {
      await ask(child.process, 'stop');
      await new Promise((resolve) => child?.process.once('exit', resolve));
    }
    await dropStorage(databaseUrl, schema, dataDir);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Serving at scale (issue 12, "publication never stalls the service"): a table of `VIGIE_BENCH_SCALE_REPORTS`
// reports (default 5M, filled in SQL, not over HTTP), then
// - `service.ready.<n>.ms`: start-up until the service listens; baseline: until its start-up publication ended;
// - `server.ingest.<n>.per_s` / `.p99_ms`: ingest over HTTP with the table full, no publication running;
// - `server.ingest.during_publish.p99_ms`: p99 of reports sent while a full publication runs in the worker;
//   baseline: the same, the publication on the serving thread (the way it ran before).
// The names without a back end are PostgreSQL's (the deployment at this size); PGlite's carry `.pglite`.
// ---------------------------------------------------------------------------------------------------------
const SCALE = Number(process.env.VIGIE_BENCH_SCALE_REPORTS ?? 5_000_000);
/** Reports of the day before the measured publication. */
const DAILY = Number(process.env.VIGIE_BENCH_DAILY_REPORTS ?? 200_000);
const SCALE_LABEL = SCALE >= 1_000_000 ? `${SCALE / 1_000_000}m` : `${Math.round(SCALE / 1000)}k`;

/** `count` reports over the 24 hours before `dayEndMs`, on the numbers of the table filled at SCALE. */
function dayOfReports(count: number, dayEndMs: number, seed: number): ReportRow[] {
  const random = seededRandom(seed);
  const pick = numberPicker(random, Math.max(1000, Math.floor(SCALE / 4)));
  return Array.from({ length: count }, (_, i) => ({
    id: uuid(random),
    number: pick(),
    reporter: `day${Math.floor(random() * count)}`,
    category: CATEGORIES[i % CATEGORIES.length] ?? 'telemarketing',
    comment: null,
    company: null,
    region: 'FR',
    calledAt: null,
    reportedAt: new Date(dayEndMs - Math.floor(random() * DAY_MS)).toISOString(),
    source: 'api' as const,
    demo: false,
    addrHash: `day-net-${Math.floor(random() * count)}`,
  }));
}

/** `count` synthetic reports over 365 days before `todayMs`, in SQL (generate_series), in chunks. */
async function fillInSql(db: Awaited<ReturnType<typeof openStore>>, count: number, todayMs: number): Promise<void> {
  const CHUNK = 250_000;
  const pool = Math.max(1000, Math.floor(count / 4));
  await db.query('SELECT setseed(0.12)');
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    // Same shape as syntheticReports: a skewed number popularity (rank = pool × u^2.5), 5 categories.
    await db.query(
      `INSERT INTO reports (id, number, reporter, category, region, reported_at, received_at, source, demo)
       SELECT md5('scale' || i)::uuid,
              '+33' || (1 + rank % 7) || lpad(((rank * 2654435761) % 100000000)::text, 8, '0'),
              'r' || floor(random() * $2)::bigint,
              (ARRAY['telemarketing','telemarketing','robocall','scam','survey'])[1 + i % 5],
              'FR', at, at, 'import:vigie', false
       FROM (SELECT i, floor($3 * power(random(), 2.5))::bigint AS rank,
                    $4::timestamptz - random() * interval '365 days' AS at
             FROM generate_series($1::integer, $5::integer) AS i) g`,
      [from, count, pool, new Date(todayMs).toISOString(), to],
    );
  }
  // What the writer's insert statement keeps beside the reports: the ids (duplicate detection) and the
  // per-number activity (incremental publication).
  await db.query('INSERT INTO report_ids (id, reported_at) SELECT id, reported_at FROM reports');
  await db.query(
    `INSERT INTO number_activity (number, reports, last_reported_at, change_seq)
     SELECT number, count(*), max(reported_at), nextval('number_activity_seq') FROM reports GROUP BY number`,
  );
}

/**
 * Reports over 8 keep-alive connections while `keepGoing()` (and at most `max`, `maxMs`): each one's latency and
 * start, and the answers that were not 201.
 */
async function ingestWhile(base: string, seed: number, keepGoing: () => boolean, max: number, maxMs: number) {
  const random = seededRandom(seed);
  const pick = numberPicker(random, Math.max(1000, Math.floor(SCALE / 4)));
  const poster = reportPoster(base, 8);
  const samples: { start: number; ms: number }[] = [];
  const refused = new Map<number, number>();
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < max && keepGoing() && performance.now() - began < maxMs) {
        const i = next++;
        const body = JSON.stringify({
          id: randomUUID(),
          reporter: `scale${randomBytes(12).toString('hex')}`,
          number: pick(),
          category: CATEGORIES[i % CATEGORIES.length],
        });
        const start = performance.now();
        const status = await poster.post(body, `198.${18 + ((i >> 16) & 1)}.${(i >> 8) & 255}.${i & 255}`);
        samples.push({ start, ms: performance.now() - start });
        if (status !== 201) refused.set(status, (refused.get(status) ?? 0) + 1);
      }
    }),
  );
  poster.close();
  return { samples, refused, seconds: (performance.now() - began) / 1000 };
}

/**
 * POST /admin/publish with no header timeout: fetch's (undici's) gives up after 300 s, and a publication after a
 * day of 200,000 reports took longer than that on a loaded machine. Bounded at 30 minutes.
 */
function publishLong(base: string): Promise<{ ms: number }> {
  const url = new URL(`${base}/api/v1/admin/publish`);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'content-length': 0 },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve({ ms: performance.now() - t0 })
            : reject(new Error(`publish: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.setTimeout(1_800_000, () => req.destroy(new Error('publish: no answer within 30 minutes')));
    req.on('error', reject);
    req.end();
  });
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  await ask(child.process, 'stop');
  await exited;
}

/** p99 of the reports sent while a publication (admin request, a day later so it has work) ran. */
async function ingestDuringPublication(
  child: Child,
  seed: number,
  dayEndMs: number,
): Promise<{ p99: number; sent: number; ms: number }> {
  // A day of France's volume (issue 12: 200,000 reports a day) before the publication, so that it has work.
  const seeded = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('bench service: the day of reports not stored within 600 s')),
      600_000,
    );
    const listener = (m: { type: string }) => {
      if (m.type !== 'seeded') return;
      clearTimeout(timer);
      child.process.off('message', listener);
      resolve();
    };
    child.process.on('message', listener);
  });
  child.process.send({ type: 'seed', count: DAILY, atMs: dayEndMs, seed });
  await seeded;
  await ask(child.process, 'advance');
  let done = false;
  const t0 = performance.now();
  const publishing = publishLong(child.url).finally(() => {
    done = true;
  });
  // Bounded: at most 400,000 reports or 15 minutes, whichever comes first.
  const busy = await ingestWhile(child.url, seed, () => !done, 400_000, 900_000);
  const { ms } = await publishing;
  const during = busy.samples.filter((s) => s.start - t0 <= ms).map((s) => s.ms);
  if (busy.refused.size > 0) console.log(`  (answers other than 201 during the publication: ${[...busy.refused]})`);
  return { p99: p99(during), sent: during.length, ms };
}

async function runAtScale(record: Record, name: string, databaseUrl: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-scale-'));
  const schema = databaseUrl ? `vigie_bench_${randomBytes(4).toString('hex')}` : undefined;
  const suffix = name === 'postgres' ? '' : `.${name}`;
  const startMs = Date.UTC(2026, 5, 1, 9);
  const children: Child[] = [];
  try {
    const db = await openStore({ dataDir, databaseUrl, schema });
    // The months of the bench's clock (the migration made the real clock's): no report lands in the default
    // partition, as none does in a service whose clock is the real one.
    await maintainReportPartitions(db, startMs);
    const t0 = performance.now();
    await fillInSql(db, SCALE, startMs);
    await db.query('ANALYZE reports');
    console.log(`  (${name}: ${SCALE} reports filled in SQL in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await db.close();

    // Start-up on a full table: listens at once; the baseline is the start-up publication's end.
    const worker = await startChild({ dataDir, databaseUrl, schema, startMs, publishIn: 'worker' });
    children.push(worker);
    record(`service.ready.${SCALE_LABEL}${suffix}.ms`, {
      value: worker.readyMs,
      unit: 'ms',
      baseline: worker.firstPublicationMs,
    });
    // Ingest with the table full, no publication running (the start-up one is over: startChild waits for it).
    const calm = await ingestWhile(worker.url, 51, () => true, 20_000, 300_000);
    record(`server.ingest.${SCALE_LABEL}${suffix}.per_s`, { value: calm.samples.length / calm.seconds, unit: '/s' });
    record(`server.ingest.${SCALE_LABEL}${suffix}.p99_ms`, { value: p99(calm.samples.map((s) => s.ms)), unit: 'ms' });
    // The child's clock is at startMs; the day of reports ends just before its next day.
    const off = await ingestDuringPublication(worker, 52, startMs + DAY_MS - 1000);
    console.log(`  (${name}: worker publication ${(off.ms / 1000).toFixed(1)} s, ${off.sent} reports sent during it)`);
    await stopChild(worker);

    // The same on the serving thread, as publication ran before: the baseline.
    const inThread = await startChild({ dataDir, databaseUrl, schema, startMs: startMs + DAY_MS, publishIn: 'thread' });
    children.push(inThread);
    const on = await ingestDuringPublication(inThread, 53, startMs + 2 * DAY_MS - 1000);
    console.log(`  (${name}: in-thread publication ${(on.ms / 1000).toFixed(1)} s, ${on.sent} reports sent during it)`);
    await stopChild(inThread);
    record(`server.ingest.during_publish${suffix}.p99_ms`, { value: off.p99, unit: 'ms', baseline: on.p99 });
  } finally {
    for (const child of children) await stopChild(child);
    await dropStorage(databaseUrl, schema, dataDir);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Start-up after an upgrade (issue 12, "ready in under 2 s at any size"): a database of the release before
// migration 5 (migrations 1-4) with `VIGIE_BENCH_UPGRADE_REPORTS` reports (default 200,000; 0 skips), then
// - `service.ready.upgrade.<n>.ms`: start-up until the service listens; baseline: until migration 5's index
//   builds ended, which start-up waited for before they were deferred.
// ---------------------------------------------------------------------------------------------------------
const UPGRADE = Number(process.env.VIGIE_BENCH_UPGRADE_REPORTS ?? 200_000);

async function runUpgrade(record: Record, name: string, databaseUrl: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-upgrade-'));
  const schema = databaseUrl ? `vigie_bench_${randomBytes(4).toString('hex')}` : undefined;
  const label = UPGRADE >= 1_000_000 ? `${UPGRADE / 1_000_000}m` : `${Math.round(UPGRADE / 1000)}k`;
  const suffix = name === 'postgres' ? '' : `.${name}`;
  const startMs = Date.UTC(2026, 5, 1, 9);
  let child: Child | null = null;
  try {
    const db = await openDatabase({ url: databaseUrl || undefined, dataDir, schema });
    await migrate(db, 4);
    await maintainReportPartitions(db, startMs);
    await fillInSql(db, UPGRADE, startMs);
    await db.query('VACUUM ANALYZE reports');
    await db.close();
    child = await startChild({ dataDir, databaseUrl, schema, startMs });
    record(`service.ready.upgrade.${label}${suffix}.ms`, {
      value: child.readyMs,
      unit: 'ms',
      baseline: child.migrationsMs,
    });
    console.log(
      `  (${name}: first publication after the upgrade ended ${(child.firstPublicationMs / 1000).toFixed(1)} s after start)`,
    );
  } finally {
    if (child) await stopChild(child);
    await dropStorage(databaseUrl, schema, dataDir);
  }
}

export default async function (record: Record): Promise<void> {
  const targets: [string, string][] = [['pglite', '']];
  const url = process.env.VIGIE_BENCH_DATABASE_URL;
  if (url) targets.push(['postgres', url]);
  // `VIGIE_BENCH_PUBLISH_BACKENDS=postgres` runs one back end only.
  const only = process.env.VIGIE_BENCH_PUBLISH_BACKENDS?.split(',');
  // `VIGIE_BENCH_PUBLISH_REPORTS=0` leaves the 200k runs out (the serving-at-scale ones alone).
  if (TOTAL > 0)
    for (const [name, databaseUrl] of targets) if (!only || only.includes(name)) await run(record, name, databaseUrl);
  if (UPGRADE > 0)
    for (const [name, databaseUrl] of targets)
      if (!only || only.includes(name)) await runUpgrade(record, name, databaseUrl);
  // `VIGIE_BENCH_SCALE_REPORTS=0` leaves the serving-at-scale runs out.
  if (SCALE > 0)
    for (const [name, databaseUrl] of targets)
      if (!only || only.includes(name)) await runAtScale(record, name, databaseUrl);
}
