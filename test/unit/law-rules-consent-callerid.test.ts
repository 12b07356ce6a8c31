import { describe, expect, it } from 'vitest';
import { checkCalls } from '../../shared/law/engine.ts';
import { FRENCH_LAW_AND_CHARTERS_POLICY, FRENCH_LAW_POLICY, withOptions } from '../../shared/law/policies.ts';
import { breaks, calls, rowsBreaking } from './law-helpers.ts';

describe('no-prior-consent (loi n° 2025-594 art. 13, from 11 August 2026)', () => {
  it('applies from 11 August 2026, local date', () => {
    expect(breaks('2026-08-10T15:00', 'no-prior-consent')).toBe(false);
    expect(breaks('2026-08-10T23:59', 'no-prior-consent')).toBe(false);
    expect(breaks('2026-08-11T00:00', 'no-prior-consent')).toBe(true);
    expect(breaks('2026-08-11T15:00', 'no-prior-consent')).toBe(true);
    // 22:30 UTC on 10 August is already 11 August in Paris.
    expect(breaks('2026-08-10T22:30:00Z', 'no-prior-consent')).toBe(true);
    expect(breaks('2026-08-10T22:30:00Z', 'no-prior-consent', {}, 'America/Guadeloupe')).toBe(false);
  });

  it('not for a customer about the contract, nor with consent', () => {
    expect(breaks('2026-08-11T15:00', 'no-prior-consent', { customer: true })).toBe(false);
    expect(breaks('2026-08-11T15:00', 'no-prior-consent', { consent: true })).toBe(false);
  });
});

