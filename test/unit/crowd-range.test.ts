/**
 * Issue 13 §2, client side: how a crowd range entry for neighbouring numbers (/10, /100) reads, and what wins
 * inside it. The list is a real file written by the codec (shared/list/writer.ts).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../shared/classify/classify.ts';
import { neighbourBlockLabel } from '../../shared/classify/neighbour-block.ts';
import { openList } from '../../shared/list/reader.ts';
import { writeList } from '../../shared/list/writer.ts';
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import { parseMyNumbers } from '../../shared/personal/my-numbers.ts';
import { PersonalLists } from '../../shared/personal/personal-lists.ts';
import { checkSettingsPatch, DEFAULT_SETTINGS, SettingsError } from '../../shared/store/settings-store.ts';

// 2025-11-08 is day 20,400 since 1970-01-01.
const list = openList(
  writeList(
    [
      // A /10: 01 23 45 67 8x, seven of its numbers listed for telemarketing.
      {
        pattern: '+3312345678*',
        payload: { category: 'telemarketing', score: 200, reports: 7, lastReportDay: 20_400 },
      },
      {
        pattern: '+33123456781',
        payload: { category: 'telemarketing', score: 200, reports: 5, lastReportDay: 20_400 },
      },
      // A legit vote inside the block wins for that number.
      { pattern: '+33123456789', payload: { category: 'legit', score: 120, reports: 3, lastReportDay: 20_400 } },
      // A /100 of scam numbers: still only a warning for an unreported neighbour.
      { pattern: '+332987651*', payload: { category: 'scam', score: 230, reports: 12, lastReportDay: 0 } },
      // A hand-built prefix keeps the old wording.
      { pattern: '+33299*', payload: { category: 'survey', score: 200, reports: 2, lastReportDay: 0 } },
    ],
    { version: 9 },
  ),
);

function verdictOf(input: string, extra: Parameters<typeof classify>[1] = {}) {
  const r = classify(input, { list, now: Date.parse('2026-11-22T12:00:00Z'), ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.verdict;
}

describe('crowd range entries for neighbouring numbers', () => {
  it('labels /10 and /100 blocks as people write them, and nothing else', () => {
    expect(neighbourBlockLabel('+3312345678*')).toBe('01 23 45 67 8x');
    expect(neighbourBlockLabel('+331234567*')).toBe('01 23 45 67 xx');
    expect(neighbourBlockLabel('+59069012345*')).toBe('06 90 12 34 5x');
    expect(neighbourBlockLabel('+590690123456*')).toBeNull();
    expect(neighbourBlockLabel('+33123456*')).toBeNull();
    expect(neighbourBlockLabel('+33162*')).toBeNull();
    expect(neighbourBlockLabel('+33123456789')).toBeNull();
    expect(neighbourBlockLabel('+4420794609*')).toBeNull();
  });

  it('an unlisted number in a /10 gets caution with the neighbours count', () => {
    const v = verdictOf('01 23 45 67 85');
    expect(v).toMatchObject({ level: 'caution', category: 'telemarketing' });
    expect(v.reasons[0]).toMatchObject({
      id: 'crowd:range',
      text: '7 numéros voisins (01 23 45 67 8x) signalés pour démarchage.',
      textEn: '7 neighbouring numbers (01 23 45 67 8x) reported for telemarketing.',
    });
    expect(v.lastReportedAt).toBe('2025-11-08');
  });

  it('a range of scam numbers still gives only caution to a neighbour', () => {
    const v = verdictOf('02 98 76 51 23');
    expect(v).toMatchObject({ level: 'caution', category: 'scam' });
    expect(v.reasons[0]!.text).toBe('12 numéros voisins (02 98 76 51 xx) signalés pour arnaque.');
  });

  it('the exact entry wins inside the block: listed → spam, legit → unknown', () => {
    expect(verdictOf('01 23 45 67 81')).toMatchObject({ level: 'spam', reports: 5 });
    expect(verdictOf('01 23 45 67 89')).toMatchObject({ level: 'unknown', category: null });
  });

  it('protected numbers and the allow list win inside a range', () => {
    const personal = new PersonalLists([{ pattern: '+33123456785', kind: 'allow', createdAt: 0 }]);
    expect(verdictOf('01 23 45 67 85', { personal })).toMatchObject({ level: 'trusted' });
  });

  it('the user’s own number is never flagged by a range, nor by a call-centre block', () => {
    const v = verdictOf('01 23 45 67 85', { myNumbers: ['+33123456785'] });
    expect(v).toMatchObject({ level: 'unknown', category: null });
    expect(v.reasons.map((r) => r.id)).toEqual(['personal:my-number']);
    // MAJNUM: 0189720;0189720000;0189720999;AIRC (Aircall, a call-centre operator).
    const own = verdictOf('01 89 72 05 00', { operators: ARCEP_OPERATORS, myNumbers: ['+33189720500'] });
    expect(own.level).toBe('unknown');
    expect(own.reasons.map((r) => r.id)).toEqual(['personal:my-number']);
  });

  it('a hand-built prefix keeps the prefix wording and the listed level', () => {
    const v = verdictOf('02 99 00 00 00');
    expect(v.level).toBe('spam');
    expect(v.reasons[0]!.text).toBe('Les numéros qui commencent ainsi sont signalés par la communauté : sondage.');
  });
});

describe('my numbers (settings myNumbers)', () => {
  it('parses one per line or comma-separated, to E.164, without duplicates', () => {
    expect(parseMyNumbers('06 12 34 56 78\n+33 6 12 34 56 78, 0590 12 34 56')).toEqual({
      ok: true,
      numbers: ['+33612345678', '+590590123456'],
    });
    expect(parseMyNumbers('')).toEqual({ ok: true, numbers: [] });
  });

  it('refuses a short code, a non-number and more than 10 numbers, saying which', () => {
    expect(parseMyNumbers('3646')).toMatchObject({
      ok: false,
      message: '« 3646 » : un numéro court ne peut pas être le vôtre.',
    });
    expect(parseMyNumbers('06 12, bonjour')).toMatchObject({ ok: false });
    const eleven = Array.from({ length: 11 }, (_, i) => `06 12 34 56 ${String(i).padStart(2, '0')}`).join('\n');
    expect(parseMyNumbers(eleven)).toMatchObject({ ok: false, messageEn: '10 numbers at most.' });
  });

  it('settings accept E.164 own numbers and the strict switch, and refuse anything else', () => {
    expect(checkSettingsPatch({ myNumbers: ['+33612345678'], strictCallCentres: true })).toEqual({
      myNumbers: ['+33612345678'],
      strictCallCentres: true,
    });
    expect(() => checkSettingsPatch({ myNumbers: ['06 12 34 56 78'] })).toThrow(SettingsError);
    expect(() => checkSettingsPatch({ strictCallCentres: 'yes' as unknown as boolean })).toThrow(/strictCallCentres/);
    expect(DEFAULT_SETTINGS).toMatchObject({ strictCallCentres: false, myNumbers: [] });
  });
});
