import { describe, expect, it } from 'vitest';
import {
  PersonalLists,
  parsePersonalCsv,
  parsePersonalPattern,
  personalToCsv,
} from '../../shared/personal/personal-lists.ts';

describe('personal lists', () => {
  it('matches exact numbers and the longest prefix; allow beats block', () => {
    const lists = new PersonalLists([
      { pattern: '+33162*', kind: 'block', createdAt: 0 },
      { pattern: '+3316212*', kind: 'allow', createdAt: 0 },
      { pattern: '+33612345678', kind: 'block', createdAt: 0 },
      { pattern: '+33612345678', kind: 'allow', createdAt: 0 },
    ]);
    expect(lists.match('+33162999999', 0)?.kind).toBe('block');
    expect(lists.match('+33162123456', 0)?.kind).toBe('allow');
    expect(lists.match('+33612345678', 0)?.kind).toBe('allow');
    expect(lists.match('+33700000000', 0)).toBeNull();
  });

  it('ignores expired temporary allows', () => {
    const lists = new PersonalLists([{ pattern: '+33612345678', kind: 'allow', createdAt: 0, expiresAt: 1000 }]);
    expect(lists.match('+33612345678', 999)?.kind).toBe('allow');
    expect(lists.match('+33612345678', 1000)).toBeNull();
  });

  it('parses typed patterns, with clear errors', () => {
    expect(parsePersonalPattern('01 62*')).toEqual({ ok: true, pattern: '+33162*' });
    expect(parsePersonalPattern('+33 1 62*')).toEqual({ ok: true, pattern: '+33162*' });
    expect(parsePersonalPattern('06 12 34 56 78')).toEqual({ ok: true, pattern: '+33612345678' });
    const bad = parsePersonalPattern('abc*');
    expect(bad.ok).toBe(false);
    expect(parsePersonalPattern('hello').ok).toBe(false);
  });

  it('CSV export and import round-trip, reporting bad lines', () => {
    const entries = [
      {
        pattern: '+33612345678',
        kind: 'allow' as const,
        label: 'Plombier, "Dupont"',
        createdAt: 5,
        expiresAt: Date.parse('2030-01-01T00:00:00Z'),
      },
      { pattern: '+33162*', kind: 'block' as const, createdAt: 5 },
    ];
    const csv = personalToCsv(entries);
    const back = parsePersonalCsv(`${csv}nonsense,block\n+33612345679,maybe\n`, 5);
    expect(back.entries).toEqual(entries);
    expect(back.errors.map((e) => e.line)).toEqual([4, 5]);
  });

  it('exports patterns and labels so a spreadsheet runs no formula, and imports them back', () => {
    const entries = [{ pattern: '+33612345678', kind: 'block' as const, label: '=HYPERLINK("x")', createdAt: 5 }];
    const csv = personalToCsv(entries);
    // Written by hand: OWASP's apostrophe before cells starting with = + - @.
    expect(csv).toBe('pattern,kind,label,expires_at\n\'+33612345678,block,"\'=HYPERLINK(""x"")",\n');
    expect(parsePersonalCsv(csv, 5).entries).toEqual(entries);
  });

  it('imports a bare list of numbers as blocks', () => {
    const r = parsePersonalCsv('06 12 34 56 78\n0162123456\n', 1);
    expect(r.entries.map((e) => [e.pattern, e.kind])).toEqual([
      ['+33612345678', 'block'],
      ['+33162123456', 'block'],
    ]);
  });
});
