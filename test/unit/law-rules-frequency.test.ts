import { describe, expect, it } from 'vitest';
import { calls, findingsOf, rowsBreaking } from './law-helpers.ts';

describe('over-4-in-30-days (D.223-9)', () => {
  it('flags the 5th call in 30 calendar days, not the 4th', () => {
    const cs = calls([
      ['2026-03-02T11:00'],
      ['2026-03-03T11:00'],
      ['2026-03-04T11:00'],
      ['2026-03-05T11:00'],
      ['2026-03-06T11:00'],
      ['2026-03-09T11:00'],
    ]);
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([4, 5]);
    expect(findingsOf(cs, 'over-4-in-30-days')[0]!.text).toContain(
      '02/03/2026, 03/03/2026, 04/03/2026, 05/03/2026, 06/03/2026',
    );
  });

  it('counts unanswered attempts and calls from several numbers of the same company', () => {
    const cs = calls([
      ['2026-03-02T11:00', { number: '0162000001', answered: true }],
      ['2026-03-02T15:00', { number: '0162000002' }],
      ['2026-03-03T11:00', { number: '0948000003' }],
      ['2026-03-03T15:00', { number: '0270000004', company: ' ACME ' }],
      ['2026-03-04T11:00', { number: '0377000005', company: 'acme' }],
    ]);
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([4]);
  });

  it('does not add up different companies', () => {
    const cs = calls([
      ['2026-03-02T11:00', { company: 'A' }],
      ['2026-03-03T11:00', { company: 'A' }],
      ['2026-03-04T11:00', { company: 'B' }],
      ['2026-03-05T11:00', { company: 'B' }],
      ['2026-03-06T11:00', { company: 'C' }],
    ]);
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([]);
  });

  it('slides: day 30 is inside the window, day 31 is outside', () => {
    const base: Array<[string]> = [
      ['2026-03-02T11:00'],
      ['2026-03-03T11:00'],
      ['2026-03-04T11:00'],
      ['2026-03-05T11:00'],
    ];
    // 31 March is the 30th calendar day counting 2 March as the first.
    expect(rowsBreaking(calls([...base, ['2026-03-31T11:00']]), 'over-4-in-30-days')).toEqual([4]);
    // 1 April: 2 March has left the window, 4 calls remain.
    expect(rowsBreaking(calls([...base, ['2026-04-01T11:00']]), 'over-4-in-30-days')).toEqual([]);
  });

  it('keeps sliding: a steady call every 7 days never breaks it, every 6 days does', () => {
    const every = (days: number) =>
      calls(
        Array.from({ length: 10 }, (_, i): [string] => {
          const d = new Date(Date.UTC(2026, 2, 2 + i * days));
          return [`${d.toISOString().slice(0, 10)}T11:00`];
        }),
      );
    expect(rowsBreaking(every(8), 'over-4-in-30-days')).toEqual([]);
    // Every 7 days: days 0, 7, 14, 21, 28 fall in one 30-day window.
    expect(rowsBreaking(every(7), 'over-4-in-30-days').length).toBeGreaterThan(0);
  });

  it('counts calendar days across the DST change, not 24-hour periods', () => {
    // The window of a call on 29 March 2026 (the spring change) starts on 28 February; of 30 March, on 1 March,
    // although 30 March 00:30 is less than 30 × 24 h after 28 February 11:00.
    const first4: Array<[string]> = [
      ['2026-02-28T11:00'],
      ['2026-03-03T11:00'],
      ['2026-03-04T11:00'],
      ['2026-03-05T11:00'],
    ];
    expect(rowsBreaking(calls([...first4, ['2026-03-29T23:30']]), 'over-4-in-30-days')).toEqual([4]);
    expect(rowsBreaking(calls([...first4, ['2026-03-30T00:30']]), 'over-4-in-30-days')).toEqual([]);
  });

  it('does not count calls before 1 March 2023', () => {
    const cs = calls([
      ['2023-02-20T11:00'],
      ['2023-02-21T11:00'],
      ['2023-02-22T11:00'],
      ['2023-02-23T11:00'],
      ['2023-03-01T11:00'],
    ]);
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([]);
  });

  it('judges calls by time, whatever their order in the file', () => {
    const cs = calls([
      ['2026-03-06T11:00'],
      ['2026-03-02T11:00'],
      ['2026-03-05T11:00'],
      ['2026-03-03T11:00'],
      ['2026-03-04T11:00'],
    ]);
    expect(rowsBreaking(cs, 'over-4-in-30-days')).toEqual([0]);
  });
});

describe('within-60-days-of-refusal (D.223-9)', () => {
  // Refused on Monday 2 March 2026; day 60 after it is 1 May, day 61 is 2 May.
  const refusal: [string, { refused: boolean }] = ['2026-03-02T11:00', { refused: true }];

  it('flags a call later the same day and up to day 60; allows day 61', () => {
    expect(rowsBreaking(calls([refusal, ['2026-03-02T15:00']]), 'within-60-days-of-refusal')).toEqual([1]);
    expect(rowsBreaking(calls([refusal, ['2026-05-01T11:00']]), 'within-60-days-of-refusal')).toEqual([1]);
    expect(rowsBreaking(calls([refusal, ['2026-05-01T23:59']]), 'within-60-days-of-refusal')).toEqual([1]);
    expect(rowsBreaking(calls([refusal, ['2026-05-02T00:00']]), 'within-60-days-of-refusal')).toEqual([]);
  });

  it('says how many days after the refusal', () => {
    const f = findingsOf(calls([refusal, ['2026-03-12T11:00']]), 'within-60-days-of-refusal');
    expect(f[0]!.text).toContain('10 jour(s)');
    expect(f[0]!.textEn).toContain('Monday 2 March 2026');
  });

  it('does not flag the refusing call itself or calls before it', () => {
    expect(rowsBreaking(calls([['2026-03-01T11:00'], refusal]), 'within-60-days-of-refusal')).toEqual([]);
  });

  it('counts from the latest refusal', () => {
    const cs = calls([refusal, ['2026-04-20T11:00', { refused: true }], ['2026-06-15T11:00']]);
    expect(rowsBreaking(cs, 'within-60-days-of-refusal')).toEqual([1, 2]);
  });

  it('only for the company that was refused', () => {
    const cs = calls([
      ['2026-03-02T11:00', { refused: true, company: 'A' }],
      ['2026-03-03T11:00', { company: 'B' }],
    ]);
    expect(rowsBreaking(cs, 'within-60-days-of-refusal')).toEqual([]);
  });
});
