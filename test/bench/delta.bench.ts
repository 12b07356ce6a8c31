/**
 * Deltas for a day of churn on a 1M-number list (test/fixtures/list/synthetic-list.ts `churn`: 1 % of the
 * numbers removed, as many added, 1 % of the rest with new payloads — 3 % of entries touched). Targets
 * (issue 2 / DESIGN §7): delta ≤ 5 % of the snapshot; applying it on the client ≤ 200 ms.
 * Baselines: the snapshot's size, and for the apply time what a naive client does with a full list as JSON
 * (Saracroche downloads its full JSON list and diffs locally, docs/list-format.md): parse it into a Set.
 */
import { applyDelta, diffLists } from '../../shared/list/delta.ts';
import { encodeSortedList } from '../../shared/list/writer.ts';
import { churn, syntheticList } from '../fixtures/list/synthetic-list.ts';
import type { Record } from './run.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export default async function bench(record: Record): Promise<void> {
  const before = syntheticList(1_000_000, 20_000, 2024, 100);
  const after = churn(before, 0.01, 2025, 101);
  const oldBytes = encodeSortedList(before);
  const newBytes = encodeSortedList(after);
  const delta = diffLists(oldBytes, newBytes, 101);
  record('delta.churn1pct.1m.bytes', { value: delta.length, unit: 'B', baseline: newBytes.length });
  record('delta.churn1pct.1m.vs_snapshot', { value: delta.length / newBytes.length, unit: 'ratio', baseline: 1 });

  // Wall time, and the process's CPU time (all threads, so the GC counts): on a shared machine the first
  // includes time spent waiting for a core, the second does not.
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const rebuilt = applyDelta(oldBytes, delta);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (rebuilt.length !== newBytes.length) throw new Error('applyDelta did not rebuild the target');
  }
  const json = JSON.stringify(Array.from(after.exactValues, (v) => `+${v}`));
  const naive: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const set = new Set<string>(JSON.parse(json) as string[]);
    naive.push(performance.now() - start);
    if (set.size === 0) throw new Error('empty');
  }
  record('delta.apply.1m.ms', { value: median(times), unit: 'ms', baseline: median(naive) });
  record('delta.apply.1m.first.ms', { value: times[0] as number, unit: 'ms' });
  record('delta.apply.1m.cpu_ms', { value: median(cpuTimes), unit: 'ms' });
}
