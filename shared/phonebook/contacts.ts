/**
 * From crowd list entries to a few phone contacts: numbers grouped by level and category ("⛔ Vigie · Arnaque",
 * "⚠ Vigie · Démarchage"), each contact holding at most `perContact` numbers.
 *
 * Stability matters more than balance: a phone re-downloads every contact whose numbers changed, so a number
 * must stay in the same contact from one publication to the next. A group with more numbers than one contact
 * holds is split by jump consistent hashing (Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash
 * Algorithm", 2014) of the number into B contacts: a new or removed number touches one contact, and B itself
 * is kept from the previous book while the contacts stay between 30 % and 80 % full, so it rarely moves.
 */
import { crowdLevel } from '../classify/crowd-reason.ts';
import { neighbourBlockLabel } from '../classify/neighbour-block.ts';
import { LEVEL_SEVERITY } from '../i18n/labels.ts';
import type { ListEntry, ListPayload } from '../list/types.ts';
import { FRENCH_FAMILY_CALLING_CODES } from '../number/overseas.ts';
import type { Category, Level } from '../verdict.ts';
import type { BookCategory, BookLevel, BookOptions } from './options.ts';

export interface PhoneContact {
  /** Stable identifier: the same contact keeps it across publications. */
  uid: string;
  name: string;
  /** Sorted. */
  numbers: string[];
  level: Level;
  category: Category;
}

export interface ContactSet {
  contacts: PhoneContact[];
  /** Contact count chosen for each group (`level-category`), the hint for the next book. */
  buckets: Map<string, number>;
  /** Numbers in the book. */
  numberCount: number;
  /** Listed numbers left out because of `maxNumbers`. */
  cappedOut: number;
  /** Range entries left out: only French ranges of 10 numbers can be written as contacts. */
  skippedRanges: number;
}

const LEVEL_ICON: Record<BookLevel, string> = { danger: '⛔', spam: '⚠', caution: '❔' };

/** Short category names that fit a phone's call screen. */
const CONTACT_CATEGORY: Record<BookCategory, string> = {
  telemarketing: 'Démarchage',
  robocall: 'Appels automatisés',
  scam: 'Arnaque',
  premium_callback: 'Rappel surtaxé',
  survey: 'Sondage',
  debt_collection: 'Recouvrement',
  charity: 'Appel aux dons',
  political: 'Politique',
  other: 'Autre',
};

/** "⛔ Vigie · Arnaque"; caution groups say so, since their numbers are only weakly reported. */
export function contactBaseName(level: BookLevel, category: BookCategory): string {
  return `${LEVEL_ICON[level]} Vigie · ${CONTACT_CATEGORY[category]}${level === 'caution' ? ' (prudence)' : ''}`;
}

/**
 * The numbers one list entry stands for: an exact entry is itself; a block of 10 neighbours in the French plan
 * (`+33` and 8 digits then `*`, likewise +262, +590, +594, +596) is written out; wider ranges (a /100 block,
 * ARCEP's automated-call prefixes of millions of numbers) cannot be, and give null.
 */
export function expandPattern(pattern: string): string[] | null {
  if (!pattern.endsWith('*')) return [pattern];
  // The label reads `01 23 45 67 8x` for a /10 block, `01 23 45 67 xx` for a /100 one.
  const label = neighbourBlockLabel(pattern);
  if (!label?.endsWith('x') || label.endsWith('xx')) return null;
  const stem = pattern.slice(0, -1);
  return Array.from({ length: 10 }, (_, d) => `${stem}${d}`);
}

export function isFrenchFamily(number: string): boolean {
  if (!number.startsWith('+')) return false;
  for (const code of FRENCH_FAMILY_CALLING_CODES) if (number.startsWith(code, 1)) return true;
  return false;
}

