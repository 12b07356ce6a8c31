/**
 * Crowd ranges (server/crowd/ranges.ts): which blocks go in the list as ranges. Thresholds from the rules
 * written in docs/crowd-model.md ("Ranges"): /10 with ≥ 4 listed numbers and ≥ 6 independent reporters; /100
 * with ≥ 10 listed numbers in ≥ 3 /10s and ≥ 10 reporters; never over a protected number; trusted numbers
 * inside get an exact `legit` entry that clients match first.
 */
import { describe, expect, it } from 'vitest';
import { crowdRanges, type ListedEvidence } from '../../server/crowd/ranges.ts';
import { openList } from '../../shared/list/reader.ts';
import { writeList } from '../../shared/list/writer.ts';

const payload = { category: 'telemarketing' as const, score: 85, reports: 3, lastReportDay: 20_500 };

/** A listed number flagged by the people named (each on their own network). */
function listed(number: string, people: string[]): ListedEvidence {
  return { number, payload, reporters: people, groups: people.map((p) => `a:${p}`) };
}

const none = () => false;

describe('crowd ranges', () => {
  it('a /10 block with 4 listed numbers and 6 reporters becomes a range', () => {
    const out = crowdRanges({
      listed: [
        listed('+33162000101', ['a', 'b', 'c']),
        listed('+33162000103', ['a', 'd', 'e']),
        listed('+33162000105', ['b', 'f', 'a']),
        listed('+33162000108', ['c', 'd', 'e']),
      ],
      isProtected: none,
      trusted: new Map(),
    });
    expect(out).toEqual([
      { pattern: '+3316200010*', payload: { category: 'telemarketing', score: 85, reports: 4, lastReportDay: 20_500 } },
    ]);
  });

  it('3 numbers, or 4 numbers by only 5 people, or 6 ids on 5 networks: no range', () => {
    const three = [
      listed('+33162000101', ['a', 'b', 'c']),
      listed('+33162000103', ['d', 'e', 'f']),
      listed('+33162000105', ['a', 'b', 'c']),
    ];
    expect(crowdRanges({ listed: three, isProtected: none, trusted: new Map() })).toEqual([]);
    const fivePeople = [...three, listed('+33162000107', ['c', 'd', 'e'])].map((e) => ({
      ...e,
      reporters: e.reporters.map((r) => (r === 'f' ? 'e' : r)),
      groups: e.groups.map((g) => (g === 'a:f' ? 'a:e' : g)),
    }));
    expect(crowdRanges({ listed: fivePeople, isProtected: none, trusted: new Map() })).toEqual([]);
    const sharedNetwork = [...three, listed('+33162000107', ['c', 'd', 'e'])].map((e) => ({
      ...e,
      groups: e.groups.map((g) => (g === 'a:f' ? 'a:e' : g)),
    }));
    expect(crowdRanges({ listed: sharedNetwork, isProtected: none, trusted: new Map() })).toEqual([]);
  });

  it('a /100 block: 10 numbers over 3 /10s and 10 people; its /10s are not repeated', () => {
    const people = 'abcdefghij'.split('');
    const numbers = [
      '+33162000101',
      '+33162000102',
      '+33162000103',
      '+33162000104',
      '+33162000121',
      '+33162000122',
      '+33162000123',
      '+33162000155',
      '+33162000156',
      '+33162000157',
    ];
    const out = crowdRanges({
      listed: numbers.map((n, i) => listed(n, [people[i]!, people[(i + 1) % 10]!, people[(i + 2) % 10]!])),
      isProtected: none,
      trusted: new Map(),
    });
    expect(out.map((e) => e.pattern)).toEqual(['+331620001*']);
    expect(out[0]?.payload.reports).toBe(10);
  });

  it('10 numbers in only 2 /10s make /10 ranges, not a /100', () => {
    const people = 'abcdefghij'.split('');
    const numbers = [1, 2, 3, 4, 5, 6].map((d) => `+3316200010${d}`).concat([1, 2, 3, 4].map((d) => `+3316200012${d}`));
    const out = crowdRanges({
      listed: numbers.map((n, i) => listed(n, [people[i]!, people[(i + 3) % 10]!, people[(i + 6) % 10]!])),
      isProtected: none,
      trusted: new Map(),
    });
    expect(out.map((e) => e.pattern).sort()).toEqual(['+3316200010*', '+3316200012*']);
  });

  it('a block holding a protected number never gets a range', () => {
    const block = [1, 3, 5, 8].map((d, i) => listed(`+3316200010${d}`, [`p${i}`, `q${i}`, `r${i}`]));
    const out = crowdRanges({ listed: block, isProtected: (n) => n === '+33162000100', trusted: new Map() });
    expect(out).toEqual([]);
  });

  it('a trusted number inside a listed block gets an exact legit entry, which clients match before the range', () => {
    const block = [1, 3, 5, 8].map((d, i) => listed(`+3316200010${d}`, [`p${i}`, `q${i}`]));
    const entries = crowdRanges({
      listed: block,
      isProtected: none,
      trusted: new Map([
        ['+33162000109', 3],
        ['+33170000000', 5],
      ]),
    });
    expect(entries.map((e) => e.pattern)).toEqual(['+3316200010*', '+33162000109']);
    const list = openList(
      writeList([...block.map((b) => ({ pattern: b.number, payload: b.payload })), ...entries], { version: 1 }),
    );
    expect(list.match('+33162000109')).toMatchObject({ kind: 'exact', category: 'legit' });
    expect(list.match('+33162000107')).toMatchObject({
      kind: 'range',
      pattern: '+3316200010*',
      category: 'telemarketing',
    });
    expect(list.match('+33162000111')).toBeNull();
  });
});