describe('masked-number (L.221-17)', () => {
  it('flags a masked call, whatever else', () => {
    expect(breaks('2026-03-02T11:00', 'masked-number', { masked: true, number: '' })).toBe(true);
    expect(breaks('2026-03-02T11:00', 'masked-number')).toBe(false);
  });

  it('groups a masked call with its company when named', () => {
    const cs = calls([
      ['2026-03-02T11:00'],
      ['2026-03-03T11:00'],
      ['2026-03-04T11:00'],
      ['2026-03-05T11:00'],
      ['2026-03-06T11:00', { masked: true, number: '' }],
    ]);
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([4]);
  });

  it('keeps an anonymous masked call alone', () => {
    const cs = calls(
      Array.from({ length: 5 }, (_, i): [string, { masked: boolean; number: string; company: string }] => [
        `2026-03-0${i + 2}T11:00`,
        { masked: true, number: '', company: '' },
      ]),
    );
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([]);
    expect(rowsBreaking(cs, 'masked-number')).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('forbidden-caller-id (arrêté du 5 juillet 2016)', () => {
  it.each([
    ['0891234567', true],
    ['+33 8 99 12 34 56', true],
    ['118712', true],
    ['3617', true],
    ['3900', true],
    ['3010', false],
    ['3179', false],
    ['0810123456', false],
    ['0612345678', false],
  ])('%s → %s', (number, expected) => {
    expect(breaks('2026-03-02T11:00', 'forbidden-caller-id', { number })).toBe(expected);
  });

  it('applies from 1 August 2016', () => {
    expect(breaks('2016-07-29T11:00', 'forbidden-caller-id', { number: '0891234567' })).toBe(false);
    expect(breaks('2016-08-01T11:00', 'forbidden-caller-id', { number: '0891234567' })).toBe(true);
  });
});

describe('mobile-caller-id (06/07 from an automated platform)', () => {
  it('needs signs of an automated system', () => {
    expect(breaks('2026-03-02T11:00', 'mobile-caller-id', { number: '0612345678' })).toBe(false);
    expect(breaks('2026-03-02T11:00', 'mobile-caller-id', { number: '0612345678', automated: true })).toBe(true);
    expect(breaks('2026-03-02T11:00', 'mobile-caller-id', { number: '+33755123456', silent: true })).toBe(true);
    expect(breaks('2026-03-02T11:00', 'mobile-caller-id', { number: '0145454545', silent: true })).toBe(false);
  });

  it('applies from 1 January 2023', () => {
    expect(breaks('2022-12-30T11:00', 'mobile-caller-id', { number: '0612345678', silent: true })).toBe(false);
    expect(breaks('2023-01-02T11:00', 'mobile-caller-id', { number: '0612345678', silent: true })).toBe(true);
  });
});

describe('automated-not-regulated-prefix', () => {
  it.each([
    ['0145454545', true],
    ['0970000000', true],
    ['+33 1 62 00 00 00', false],
    ['0948123456', false],
    ['+590 9 47 51 23 45', false],
    ['0800123456', false],
    ['0810123456', false],
    ['3100', false],
    ['0937000000', false],
    ['+442071234567', false],
    ['0612345678', false], // mobile-caller-id reports it
    ['0899123456', false], // forbidden-caller-id reports it
  ])('automated call from %s → %s', (number, expected) => {
    expect(breaks('2026-03-02T11:00', 'automated-not-regulated-prefix', { number, automated: true })).toBe(expected);
  });

  it('is silent when nothing says the call was automated', () => {
    expect(breaks('2026-03-02T11:00', 'automated-not-regulated-prefix', { number: '0145454545' })).toBe(false);
  });
});

describe('charters (engagement de la profession, not law)', () => {
  it('min gap: 23 h 59 is too close, 24 h is fine', () => {
    expect(rowsBreaking(calls([['2026-03-02T11:00'], ['2026-03-03T10:59']]), 'charter-min-gap')).toEqual([1]);
    expect(rowsBreaking(calls([['2026-03-02T11:00'], ['2026-03-03T11:00']]), 'charter-min-gap')).toEqual([]);
  });

  it('min gap is configurable', () => {
    const cs = calls([['2026-03-02T11:00'], ['2026-03-03T11:00']]);
    const policy = withOptions(FRENCH_LAW_AND_CHARTERS_POLICY, { charterMinGapHours: 48 });
    expect(
      checkCalls(cs, { policy })
        .filter((f) => f.rule === 'charter-min-gap')
        .map((f) => f.row),
    ).toEqual([1]);
  });

  it('monthly cap counts calendar months and is configurable', () => {
    const march: Array<[string]> = [
      ['2026-03-02T11:00'],
      ['2026-03-09T11:00'],
      ['2026-03-16T11:00'],
      ['2026-03-23T11:00'],
    ];
    expect(rowsBreaking(calls([...march, ['2026-03-30T11:00']]), 'charter-monthly-cap')).toEqual([4]);
    expect(rowsBreaking(calls([...march, ['2026-04-01T11:00']]), 'charter-monthly-cap')).toEqual([]);
    const policy = withOptions(FRENCH_LAW_AND_CHARTERS_POLICY, { charterMonthlyCap: 2 });
    expect(
      checkCalls(calls(march), { policy })
        .filter((f) => f.rule === 'charter-monthly-cap')
        .map((f) => f.row),
    ).toEqual([2, 3]);
  });

  it('are labelled as commitments, never as illegal, and can be left out', () => {
    const cs = calls([['2026-03-02T11:00'], ['2026-03-02T11:30']]);
    const f = checkCalls(cs).find((x) => x.rule === 'charter-min-gap')!;
    expect(f.kind).toBe('charter');
    expect(f.text).toContain('engagement de la profession');
    expect(f.text.toLowerCase()).not.toContain('illégal');
    expect(f.text).toContain('30 min');
    expect(checkCalls(cs, { policy: FRENCH_LAW_POLICY }).some((x) => x.kind === 'charter')).toBe(false);
    expect(checkCalls(cs, { policy: withOptions(FRENCH_LAW_AND_CHARTERS_POLICY, { charters: false }) })).toEqual([]);
  });
});

describe('engine', () => {
  it('lists findings by row, each with a source and both languages', () => {
    const cs = calls([['2026-03-07T21:00', { masked: true, number: '' }], ['2026-03-02T09:00']]);
    const fs = checkCalls(cs);
    expect(fs.map((f) => [f.row, f.rule])).toEqual([
      [0, 'weekend'],
      [0, 'masked-number'],
      [1, 'outside-hours'],
    ]);
    for (const f of fs) {
      expect(f.source).toMatch(/\S/);
      expect(f.text).not.toBe(f.textEn);
    }
  });

  it('rejects a policy naming an unknown rule', () => {
    expect(() => checkCalls([], { policy: { ...FRENCH_LAW_POLICY, rules: ['nope'] } })).toThrow(/nope/);
  });
});
