/**
 * Payloads as numeric keys, and the table that lets each entry point at its payload with one small index.
 *
 * A crowd list has millions of numbers but few distinct payloads once they are rounded the way people read
 * them ("signalé 214 fois", "il y a 3 jours"); storing an index of at most 10 bits per entry instead of the 8-byte payload is
 * what keeps the file under 3 bytes per number (docs/list-format.md). The key packs a payload into one double,
 * exactly: category (4 bits) · score (8) · lastReportDay (16) · reports (24) = 52 bits < 2^53, and its numeric
 * order is the table's order, so the table is the same for the same set of payloads whatever the input order.
 */
import { CATEGORIES, type Category } from '../verdict.ts';
import type { ListPayload } from './types.ts';

/**
 * At most this many distinct payloads fit a list file: the entry's index is at most 10 bits, which with the
 * 12–14 low bits of the number keeps a record within 3 bytes (docs/list-format.md).
 */
export const MAX_PAYLOADS = 1024;
/** Reports are stored on 24 bits: 16.7 million independent reports is far beyond any real number. */
export const MAX_REPORTS = 0xff_ffff;
/** Days since 1970 on 16 bits: up to 2149-06-06. */
export const MAX_DAY = 0xffff;

const CATEGORY_INDEX = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));

/** Why a payload cannot be stored, or null when it can. */
export function payloadProblem(p: ListPayload): string | null {
  if (!CATEGORY_INDEX.has(p.category)) return `unknown category ${JSON.stringify(p.category)}`;
  if (!Number.isInteger(p.score) || p.score < 0 || p.score > 255) return `score ${p.score} is not an integer 0–255`;
  if (!Number.isInteger(p.reports) || p.reports < 0 || p.reports > MAX_REPORTS)
    return `reports ${p.reports} is not an integer 0–${MAX_REPORTS}`;
  if (!Number.isInteger(p.lastReportDay) || p.lastReportDay < 0 || p.lastReportDay > MAX_DAY)
    return `lastReportDay ${p.lastReportDay} is not an integer 0–${MAX_DAY}`;
  return null;
}

const SCORE_UNIT = 2 ** 40;
const DAY_UNIT = 2 ** 24;
const CATEGORY_UNIT = 2 ** 48;

/** The payload as one exact double (call payloadProblem first). */
export function payloadKey(p: ListPayload): number {
  return (
    (CATEGORY_INDEX.get(p.category) as number) * CATEGORY_UNIT +
    p.score * SCORE_UNIT +
    p.lastReportDay * DAY_UNIT +
    p.reports
  );
}

export function keyCategory(key: number): number {
  return Math.floor(key / CATEGORY_UNIT);
}
export function keyScore(key: number): number {
  return Math.floor(key / SCORE_UNIT) % 256;
}
export function keyDay(key: number): number {
  return Math.floor(key / DAY_UNIT) % 65536;
}
export function keyReports(key: number): number {
  return key % DAY_UNIT;
}

export function makeKey(category: number, score: number, day: number, reports: number): number {
  return category * CATEGORY_UNIT + score * SCORE_UNIT + day * DAY_UNIT + reports;
}

export function keyToPayload(key: number): ListPayload {
  return {
    category: CATEGORIES[keyCategory(key)] as Category,
    score: keyScore(key),
    reports: keyReports(key),
    lastReportDay: keyDay(key),
  };
}

/** Largest value of the 1-2-5 series (1, 2, 5, 10, 20, 50…) not above n; 0 stays 0. */
function floorOneTwoFive(n: number): number {
  if (n < 1) return 0;
  let unit = 1;
  while (unit * 10 <= n) unit *= 10;
  const lead = Math.floor(n / unit);
  return (lead >= 5 ? 5 : lead >= 2 ? 2 : 1) * unit;
}

/** Keep one significant digit above 10: 10…99 → tens, 100…999 → hundreds (≤ 10 % below the real count). */
function floorOneDigit(n: number): number {
  if (n <= 10) return n;
  let unit = 1;
  while (unit * 10 <= n) unit *= 10;
  return Math.floor(n / unit) * unit;
}

/** The day rounded down to a multiple of `step` days since 1970 (0, "unknown", stays 0). */
function floorDay(day: number, step: number): number {
  return day - (day % step);
}

/**
 * Rounding levels, tried in order until the list has at most MAX_PAYLOADS distinct payloads. What people
 * read is kept longest: the category never changes, report counts keep their magnitude (one significant
 * digit, then the 1-2-5 series, as PhoneBlock rounds its vote counts to 2/4/10/20/50/100), the last report
 * day is rounded down to whole weeks, then months of 30 days, then quarters, on a fixed calendar grid (so an
 * entry's rounded day does not move as time passes, which would bloat every daily delta). The score, which
 * the service derives from counts and age anyway, is rounded first. The last level keeps 10 categories ×
 * 2 scores × 8 report classes = 160 payloads, so the loop always ends.
 * A written list has at most MAX_PAYLOADS payloads, so reading it back and writing it again takes level 0
 * and gives the same bytes (the fixpoint the delta codec relies on). The service should round payloads
 * itself in a stable way (docs/list-format.md): the level is chosen per list, and a list that needs a
 * different level than yesterday's changes many payloads at once.
 */
