/**
 * The naive model the list codec is checked against: a Map of exact numbers and a scan of prefixes, plus
 * fast-check arbitraries for entries. Not a test file itself (no `.test.ts`): shared by the list tests.
 */
import fc from 'fast-check';
import { payloadKey } from '../../shared/list/payload-table.ts';
import type { ListEntry, ListMatch, ListPayload } from '../../shared/list/types.ts';
import { CATEGORIES } from '../../shared/verdict.ts';

export const payloadArb: fc.Arbitrary<ListPayload> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  score: fc.integer({ min: 0, max: 255 }),
  reports: fc.integer({ min: 0, max: 5000 }),
  lastReportDay: fc.integer({ min: 0, max: 30_000 }),
});

/** Digits from a small alphabet so that numbers, prefixes and queries collide often. */
const digitsArb = (min: number, max: number) =>
  fc.array(fc.constantFrom('0', '1', '2', '6'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const countryArb = fc.constantFrom('33', '336', '1', '590', '2');

export const exactPatternArb = fc.tuple(countryArb, digitsArb(0, 11)).map(([c, d]) => `+${c}${d}`.slice(0, 16));
export const rangePatternArb = fc
  .tuple(countryArb, digitsArb(0, 6))
  .map(([c, d]) => `+${c}${d}`.slice(0, 16).concat('*'));

export const entryArb: fc.Arbitrary<ListEntry> = fc.record({
  pattern: fc.oneof({ weight: 4, arbitrary: exactPatternArb }, { weight: 1, arbitrary: rangePatternArb }),
  payload: payloadArb,
});

/** Exact first, else the longest range whose digits start the number; duplicates: greatest payload key. */
export class NaiveList {
  private readonly exact = new Map<string, ListPayload>();
  private readonly ranges = new Map<string, ListPayload>();
  constructor(entries: readonly ListEntry[]) {
    for (const e of entries) {
      const isRange = e.pattern.endsWith('*');
      const map = isRange ? this.ranges : this.exact;
      const key = isRange ? e.pattern.slice(0, -1) : e.pattern;
      const had = map.get(key);
      if (!had || payloadKey(e.payload) > payloadKey(had)) map.set(key, e.payload);
    }
  }
  get exactCount(): number {
    return this.exact.size;
  }
  get rangeCount(): number {
    return this.ranges.size;
  }
  match(e164: string): ListMatch | null {
    if (!/^\+[1-9]\d{0,14}$/.test(e164)) return null;
    const hit = this.exact.get(e164);
    if (hit) return { kind: 'exact', pattern: e164, ...hit };
    let best: string | null = null;
    for (const prefix of this.ranges.keys()) {
      if (e164.startsWith(prefix) && (!best || prefix.length > best.length)) best = prefix;
    }
    return best ? { kind: 'range', pattern: `${best}*`, ...(this.ranges.get(best) as ListPayload) } : null;
  }
  /** Every entry the model holds, as `pattern → payload`. */
  entries(): Map<string, ListPayload> {
    const out = new Map(this.exact);
    for (const [prefix, payload] of this.ranges) out.set(`${prefix}*`, payload);
    return out;
  }
  /** Every pattern the model holds, to use as queries. */
  patterns(): string[] {
    return [...this.exact.keys(), ...[...this.ranges.keys()].flatMap((p) => [p, `${p}0`, `${p}62`])];
  }
}