/** FNV-1a, 32 bits: a fast, well-spread hash of a number's text (not a security boundary). */
export function hashNumber(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Jump consistent hash: the bucket in [0, buckets) of a key seeded by `seed`. The paper's 64-bit linear
 * congruential step is replaced by mulberry32, a 32-bit generator JavaScript runs without BigInt; the
 * algorithm needs only a uniform sequence per key.
 */
export function jumpBucket(seed: number, buckets: number): number {
  let b = -1;
  let j = 0;
  let state = seed | 0;
  while (j < buckets) {
    b = j;
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) + 1;
    j = Math.floor((b + 1) * (4294967296 / r));
  }
  return b;
}

/** Fill targets: a new split aims at 60 %; a kept one is kept between 30 % and 80 %. */
const FRESH_FILL = 0.6;
const LOW_FILL = 0.3;
const HIGH_FILL = 0.8;

export function bucketCount(numbers: number, perContact: number, previous: number | undefined): number {
  if (numbers <= perContact) return 1;
  if (previous !== undefined && previous > 1) {
    const fill = numbers / (previous * perContact);
    if (fill >= LOW_FILL && fill <= HIGH_FILL) return previous;
  }
  return Math.ceil(numbers / (FRESH_FILL * perContact));
}

interface Group {
  key: string;
  severity: number;
  numbers: string[];
  /** The payload of each number (for the cut at maxNumbers). */
  payloads: ListPayload[];
}

export interface ContactOptions {
  /** Numbers never to include (the user's allow list, on the device). */
  exclude?: (number: string) => boolean;
  /** Contact counts of the previous book (ContactSet.buckets). */
  previousBuckets?: ReadonlyMap<string, number>;
}

