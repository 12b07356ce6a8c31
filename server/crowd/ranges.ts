/**
 * Crowd ranges: when many numbers of one block are listed by many independent people, the block itself goes
 * in the list as a range entry (`+3319900120*`), so the next number the same call centre rotates to is flagged
 * before anyone reports it. The list format has held ranges from the start (docs/list-format.md); clients
 * match an exact entry first, then the longest range (shared/list/reader.ts).
 *
 * Rules (docs/crowd-model.md, "Ranges"):
 * - a /10 block (the last digit free: 01 23 45 67 8x) is listed when it holds ≥ 4 listed numbers flagged by
 *   ≥ 6 independent reporters in all;
 * - a /100 block (the last two digits free) when it holds ≥ 10 listed numbers spread over ≥ 3 different /10
 *   blocks, flagged by ≥ 10 independent reporters;
 * - a block holding a protected number (emergency and public services, admin-protected) never gets a range;
 * - a number people vouch for (level `trusted`) inside a listed block gets an exact `legit` entry, which
 *   clients match before the range.
 * A /100 block makes its /10 ranges redundant: they are dropped.
 */
import type { ListEntry, ListPayload } from '../../shared/list/types.ts';
import type { Category } from '../../shared/verdict.ts';
import { CATEGORY_SEVERITY } from './aggregate.ts';
import { bandReports } from './bands.ts';

export const RANGE_RULES = {
  ten: { minNumbers: 4, minReporters: 6 },
  hundred: { minNumbers: 10, minTens: 3, minReporters: 10 },
} as const;

/** A listed number with the independence keys of the people who flagged it (see `independenceKeys`). */
export interface ListedEvidence {
  number: string;
  payload: ListPayload;
  reporters: readonly string[];
  groups: readonly string[];
}

/** `+33199001201` → the /10 prefix `+3319900120` (digits = 1) or the /100 prefix `+331990012` (digits = 2). */
function blockOf(number: string, freeDigits: 1 | 2): string {
  return number.slice(0, number.length - freeDigits);
}

interface Block {
  prefix: string;
  members: ListedEvidence[];
}

function groupBlocks(listed: readonly ListedEvidence[], freeDigits: 1 | 2): Block[] {
  const blocks = new Map<string, Block>();
  for (const entry of listed) {
    // Short national numbers are no block of anyone's: ranges only over full-length E.164 numbers.
    if (!entry.number.startsWith('+') || entry.number.length < 10) continue;
    const prefix = blockOf(entry.number, freeDigits);
    let block = blocks.get(prefix);
    if (!block) {
      block = { prefix, members: [] };
      blocks.set(prefix, block);
    }
    block.members.push(entry);
  }
  return [...blocks.values()];
}

/**
 * Independent people behind a block's listed numbers: distinct reporter ids, and distinct source-address
 * groups, whichever is fewer (fresh ids from one network count once, one person on many networks too).
 */
function independentReporters(members: readonly ListedEvidence[]): number {
  const reporters = new Set<string>();
  const groups = new Set<string>();
  for (const m of members) {
    for (const r of m.reporters) reporters.add(r);
    for (const g of m.groups) groups.add(g);
  }
  return Math.min(reporters.size, groups.size);
}

function rangePayload(members: readonly ListedEvidence[], reporters: number): ListPayload {
  const counts = new Map<Category, number>();
  let lastReportDay = 0;
  for (const m of members) {
    counts.set(m.payload.category, (counts.get(m.payload.category) ?? 0) + 1);
    lastReportDay = Math.max(lastReportDay, m.payload.lastReportDay);
  }
  let category: Category = 'other';
  let best = 0;
  for (const c of CATEGORY_SEVERITY) {
    const n = counts.get(c) ?? 0;
    if (n > best) {
      best = n;
      category = c;
    }
  }
  // A range is inferred, not reported: it reads as "just listed" (85), never as more.
  return { category, score: 85, reports: bandReports(reporters), lastReportDay };
}

function rangePattern(prefix: string): string {
  return `${prefix}*`;
}

/** Every number a block covers, to check none is protected (10 or 100 numbers). */
function blockNumbers(prefix: string, freeDigits: 1 | 2): string[] {
  const size = freeDigits === 1 ? 10 : 100;
  return Array.from({ length: size }, (_, i) => prefix + String(i).padStart(freeDigits, '0'));
}

export interface RangeInput {
  listed: readonly ListedEvidence[];
  isProtected: (number: string) => boolean;
  /** Numbers people vouch for (level `trusted`), with their legit voter count. */
  trusted: ReadonlyMap<string, number>;
}

/** The range entries and the exact `legit` entries that override them, to add to the list. */
export function crowdRanges(input: RangeInput): ListEntry[] {
  const out: ListEntry[] = [];
  const blockProtected = (prefix: string, free: 1 | 2) => blockNumbers(prefix, free).some(input.isProtected);
  const hundreds = new Set<string>();
  for (const block of groupBlocks(input.listed, 2)) {
    const { minNumbers, minTens, minReporters } = RANGE_RULES.hundred;
    if (block.members.length < minNumbers) continue;
    const tens = new Set(block.members.map((m) => blockOf(m.number, 1)));
    if (tens.size < minTens) continue;
    const reporters = independentReporters(block.members);
    if (reporters < minReporters || blockProtected(block.prefix, 2)) continue;
    hundreds.add(block.prefix);
    out.push({ pattern: rangePattern(block.prefix), payload: rangePayload(block.members, reporters) });
  }
  for (const block of groupBlocks(input.listed, 1)) {
    const { minNumbers, minReporters } = RANGE_RULES.ten;
    if (hundreds.has(blockOf(block.prefix, 1))) continue;
    if (block.members.length < minNumbers) continue;
    const reporters = independentReporters(block.members);
    if (reporters < minReporters || blockProtected(block.prefix, 1)) continue;
    out.push({ pattern: rangePattern(block.prefix), payload: rangePayload(block.members, reporters) });
  }
  // Numbers people vouch for, inside a listed block: an exact entry the client matches before the range.
  const prefixes = out.map((e) => e.pattern.slice(0, -1));
  for (const [number, legitVotes] of input.trusted) {
    if (!prefixes.some((p) => number.startsWith(p) && number.length - p.length <= 2)) continue;
    out.push({
      pattern: number,
      payload: { category: 'legit', score: 0, reports: bandReports(legitVotes), lastReportDay: 0 },
    });
  }
  return out;
}
