import { describe, expect, it } from 'vitest';
import { publicHolidays } from '../../shared/law/holidays.ts';
import { localParts } from '../../shared/law/zoned-time.ts';
import { breaks, call, rowsBreaking } from './law-helpers.ts';

// 2 March 2026 is a Monday.
describe('outside-hours (D.223-9: 10:00–13:00 and 14:00–20:00)', () => {
  it.each([
    ['09:59', true],
    ['10:00', false],
    ['12:59', false],
    ['13:00', true],
    ['13:30', true],
    ['13:59', true],
    ['14:00', false],
    ['19:59', false],
    ['20:00', true],
    ['23:30', true],
    ['00:00', true],
  ])('a Monday call at %s breaks it: %s', (time, expected) => {
    expect(breaks(`2026-03-02T${time}`, 'outside-hours')).toBe(expected);
  });

  it('counts seconds: 12:59:59 is inside, 9:59:59 is outside', () => {
    expect(breaks('2026-03-02T12:59:59', 'outside-hours')).toBe(false);
    expect(breaks('2026-03-02T09:59:59', 'outside-hours')).toBe(true);
  });

  it('uses Paris summer time after the spring change (same UTC hour, different verdict)', () => {
    // 08:30 UTC is 09:30 in Paris on Friday 27 March (CET) and 10:30 on Monday 30 March (CEST).
    expect(breaks('2026-03-27T08:30:00Z', 'outside-hours')).toBe(true);
    expect(breaks('2026-03-30T08:30:00Z', 'outside-hours')).toBe(false);
  });

  it('uses Paris winter time after the autumn change', () => {
    // 18:30 UTC is 20:30 in Paris on Friday 23 October (CEST) and 19:30 on Monday 26 October (CET).
    expect(breaks('2026-10-23T18:30:00Z', 'outside-hours')).toBe(true);
    expect(breaks('2026-10-26T18:30:00Z', 'outside-hours')).toBe(false);
  });

  it("judges in the consumer's zone, overseas included", () => {
    // 06:30 UTC is 10:30 in Réunion but 08:30 in Paris.
    expect(breaks('2026-06-01T06:30:00Z', 'outside-hours', {}, 'Indian/Reunion')).toBe(false);
    expect(breaks('2026-06-01T06:30:00Z', 'outside-hours', {}, 'Europe/Paris')).toBe(true);
    // 23:30 UTC on Monday is 19:30 the same Monday in Guadeloupe.
    expect(breaks('2026-06-01T23:30:00Z', 'outside-hours', {}, 'America/Guadeloupe')).toBe(false);
  });

  it('does not bind a company with express prior consent', () => {
    expect(breaks('2026-03-02T09:00', 'outside-hours', { consent: true })).toBe(false);
  });

  it('leaves weekend and holiday calls to their own rules', () => {
    expect(breaks('2026-03-07T08:00', 'outside-hours')).toBe(false);
    expect(breaks('2026-05-01T08:00', 'outside-hours')).toBe(false);
  });

  it('does not judge calls before 1 March 2023', () => {
    expect(breaks('2023-02-28T09:00', 'outside-hours')).toBe(false);
    expect(breaks('2023-03-01T09:00', 'outside-hours')).toBe(true);
  });
});

describe('weekend', () => {
  it('flags Saturday and Sunday, not Friday or Monday', () => {
    expect(breaks('2026-03-06T11:00', 'weekend')).toBe(false);
    expect(breaks('2026-03-07T11:00', 'weekend')).toBe(true);
    expect(breaks('2026-03-08T11:00', 'weekend')).toBe(true);
    expect(breaks('2026-03-09T11:00', 'weekend')).toBe(false);
  });

  it('flags the DST Sundays at any hour (29 March and 25 October 2026)', () => {
    expect(breaks('2026-03-29T03:30', 'weekend')).toBe(true);
    expect(breaks('2026-10-25T02:30', 'weekend')).toBe(true);
    expect(breaks('2026-10-25T23:59', 'weekend')).toBe(true);
  });

  it('uses the local day: Friday 23:30 UTC is Saturday in Paris', () => {
    expect(breaks('2026-03-06T23:30:00Z', 'weekend')).toBe(true);
    expect(breaks('2026-03-06T23:30:00Z', 'weekend', {}, 'America/Martinique')).toBe(false);
  });

  it('is lifted by prior consent', () => {
    expect(breaks('2026-03-07T11:00', 'weekend', { consent: true })).toBe(false);
  });
});

describe('public-holiday (L.3133-1), every holiday of 2023–2030', () => {
  for (let year = 2023; year <= 2030; year++) {
    it(`${year}`, () => {
      for (const h of publicHolidays(year)) {
        const onHoliday = breaks(`${h.date}T11:00`, 'public-holiday');
        // 1 January 2023 is before D.223-9 took effect.
        expect(onHoliday, h.date).toBe(h.date >= '2023-03-01');
        // The day before is a finding only when it is a holiday too (8 May and Ascension on 9 May 2024).
        const before = localParts(Date.parse(`${h.date}T12:00:00Z`) - 86_400_000, 'Europe/Paris').ymd;
        const beforeIsHoliday = publicHolidays(year).some((x) => x.date === before) && before >= '2023-03-01';
        expect(breaks(`${before}T11:00`, 'public-holiday'), before).toBe(beforeIsHoliday);
      }
    });
  }

  it('names the holiday in both languages', () => {
    const cs = [call('2026-07-14T11:00', { row: 0 })];
    expect(rowsBreaking(cs, 'public-holiday')).toEqual([0]);
  });
});