export function buildContacts(
  entries: Iterable<ListEntry>,
  options: BookOptions,
  extra: ContactOptions = {},
): ContactSet {
  const minSeverity = LEVEL_SEVERITY[options.minLevel];
  const wanted = new Set<Category>(options.categories);
  const byGroup = new Map<string, Group>();
  // List readers share one payload object between entries with the same payload (a few hundred in a list), so
  // the group of an entry is worked out once per payload, not once per number.
  const groupOfExact = new Map<ListPayload, Group | null>();
  const groupOfRange = new Map<ListPayload, Group | null>();
  const findGroup = (payload: ListPayload, range: boolean): Group | null => {
    const cache = range ? groupOfRange : groupOfExact;
    let group = cache.get(payload);
    if (group !== undefined) return group;
    // A number inside a block of reported neighbours is not itself reported: the look-up warns, never more
    // (shared/classify/crowd-reason.ts), and the book files it the same way.
    const level: Level = range ? (payload.category === 'legit' ? 'unknown' : 'caution') : crowdLevel(payload);
    const severity = LEVEL_SEVERITY[level];
    if (!wanted.has(payload.category) || severity < minSeverity) group = null;
    else {
      const key = `${level}-${payload.category}`;
      group = byGroup.get(key) ?? { key, severity, numbers: [], payloads: [] };
      byGroup.set(key, group);
    }
    cache.set(payload, group);
    return group;
  };
  let skippedRanges = 0;
  let total = 0;
  const add = (group: Group, number: string, payload: ListPayload) => {
    if (options.frenchOnly && !isFrenchFamily(number)) return;
    if (extra.exclude?.(number)) return;
    group.numbers.push(number);
    group.payloads.push(payload);
    total++;
  };
  // Every exact pattern, in the book or not: inside a range, a number's own entry decides (an exact `legit`
  // entry keeps a trusted number out of its neighbours' block), as in the look-up.
  const exacts: string[] = [];
  const ranges: ListEntry[] = [];
  for (const entry of entries) {
    if (entry.pattern.endsWith('*')) {
      ranges.push(entry);
      continue;
    }
    exacts.push(entry.pattern);
    const group = findGroup(entry.payload, false);
    if (group) add(group, entry.pattern, entry.payload);
  }
  if (ranges.length > 0) {
    const taken = new Set(exacts);
    for (const { pattern, payload } of ranges) {
      const group = findGroup(payload, true);
      if (!group) continue;
      const numbers = expandPattern(pattern);
      if (!numbers) {
        skippedRanges++;
        continue;
      }
      for (const number of numbers) {
        if (taken.has(number)) continue;
        taken.add(number);
        add(group, number, payload);
      }
    }
  }

  let cappedOut = 0;
  if (total > options.maxNumbers) {
    // Keep the most severe, then the best-evidenced numbers; the order is total, so the cut is deterministic.
    const all: { number: string; severity: number; payload: ListPayload }[] = [];
    for (const g of byGroup.values())
      for (let i = 0; i < g.numbers.length; i++)
        all.push({ number: g.numbers[i] as string, severity: g.severity, payload: g.payloads[i] as ListPayload });
    all.sort(
      (a, b) =>
        b.severity - a.severity ||
        b.payload.score - a.payload.score ||
        b.payload.reports - a.payload.reports ||
        (a.number < b.number ? -1 : a.number > b.number ? 1 : 0),
    );
    const kept = new Set(all.slice(0, options.maxNumbers).map((c) => c.number));
    for (const g of byGroup.values()) g.numbers = g.numbers.filter((n) => kept.has(n));
    cappedOut = total - options.maxNumbers;
    total = options.maxNumbers;
  }

  const contacts: PhoneContact[] = [];
  const buckets = new Map<string, number>();
  for (const [key, group] of [...byGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (group.numbers.length === 0) continue;
    const [level, category] = key.split('-') as [BookLevel, BookCategory];
    const count = bucketCount(group.numbers.length, options.perContact, extra.previousBuckets?.get(key));
    buckets.set(key, count);
    const split = splitGroup(group.numbers, count, options.perContact);
    const base = contactBaseName(level, category);
    split.forEach((numbers, i) => {
      if (numbers.length === 0) return;
      contacts.push({
        uid: `vigie-${key}-${i + 1}`,
        name: split.length === 1 ? base : `${base} ${i + 1}`,
        numbers,
        level,
        category,
      });
    });
  }
  return { contacts, buckets, numberCount: total, cappedOut, skippedRanges };
}

/**
 * `count` consistent-hash buckets, each cut to `perContact` numbers; what a bucket cannot hold (rare at 80 %
 * fill) goes to overflow contacts after the last bucket, so the cap is never exceeded.
 */
function splitGroup(numbers: string[], count: number, perContact: number): string[][] {
  if (count === 1 && numbers.length <= perContact) return [numbers.sort()];
  // Parallel arrays, not an object per number: this runs over the whole list at every publication.
  const hashes = new Uint32Array(numbers.length);
  const bucketOf = new Uint32Array(numbers.length);
  const sizes = new Uint32Array(count);
  for (let i = 0; i < numbers.length; i++) {
    const hash = hashNumber(numbers[i] as string);
    hashes[i] = hash;
    const b = jumpBucket(hash, count);
    bucketOf[i] = b;
    sizes[b] = (sizes[b] as number) + 1;
  }
  const members: number[][] = Array.from({ length: count }, (_, b) => new Array<number>(sizes[b] as number));
  const filled = new Uint32Array(count);
  for (let i = 0; i < numbers.length; i++) {
    const b = bucketOf[i] as number;
    (members[b] as number[])[filled[b] as number] = i;
    filled[b] = (filled[b] as number) + 1;
  }
  const overflow: string[] = [];
  const result = members.map((indices) => {
    if (indices.length > perContact) {
      // Which numbers stay is decided by hash, so the same ones stay from one book to the next.
      indices.sort(
        (a, b) =>
          (hashes[a] as number) - (hashes[b] as number) || ((numbers[a] as string) < (numbers[b] as string) ? -1 : 1),
      );
      for (const i of indices.splice(perContact)) overflow.push(numbers[i] as string);
    }
    return indices.map((i) => numbers[i] as string).sort();
  });
  overflow.sort();
  for (let i = 0; i < overflow.length; i += perContact) result.push(overflow.slice(i, i + perContact));
  return result;
}
