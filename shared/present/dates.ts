/**
 * Dates and times as people say them, in the user's language and time zone, through `Intl.DateTimeFormat`:
 * "le 2 déc. à 10 h 30" / "on 2 Dec at 10:30". French writes the hour with "h" (Lexique des règles
 * typographiques en usage à l'Imprimerie nationale: "10 h 30"), which no `Intl` locale produces, so the parts are
 * put together here. Never ISO on a screen; ISO stays in data.
 */
import type { Lang } from './lang.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, timeZone: string, withYear: boolean, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${withYear}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      ...(withYear ? { year: 'numeric' } : {}),
      // French writes "9 h 30", English "09:30".
      ...(withTime ? { hour: lang === 'fr' ? 'numeric' : '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** The device's zone (IANA name); UTC where the runtime does not say. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface Parts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

function parts(lang: Lang, ms: number, timeZone: string, withYear: boolean, withTime: boolean): Parts {
  const out: Parts = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const p of formatter(lang, timeZone, withYear, withTime).formatToParts(ms)) {
    if (p.type === 'day' || p.type === 'month' || p.type === 'year' || p.type === 'hour' || p.type === 'minute') {
      out[p.type] = p.value;
    }
  }
  return out;
}

function yearOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(ms);
}

export interface DateOptions {
  timeZone?: string;
  /** "Now", to leave out the year when it is the current one (tests pass a fixed instant). */
  now?: number;
}

/** "2 déc." (this year) or "2 déc. 2025"; English "2 Dec" / "2 Dec 2025". "1er" for the first of the month. */
export function formatDate(lang: Lang, ms: number, options: DateOptions = {}): string {
  const timeZone = options.timeZone ?? deviceTimeZone();
  const withYear = yearOf(ms, timeZone) !== yearOf(options.now ?? Date.now(), timeZone);
  const p = parts(lang, ms, timeZone, withYear, false);
  const day = lang === 'fr' && p.day === '1' ? '1er' : p.day;
  return [day, p.month, p.year].filter(Boolean).join(' ');
}

/** "10 h 30" / "10:30". */
export function formatClock(lang: Lang, ms: number, options: DateOptions = {}): string {
  const p = parts(lang, ms, options.timeZone ?? deviceTimeZone(), false, true);
  return lang === 'fr' ? `${p.hour} h ${p.minute}` : `${p.hour}:${p.minute}`;
}

/** "le 2 déc. à 10 h 30" / "on 2 Dec at 10:30": a moment inside a sentence or on its own line. */
export function formatWhen(lang: Lang, ms: number, options: DateOptions = {}): string {
  const date = formatDate(lang, ms, options);
  const clock = formatClock(lang, ms, options);
  return lang === 'fr' ? `le ${date} à ${clock}` : `on ${date} at ${clock}`;
}

/** A calendar day stored as `YYYY-MM-DD` ("2 déc. 2025"); noon UTC keeps it the same day in every zone. */
export function formatIsoDay(lang: Lang, isoDay: string, options: { now?: number } = {}): string {
  const ms = Date.parse(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(ms)) return isoDay;
  return formatDate(lang, ms, { timeZone: 'UTC', ...options });
}

const longFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "le lundi 2 mars 2026 à 9 h 30" / "on Monday 2 March 2026 at 09:30": the full form for a document (the evidence
 * page), where the weekday matters (calls on a Sunday are against the rules) and the year is always given.
 */
export function formatLongWhen(lang: Lang, ms: number, options: { timeZone?: string } = {}): string {
  const timeZone = options.timeZone ?? deviceTimeZone();
  const key = `${lang}|${timeZone}`;
  let f = longFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    longFormatters.set(key, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  const day = lang === 'fr' && p['day'] === '1' ? '1er' : p['day'];
  const clock = formatClock(lang, ms, { timeZone });
  return lang === 'fr'
    ? `le ${p['weekday']} ${day} ${p['month']} ${p['year']} à ${clock}`
    : `on ${p['weekday']} ${day} ${p['month']} ${p['year']} at ${clock}`;
}
