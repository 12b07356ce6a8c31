/**
 * The crowd model's arithmetic (server/crowd/aggregate.ts), checked against the figures docs/crowd-model.md
 * gives: decay, thresholds, standing, independence groups and category choice.
 */
import { describe, expect, it } from 'vitest';
import { aggregateVotes, type Vote } from '../../server/crowd/aggregate.ts';
import { reporterWeight } from '../../server/crowd/crowd-model.ts';
import type { Category } from '../../shared/verdict.ts';

const TODAY = 20_000;

function votes(count: number, ageDays: number, extra: Partial<Vote> = {}, prefix = 'r'): Vote[] {
  return Array.from({ length: count }, (_, i) => ({
    reporter: `${prefix}${i}`,
    category: 'telemarketing' as Category,
    day: TODAY - ageDays,
    addrHash: null,
    weight: 1,
    demo: false,
    ...extra,
  }));
}

describe('thresholds and decay', () => {
  it('lists three fresh reporters, not three from 30 days ago, and four until about two months', () => {
    expect(aggregateVotes(votes(3, 0), TODAY, false).listed).toBe(true);
    expect(aggregateVotes(votes(3, 30), TODAY, false).listed).toBe(false);
    expect(aggregateVotes(votes(4, 55), TODAY, false).listed).toBe(true);
    expect(aggregateVotes(votes(4, 65), TODAY, false).listed).toBe(false);
  });

  it('ignores reports outside the 365-day window', () => {
    const a = aggregateVotes(votes(50, 366), TODAY, false);
    expect(a).toMatchObject({ reports: 0, listed: false, level: 'unknown', category: null });
  });

  it('lists only when three networks reported within 7 days of one another; imported reports need no span', () => {
    const net = (ages: number[]) =>
      ages.map((age, i) => ({ ...votes(1, age, {}, `n${i}-`)[0]!, addrHash: `network-${i}` }));
    expect(aggregateVotes(net([0, 3, 6]), TODAY, false).listed).toBe(true);
    expect(aggregateVotes(net([0, 4, 8]), TODAY, false)).toMatchObject({ reports: 3, listed: false });
    expect(aggregateVotes(net([0, 4, 8, 2]), TODAY, false).listed).toBe(true);
    // Imported complaints are one per complainant for good: 0.93 + 0.86 + 0.83 ≥ 2.5 over 15 days lists.
    const imported = [10, 20, 25].map((age, i) => votes(1, age, {}, `i${i}-`)[0]!);
    expect(aggregateVotes(imported, TODAY, false).listed).toBe(true);
  });

  it('never lists with two reporters, whatever their standing', () => {
    expect(aggregateVotes(votes(2, 0, { weight: 2 }), TODAY, false).listed).toBe(false);
  });

  it('lets standing make up for age', () => {
    expect(aggregateVotes(votes(3, 30, { weight: reporterWeight(10) }), TODAY, false).listed).toBe(true);
    // One step (docs/crowd-model.md rule 6): 1 up to 9 corroborated numbers, 2 from 10 on.
    expect(reporterWeight(0)).toBe(1);
    expect(reporterWeight(5)).toBe(1);
    expect(reporterWeight(9)).toBe(1);
    expect(reporterWeight(10)).toBe(2);
    expect(reporterWeight(1000)).toBe(2);
  });

  it('scores 85 at the threshold and caps at 255', () => {
    expect(aggregateVotes(votes(3, 0), TODAY, false).score).toBe(102);
    expect(aggregateVotes(votes(40, 0), TODAY, false).score).toBe(255);
  });
});

describe('independence', () => {
  it('counts a reporter once, with their latest vote', () => {
    const same = [...votes(1, 10, { reporter: 'x' }), ...votes(1, 0, { reporter: 'x', category: 'legit' })];
    const a = aggregateVotes([...same, ...votes(2, 0)], TODAY, false);
    expect(a).toMatchObject({ reports: 2, legitVotes: 1, listed: false });
  });

  it('counts reporters behind one address hash as one', () => {
    const a = aggregateVotes(votes(10, 0, { addrHash: 'same' }), TODAY, false);
    expect(a.reports).toBe(1);
  });

  it('subtracts legit votes', () => {
    expect(aggregateVotes([...votes(4, 0), ...votes(1, 0, { category: 'legit' }, 'l')], TODAY, false).listed).toBe(
      true,
    );
    expect(aggregateVotes([...votes(4, 0), ...votes(2, 0, { category: 'legit' }, 'l')], TODAY, false).listed).toBe(
      false,
    );
    const trusted = aggregateVotes([...votes(1, 0), ...votes(3, 0, { category: 'legit' }, 'l')], TODAY, false);
    expect(trusted.level).toBe('trusted');
  });

  it('never lists a protected number', () => {
    expect(aggregateVotes(votes(50, 0), TODAY, true)).toMatchObject({ listed: false, level: 'trusted', score: 0 });
  });
});

describe('category and level', () => {
  it('takes the heaviest category, the more severe one on a tie', () => {
    const mixed = [...votes(2, 0, { category: 'survey' }), ...votes(2, 0, { category: 'scam' }, 's')];
    expect(aggregateVotes(mixed, TODAY, false)).toMatchObject({ category: 'scam', level: 'danger' });
    const mostly = [...votes(3, 0, { category: 'survey' }), ...votes(1, 0, { category: 'scam' }, 's')];
    expect(aggregateVotes(mostly, TODAY, false)).toMatchObject({ category: 'survey', level: 'spam' });
  });

  it('says caution below the threshold and marks demo data', () => {
    expect(aggregateVotes(votes(1, 0, { demo: true }), TODAY, false)).toMatchObject({ level: 'caution', demo: true });
  });
});
