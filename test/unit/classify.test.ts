import { describe, expect, it } from 'vitest';
import { classify } from '../../shared/classify/classify.ts';
import type { CrowdList, ListMatch } from '../../shared/list/types.ts';
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import { PersonalLists } from '../../shared/personal/personal-lists.ts';

/** A naive in-memory list: the real codec is tested in list-*.test.ts; classify only needs `match`. */
function fakeList(entries: Record<string, Omit<ListMatch, 'kind' | 'pattern'>>): CrowdList {
  return {
    version: 7,
    exactCount: Object.keys(entries).length,
    rangeCount: 0,
    match: (e164) => (entries[e164] ? { ...entries[e164], kind: 'exact', pattern: e164 } : null),
  };
}

const NOW = Date.parse('2026-11-22T12:00:00Z');
const list = fakeList({
  '+33612345678': { category: 'telemarketing', score: 200, reports: 14, lastReportDay: 20_400 },
  '+33198765432': { category: 'scam', score: 220, reports: 40, lastReportDay: 20_410 },
  '+33745454545': { category: 'survey', score: 40, reports: 3, lastReportDay: 20_000 },
});

function verdictOf(input: string, extra: Parameters<typeof classify>[1] = {}) {
  const r = classify(input, { list, now: NOW, ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.verdict;
}

describe('classify', () => {
  it('gives the contract fields', () => {
    const v = verdictOf('06 12 34 56 78', { operators: ARCEP_OPERATORS });
    expect(v).toMatchObject({
      input: '06 12 34 56 78',
      number: '+33612345678',
      level: 'spam',
      category: 'telemarketing',
      reports: 14,
    });
    expect(v.lastReportedAt).toBe('2025-11-08');
    expect(v.operator?.name).toBeTruthy();
    for (const r of v.reasons) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'source', 'text']));
    expect(v.label.fr).toContain('Démarchage');
  });

  it('scam reports are danger; weak crowd scores only caution', () => {
    expect(verdictOf('01 98 76 54 32').level).toBe('danger');
    expect(verdictOf('07 45 45 45 45').level).toBe('caution');
  });

  it('an unknown number is unknown, with operator facts only', () => {
    const v = verdictOf('01 45 45 32 45', { operators: ARCEP_OPERATORS });
    expect(v.level).toBe('unknown');
    expect(v.category).toBeNull();
    expect(v.reasons.map((r) => r.kind)).toEqual(['operator']);
  });

  it('the allow list wins over the crowd and the rules', () => {
    const personal = new PersonalLists([
      { pattern: '+33612345678', kind: 'allow', createdAt: 0 },
      { pattern: '+33162*', kind: 'allow', createdAt: 0 },
    ]);
    expect(verdictOf('0612345678', { personal }).level).toBe('trusted');
    expect(verdictOf('0162123456', { personal }).level).toBe('trusted');
  });

  it('a temporary allow expires', () => {
    const personal = new PersonalLists([{ pattern: '+33612345678', kind: 'allow', createdAt: 0, expiresAt: NOW - 1 }]);
    expect(verdictOf('0612345678', { personal }).level).toBe('spam');
  });

  it('the block list flags a number nobody else flags, and never lowers a worse verdict', () => {
    const personal = new PersonalLists([
      { pattern: '+33145453245', kind: 'block', createdAt: 0 },
      { pattern: '+33198765432', kind: 'block', createdAt: 0 },
    ]);
    expect(verdictOf('0145453245', { personal })).toMatchObject({ level: 'spam' });
    expect(verdictOf('0198765432', { personal }).level).toBe('danger');
  });

  it('protected numbers beat the crowd, the rules and even a block', () => {
    const personal = new PersonalLists([{ pattern: '112', kind: 'block', createdAt: 0 }]);
    expect(verdictOf('112', { personal }).level).toBe('trusted');
    expect(verdictOf('3919').level).toBe('trusted');
  });

  it('returns a typed error for non-numbers instead of throwing', () => {
    const r = classify('pas un numéro');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_a_phone_number');
  });
});
