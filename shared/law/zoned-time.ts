/**
 * Local wall-clock time in the consumer's zone, with nothing but `Intl.DateTimeFormat`.
 *
 * Why: D.223-9 counts hours "dans le fuseau horaire du consommateur", so 10:00 means 10:00 in Paris in winter
 * (UTC+1) and in summer (UTC+2), and 10:00 in Réunion (UTC+4) or Guadeloupe (UTC−4). The IANA database inside
 * every JS engine knows these offsets and their DST changes; no date library is needed.
 */

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday (same as `Date#getUTCDay`). */
  weekday: number;
  /** Days since 1970-01-01 of the local calendar date: calendar-day arithmetic that ignores DST. */
  dayNumber: number;
  /** `YYYY-MM-DD` of the local date. */
  ymd: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-US with h23 gives plain numeric parts; the locale only shapes the parts, not the values.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the engine knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function ymdOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian), whatever the zone. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The calendar date `n` days after 1970-01-01, as `YYYY-MM-DD`. */
export function ymdOfDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return ymdOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Wall-clock parts of instant `ms` (epoch milliseconds) in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : 0;
  };
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const dayNumber = dayNumberOf(year, month, day);
  return {
    year,
    month,
    day,
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    // 1970-01-01 was a Thursday (4).
    weekday: (((dayNumber + 4) % 7) + 7) % 7,
    dayNumber,
    ymd: ymdOf(year, month, day),
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (Paris in winter: +60). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/**
 * The instant at which clocks in `timeZone` show `wall`.
 * In the spring-forward gap (02:30 in Paris on the last Sunday of March does not exist) the result is the instant
 * an hour later on the clock (03:30), as Temporal's "compatible" disambiguation does; in the autumn overlap
 * (02:30 happens twice) it is the first one.
 */
export function zonedWallTimeToInstant(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // Offsets a few hours around the wanted time cover both sides of any transition.
  const before = offsetMinutes(asUtc - DAY_MS / 4, timeZone);
  const after = offsetMinutes(asUtc + DAY_MS / 4, timeZone);
  const candidates = [...new Set([before, after])]
    .map((off) => asUtc - off * 60_000)
    .filter((ms) => offsetMinutes(ms, timeZone) * 60_000 === asUtc - ms)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // The wall time falls in a gap: move it forward by the size of the gap.
  return asUtc - before * 60_000;
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-03-02T10:00:00+01:00`. */
export function formatLocalIso(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const off = offsetMinutes(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${p.ymd}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** `YYYY-MM-DD HH:MM` in the zone, for people. */
export function formatLocalShort(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.ymd} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
