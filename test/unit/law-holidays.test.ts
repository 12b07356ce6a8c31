import { describe, expect, it } from 'vitest';
import { easterSunday, publicHolidayOn, publicHolidays } from '../../shared/law/holidays.ts';

// Easter Sundays from the published calendars (facts, independent of the algorithm under test).
const EASTER: Record<number, string> = {
  2023: '04-09',
  2024: '03-31',
  2025: '04-20',
  2026: '04-05',
  2027: '03-28',
  2028: '04-16',
  2029: '04-01',
  2030: '04-21',
};

// The movable holidays as printed in French calendars: Easter Monday, Ascension, Whit Monday.
const MOVABLE: Record<number, [string, string, string]> = {
  2023: ['04-10', '05-18', '05-29'],
  2024: ['04-01', '05-09', '05-20'],
  2025: ['04-21', '05-29', '06-09'],
  2026: ['04-06', '05-14', '05-25'],
  2027: ['03-29', '05-06', '05-17'],
  2028: ['04-17', '05-25', '06-05'],
  2029: ['04-02', '05-10', '05-21'],
  2030: ['04-22', '05-30', '06-10'],
};

const FIXED = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

describe('easterSunday', () => {
  it.each(Object.entries(EASTER))('%s', (year, date) => {
    const e = easterSunday(Number(year));
    expect(`${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(date);
  });

  it('is always a Sunday between 22 March and 25 April (1900–2200)', () => {
    for (let y = 1900; y <= 2200; y++) {
      const e = easterSunday(y);
      expect(new Date(Date.UTC(y, e.month - 1, e.day)).getUTCDay()).toBe(0);
      const mmdd = e.month * 100 + e.day;
      expect(mmdd).toBeGreaterThanOrEqual(322);
      expect(mmdd).toBeLessThanOrEqual(425);
    }
  });
});

describe('publicHolidays (L.3133-1)', () => {
  it.each(Object.keys(MOVABLE))('lists the 11 holidays of %s', (y) => {
    const year = Number(y);
    const expected = [...FIXED, ...MOVABLE[year]!].map((d) => `${year}-${d}`).sort();
    expect(publicHolidays(year).map((h) => h.date)).toEqual(expected);
    for (const h of publicHolidays(year)) {
      expect(h.name.fr).not.toBe('');
      expect(h.name.en).not.toBe('');
    }
  });

  it('finds a holiday by date and nothing the day before', () => {
    expect(publicHolidayOn('2026-05-14')?.name.en).toBe('Ascension Day');
    expect(publicHolidayOn('2026-05-13')).toBeNull();
    // Good Friday and 26 December are Alsace-Moselle only, not L.3133-1.
    expect(publicHolidayOn('2026-04-03')).toBeNull();
    expect(publicHolidayOn('2026-12-26')).toBeNull();
  });
});
