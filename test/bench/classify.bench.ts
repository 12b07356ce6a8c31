/**
 * classify() on raw, human-formatted input versus bare libphonenumber-js parsing of the same strings
 * (the naive baseline: what any app must do at least). Target: within 1.3× (issue 2).
 */
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { classify } from '../../shared/classify/classify.ts';
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const FORMATS = [
  (d: string) => `0${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
  (d: string) => `+33 ${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`,
  (d: string) => `0${d.slice(0, 1)}.${d.slice(1, 3)}.${d.slice(3, 5)}.${d.slice(5, 7)}.${d.slice(7)}`,
  (d: string) => `+33 (0)${d}`,
  (d: string) => `0033${d}`,
  (d: string) => `0${d}`,
];

export function rawInputs(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const firsts = ['1', '2', '3', '4', '5', '6', '6', '6', '7', '9'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const first = firsts[Math.floor(random() * firsts.length)]!;
    const rest = String(Math.floor(random() * 1e8)).padStart(8, '0');
    const format = FORMATS[i % FORMATS.length]!;
    out.push(format(`${first}${first === '7' ? '5' : ''}${rest}`.slice(0, 9)));
  }
  return out;
}

function timeIt(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export default async function bench(record: Record): Promise<void> {
  const inputs = rawInputs(200_000, 42);
  const parse = () => {
    for (const s of inputs) {
      try {
        parsePhoneNumberWithError(s, 'FR');
      } catch {}
    }
  };
  const ours = () => {
    for (const s of inputs) classify(s, { operators: ARCEP_OPERATORS });
  };
  // Warm both paths, then alternate runs so drift on this shared machine hits both alike; keep the best.
  parse();
  ours();
  let bestParse = Number.POSITIVE_INFINITY;
  let bestOurs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    bestParse = Math.min(bestParse, timeIt(parse));
    bestOurs = Math.min(bestOurs, timeIt(ours));
  }
  const parsePerS = inputs.length / (bestParse / 1000);
  const oursPerS = inputs.length / (bestOurs / 1000);
  record('classify.raw.per_s', { value: oursPerS, unit: 'inputs/s', baseline: parsePerS });
  record('classify.raw.vs_parse', { value: bestOurs / bestParse, unit: '× bare parse time (target ≤ 1.3)' });
}
