/**
 * The 11 public holidays of Code du travail art. L.3133-1, which art. D.223-9 Code conso excludes from the days
 * telemarketing calls are allowed. Three of them move with Easter, so Easter is computed for any year.
 *
 * Not included on purpose: Alsace-Moselle's Good Friday and 26 December (L.3134-13) and the overseas
 * abolition-of-slavery days (L.3422-2). D.223-9 cites only L.3133-1 (research/french-rules.md §2).
 */
import type { Bilingual } from '../verdict.ts';
import { dayNumberOf, ymdOf, ymdOfDayNumber } from './zoned-time.ts';

export interface PublicHoliday {
  /** `YYYY-MM-DD` */
  date: string;
  name: Bilingual;
}

/**
 * Easter Sunday in the Gregorian calendar: the anonymous Gregorian computus (Meeus/Jones/Butcher), valid for
 * every year from 1583 on.
 */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

const cache = new Map<number, PublicHoliday[]>();

/** The 11 L.3133-1 holidays of `year`, in date order. */
export function publicHolidays(year: number): PublicHoliday[] {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const easterDay = dayNumberOf(year, easter.month, easter.day);
  const fixed = (month: number, day: number, fr: string, en: string): PublicHoliday => ({
    date: ymdOf(year, month, day),
    name: { fr, en },
  });
  const movable = (offset: number, fr: string, en: string): PublicHoliday => ({
    date: ymdOfDayNumber(easterDay + offset),
    name: { fr, en },
  });
  const list = [
    fixed(1, 1, "Jour de l'an", "New Year's Day"),
    movable(1, 'Lundi de Pâques', 'Easter Monday'),
    fixed(5, 1, 'Fête du travail (1er mai)', 'Labour Day (1 May)'),
    fixed(5, 8, 'Victoire 1945 (8 mai)', 'Victory in Europe Day (8 May)'),
    movable(39, 'Ascension', 'Ascension Day'),
    movable(50, 'Lundi de Pentecôte', 'Whit Monday'),
    fixed(7, 14, 'Fête nationale (14 juillet)', 'Bastille Day (14 July)'),
    fixed(8, 15, 'Assomption (15 août)', 'Assumption (15 August)'),
    fixed(11, 1, 'Toussaint (1er novembre)', "All Saints' Day (1 November)"),
    fixed(11, 11, 'Armistice 1918 (11 novembre)', 'Armistice Day (11 November)'),
    fixed(12, 25, 'Noël', 'Christmas Day'),
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  cache.set(year, list);
  return list;
}

/** The holiday on local date `ymd` (`YYYY-MM-DD`), or null. */
export function publicHolidayOn(ymd: string): PublicHoliday | null {
  const year = Number(ymd.slice(0, 4));
  return publicHolidays(year).find((h) => h.date === ymd) ?? null;
}