export const QUANTISATION_LEVELS: readonly ((key: number) => number)[] = [
  (key) => key,
  (key) => makeKey(keyCategory(key), keyScore(key) & ~15, keyDay(key), floorOneDigit(keyReports(key))),
  (key) => makeKey(keyCategory(key), keyScore(key) & ~63, floorDay(keyDay(key), 7), floorOneTwoFive(keyReports(key))),
  (key) =>
    makeKey(
      keyCategory(key),
      keyScore(key) & ~63,
      floorDay(keyDay(key), 30),
      Math.min(1000, floorOneTwoFive(keyReports(key))),
    ),
  (key) =>
    makeKey(
      keyCategory(key),
      keyScore(key) & ~127,
      floorDay(keyDay(key), 30),
      Math.min(100, floorOneTwoFive(keyReports(key))),
    ),
  (key) =>
    makeKey(
      keyCategory(key),
      keyScore(key) & ~127,
      floorDay(keyDay(key), 91),
      Math.min(100, floorOneTwoFive(keyReports(key))),
    ),
  (key) => makeKey(keyCategory(key), keyScore(key) & ~127, 0, Math.min(100, floorOneTwoFive(keyReports(key)))),
];

export interface PayloadTable {
  /** Distinct (rounded) keys, ascending: the file's payload table. */
  keys: Float64Array;
  /** Which QUANTISATION_LEVELS entry was needed (0 = exact). */
  level: number;
  /** Maps an input key to its table index. */
  indexOf(key: number): number;
}

/**
 * A small open-addressing hash set of payload keys (doubles). A `Set<number>` boxes keys above 2^31 and
 * costs ~150 ns an operation here; this costs ~10, which matters when a delta is applied on a phone.
 */
class KeySet {
  private readonly keys: Float64Array;
  private readonly used: Uint8Array;
  private readonly shift: number;
  private readonly mask: number;
  readonly order: number[] = [];
  private readonly slotOrder: Int32Array;

  constructor(capacity: number) {
    let bits = 4;
    while (2 ** bits < capacity * 2) bits++;
    this.keys = new Float64Array(2 ** bits);
    this.used = new Uint8Array(2 ** bits);
    this.slotOrder = new Int32Array(2 ** bits);
    this.shift = 32 - bits;
    this.mask = 2 ** bits - 1;
  }

  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 0x1_0000_0000) >>> 0;
    let slot = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
    while (this.used[slot] === 1 && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  get size(): number {
    return this.order.length;
  }

  add(key: number): void {
    const slot = this.slot(key);
    if (this.used[slot] === 1) return;
    this.used[slot] = 1;
    this.keys[slot] = key;
    this.order.push(key);
  }

  /** After `number()`: the position given to `key`, or −1. */
  position(key: number): number {
    const slot = this.slot(key);
    return this.used[slot] === 1 ? (this.slotOrder[slot] as number) : -1;
  }

  /** Numbers the keys in ascending order and returns them. */
  number(): Float64Array {
    const sorted = Float64Array.from(this.order).sort();
    sorted.forEach((key, i) => {
      this.slotOrder[this.slot(key)] = i;
    });
    return sorted;
  }
}

/** The table for sets of payload keys (any order, repeats allowed), rounding only when there are too many. */
export function buildPayloadTable(...keyArrays: Float64Array[]): PayloadTable {
  for (let level = 0; level < QUANTISATION_LEVELS.length; level++) {
    const quantise = QUANTISATION_LEVELS[level] as (key: number) => number;
    // Stop counting as soon as the level is known to be too fine: the set never grows past MAX_PAYLOADS + 1.
    const rounded = new KeySet(MAX_PAYLOADS + 1);
    for (const allKeys of keyArrays) {
      for (let i = 0; i < allKeys.length && rounded.size <= MAX_PAYLOADS; i++) {
        rounded.add(level === 0 ? (allKeys[i] as number) : quantise(allKeys[i] as number));
      }
    }
    if (rounded.size > MAX_PAYLOADS) continue;
    const table = rounded.number();
    return {
      keys: table,
      level,
      indexOf(key) {
        const i = rounded.position(level === 0 ? key : quantise(key));
        if (i < 0) throw new Error(`payload key ${key} is not in the table`);
        return i;
      },
    };
  }
  throw new Error('unreachable: the last quantisation level has at most 160 payloads');
}
