/**
 * Deltas for a day of churn on a 1M-number list (test/fixtures/list/synthetic-list.ts `churn`: 1 % of the
 * numbers removed, as many added, 1 % of the rest with new payloads — 3 % of entries touched). Targets
 * (issue 2 / DESIGN §7): delta ≤ 5 % of the snapshot; applying it on the client ≤ 200 ms.
 * Baselines: the snapshot's size, and for the apply time what a naive client does with a full list as JSON
 * (Saracroche downloads its full JSON list and diffs locally, docs/list-format.md): parse it into a Set.
 *
 * What the apply metrics measure (docs/list-format.md, "Applying a delta: cost"):
 * - `delta.apply.1m.ms`: median wall time of 7 back-to-back applies in this process (warm JIT; each run pays
 *   for collecting its predecessor's garbage, as steady use would). One full GC (`gc()`, run.ts passes
 *   --expose-gc) runs before them, so the first does not collect the setup's four 1M-number lists. No GC
 *   between runs: measured, a forced GC before each apply made every apply slower (~170 ms instead of
 *   ~60 ms), not more representative.
 * - `delta.apply.1m.best.ms`: the fastest of those runs: the least disturbed by other processes.
 * - `delta.apply.1m.cpu_ms`: median CPU time of the process over one apply, all threads (V8's GC helpers
 *   too, so it can exceed the wall time on an idle machine). When the wall time is far above it, the process
 *   was waiting for a core (2 shared cores here), not working.
 * - `delta.apply.1m.first.ms`: one apply in a fresh Node process (cold JIT, empty heap), median of 3: what a
 *   phone pays on the daily update. Only the apply is timed (not startup, reading the input, or the import).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { applyDelta, diffLists } from '../../shared/list/delta.ts';
import { encodeSortedList } from '../../shared/list/writer.ts';
import { churn, syntheticList } from '../fixtures/list/synthetic-list.ts';
import type { Record } from './run.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A full collection when the process was started with --expose-gc (npm run bench does). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * `runs` back-to-back applies in this process: wall time and process CPU time (all threads) of each. Each
 * result must be the target byte for byte (compared in full: a wrong list must never be timed as a success).
 */
async function timeApply(
  oldBytes: Uint8Array,
  delta: Uint8Array,
  target: Uint8Array,
  runs: number,
): Promise<{ times: number[]; cpuTimes: number[] }> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const rebuilt = await applyDelta(oldBytes, delta);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (!Buffer.from(rebuilt).equals(Buffer.from(target)))
      throw new Error(`applyDelta did not rebuild the ${target.length}-byte target`);
  }
  return { times, cpuTimes };
}

/** Runs one applyDelta in a new Node process and returns its wall time (ms); the child checks the size. */
function coldApply(oldBytes: Uint8Array, delta: Uint8Array, expectedLength: number): number {
  const deltaUrl = new URL('../../shared/list/delta.ts', import.meta.url).href;
  const child = `
    import { readFileSync } from 'node:fs';
    const input = readFileSync(0);
    const oldLength = input.readUInt32LE(0);
    const oldBytes = new Uint8Array(input.subarray(4, 4 + oldLength));
    const delta = new Uint8Array(input.subarray(4 + oldLength));
    const { applyDelta } = await import(${JSON.stringify(deltaUrl)});
    const start = performance.now();
    const out = await applyDelta(oldBytes, delta);
    const ms = performance.now() - start;
    if (out.length !== ${expectedLength}) throw new Error('applyDelta did not rebuild the target');
    process.stdout.write(JSON.stringify({ ms }));
  `;
  const header = Buffer.alloc(4);
  header.writeUInt32LE(oldBytes.length, 0);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
    input: Buffer.concat([header, oldBytes, delta]),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cold applyDelta failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { ms: number }).ms;
}

export default async function bench(record: Record): Promise<void> {
  const before = syntheticList(1_000_000, 20_000, 2024, 100);
  const after = churn(before, 0.01, 2025, 101);
  const oldBytes = encodeSortedList(before);
  const newBytes = encodeSortedList(after);
  const delta = diffLists(oldBytes, newBytes, 101);
  record('delta.churn1pct.1m.bytes', { value: delta.length, unit: 'B', baseline: newBytes.length });
  record('delta.churn1pct.1m.vs_snapshot', { value: delta.length / newBytes.length, unit: 'ratio', baseline: 1 });

  const first: number[] = [];
  for (let i = 0; i < 3; i++) first.push(coldApply(oldBytes, delta, newBytes.length));

  collect();
  const { times, cpuTimes } = await timeApply(oldBytes, delta, newBytes, 7);
  const json = JSON.stringify(Array.from(after.exactValues, (v) => `+${v}`));
  const naive: number[] = [];
  collect();
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const set = new Set<string>(JSON.parse(json) as string[]);
    naive.push(performance.now() - start);
    if (set.size === 0) throw new Error('empty');
  }
  record('delta.apply.1m.ms', { value: median(times), unit: 'ms', baseline: median(naive) });
  record('delta.apply.1m.best.ms', { value: Math.min(...times), unit: 'ms' });
  record('delta.apply.1m.cpu_ms', { value: median(cpuTimes), unit: 'ms' });
  record('delta.apply.1m.first.ms', { value: median(first), unit: 'ms' });

  await at15m(record);
}

/**
 * Issue 12: `delta.apply.15m.ms`, applyDelta on a 15M-number list with a day of churn (1 % removed, 1 % added,
 * 1 % with new payloads: 3 % of entries touched), median of 5 warm runs (wall), with the process CPU time and
 * the load average beside it; baseline: the naive client's full list as JSON parsed into a Set, measured the
 * same way (median of 3, wall) in this run.
 */
async function at15m(record: Record): Promise<void> {
  const before = syntheticList(15_000_000, 20_000, 15015, 200, 1.05);
  const after = churn(before, 0.01, 15016, 201);
  const oldBytes = encodeSortedList(before);
  const newBytes = encodeSortedList(after);
  const delta = diffLists(oldBytes, newBytes, 201);
  record('delta.churn1pct.15m.bytes', { value: delta.length, unit: 'B', baseline: newBytes.length });
  collect();
  const { times, cpuTimes } = await timeApply(oldBytes, delta, newBytes, 5);
  const json = JSON.stringify(Array.from(after.exactValues, (v) => `+${v}`));
  const naive: number[] = [];
  collect();
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const set = new Set<string>(JSON.parse(json) as string[]);
    naive.push(performance.now() - start);
    if (set.size !== after.exactValues.length) throw new Error('the naive Set lost numbers');
  }
  record('delta.apply.15m.ms', { value: median(times), unit: 'ms', baseline: median(naive) });
  record('delta.apply.15m.cpu_ms', { value: median(cpuTimes), unit: 'ms' });
  record('delta.load_avg', { value: loadavg()[0] as number, unit: 'load (1 min)' });
}
