/**
 * Ingest rate and latency of `POST /api/v1/reports` on the real service over loopback: a fixed number of
 * reports sent by N concurrent keep-alive connections (node:http), on PGlite and — when
 * `VIGIE_BENCH_DATABASE_URL` is set — on PostgreSQL. Baseline: the same service writing one INSERT per report
 * (group commit off). Reporters and source addresses (X-Forwarded-For, trusted) are spread so the default rate
 * limits stay in the path without refusing anything, as with real traffic from many devices.
 * Targets (issue 3): ≥ 1,500 reports/s on PGlite, ≥ 4,000/s on PostgreSQL, p99 ≤ 50 ms.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportWriterOptions } from '../../server/reports/report-writer.ts';
import { startService } from '../../server/service.ts';
import { dropStorage } from './drop-storage.ts';
import { reportPoster } from './report-poster.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const CONCURRENCY = 32;
const TOTAL = 20_000;
const BASELINE_TOTAL = 3_000;
const WARMUP = 500;

interface Prepared {
  body: string;
  from: string;
}

function prepare(count: number, seed: number): Prepared[] {
  const random = seededRandom(seed);
  const reporters = Array.from({ length: 5000 }, (_, i) => `bench${String(i).padStart(5, '0')}${'x'.repeat(20)}`);
  const categories = ['telemarketing', 'robocall', 'scam', 'survey'];
  const out: Prepared[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const bytes = randomBytes(16);
    bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const number = `+3319${String(Math.floor(r * 10_000_000)).padStart(7, '0')}`;
    out.push({
      body: JSON.stringify({
        id,
        reporter: reporters[i % reporters.length],
        number,
        category: categories[i % categories.length],
        comment: i % 5 === 0 ? 'Démarchage insistant, rappelle chaque jour' : undefined,
      }),
      from: `198.18.${(i >> 8) % 40}.${i & 255}`,
    });
  }
  return out;
}

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(base: string, reports: Prepared[]): Promise<LoadResult> {
  const poster = reportPoster(base, CONCURRENCY);
  const latencies = new Float64Array(reports.length);
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < reports.length) {
        const i = next++;
        const t0 = performance.now();
        const status = await poster.post((reports[i] as Prepared).body, (reports[i] as Prepared).from);
        latencies[i] = performance.now() - t0;
        if (status !== 201) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  poster.close();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { perSecond: reports.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

interface ChildConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  schema: string | undefined;
  writer: ReportWriterOptions;
}

/**
 * The service runs in a child process, as in production: on this 2-core machine the loader and the server
 * would otherwise share one event loop and measure each other.
 */
async function startChild(config: ChildConfig): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, VIGIE_BENCH_SERVER_CHILD: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      text += d;
      const match = /READY (\S+)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function runChildServer(config: ChildConfig): Promise<void> {
  const service = await startService({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl ?? '',
    schema: config.schema,
    port: 0,
    trustProxy: true,
    publishIntervalSeconds: 0,
    pwaDir: null,
    writer: config.writer,
  });
  process.stdout.write(`READY ${service.url}\n`);
  process.once('SIGTERM', () => {
    service.close().then(() => process.exit(0));
  });
}

async function run(databaseUrl: string | undefined, writer: ReportWriterOptions, total: number, seed: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
  const schema = databaseUrl ? `vigie_bench_${randomBytes(4).toString('hex')}` : undefined;
  const server = await startChild({ dataDir, databaseUrl, schema, writer });
  try {
    await load(server.url, prepare(WARMUP, seed + 1));
    return await load(server.url, prepare(total, seed));
  } finally {
    await server.stop();
    await dropStorage(databaseUrl, schema, dataDir);
  }
}

const childConfig = process.env.VIGIE_BENCH_SERVER_CHILD;
if (childConfig) await runChildServer(JSON.parse(childConfig) as ChildConfig);

export default async function (record: Record): Promise<void> {
  const targets: [string, string | undefined][] = [['pglite', undefined]];
  const url = process.env.VIGIE_BENCH_DATABASE_URL;
  if (url) targets.push(['postgres', url]);
  for (const [name, databaseUrl] of targets) {
    const naive = await run(databaseUrl, { maxBatch: 1, flushDelayMs: 0 }, BASELINE_TOTAL, 7);
    const ours = await run(databaseUrl, {}, TOTAL, 11);
    if (ours.errors > 0 || naive.errors > 0)
      console.log(`  (${name}: ${ours.errors} + ${naive.errors} non-201 answers)`);
    record(`server.ingest.${name}.per_s`, { value: ours.perSecond, unit: 'reports/s', baseline: naive.perSecond });
    record(`server.ingest.${name}.p50_ms`, { value: ours.p50, unit: 'ms', baseline: naive.p50 });
    record(`server.ingest.${name}.p99_ms`, { value: ours.p99, unit: 'ms', baseline: naive.p99 });
  }
}
