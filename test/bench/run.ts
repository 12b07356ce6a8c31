/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` (or those named on the command line), prints a table
 * and writes `bench/results.json` ({metric: {value, unit, baseline?}}). Each bench module's default export
 * receives `record` and measures against a naive baseline in the same run (STYLE.md §12).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Metric {
  value: number;
  unit: string;
  baseline?: number;
}
export type Record = (name: string, metric: Metric) => void;
export type BenchModule = { default: (record: Record) => Promise<void> };

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const resultsPath = join(root, 'bench', 'results.json');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const results: { [name: string]: Metric } = {};
  // Keep figures of benches not run this time, so `npm run bench list` does not erase the others.
  try {
    Object.assign(results, JSON.parse(readFileSync(resultsPath, 'utf8')));
  } catch {}
  const record: Record = (name, metric) => {
    results[name] = metric;
    const base = metric.baseline === undefined ? '' : `   (baseline ${formatNumber(metric.baseline)})`;
    console.log(`  ${name.padEnd(44)} ${formatNumber(metric.value).padStart(14)} ${metric.unit}${base}`);
  };
  for (const file of files) {
    console.log(`\n# ${file}`);
    const started = performance.now();
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    await mod.default(record);
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${resultsPath}`);
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(4);
}

main().catch((error: unknown) => {
  console.error(error);
  // A browser or server left open by the failed step must not keep the process alive: exit now.
  process.exit(1);
});
