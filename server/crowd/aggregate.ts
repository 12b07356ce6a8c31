import type { Category, Level } from '../../shared/verdict.ts';
import { CROWD_MODEL } from './crowd-model.ts';

/** One reporter's latest opinion on one number, as the aggregation sees it. */
export interface Vote {
  reporter: string;
  category: Category;
  /** Day of the report (days since epoch, UTC). */
  day: number;
  /** Salted weekly hash of the source network (network-hash.ts); null for imported reports. */
  addrHash: string | null;
  /** Reporter standing (crowd-model.ts `reporterWeight`). */
  weight: number;
  demo: boolean;
}

export interface NumberAggregate {
  listed: boolean;
  level: Level;
  category: Category | null;
  /** Independent spam reporters inside the window. */
  reports: number;
  /** Independent `legit` voters inside the window. */
  legitVotes: number;
  spamWeight: number;
  legitWeight: number;
  /** 0–255 confidence written in the list (85 at the listing threshold, 255 at three times it). */
  score: number;
  lastReportDay: number | null;
  demo: boolean;
}

/**
 * The most days of `days` (one per network group) that fit in a span of `span` consecutive days. Network groups
 * come from a salt that lasts `span` days (network-hash.ts): a span meets at most two salt periods, so one network
 * is at most two groups inside it, and three are needed to list. Groups with no network (imported complaints, one
 * per complainant, and demo reports) are told apart by reporter for good, so they count whatever their day.
 */
function mostWithinSpan(days: number[], span: number): number {
  const sorted = [...days].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= span) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/** Severity order breaks category ties (a number's votes, a block's numbers): warn about the worse thing. */
export const CATEGORY_SEVERITY: readonly Category[] = [
  'scam',
  'premium_callback',
  'robocall',
  'debt_collection',
  'telemarketing',
  'political',
  'survey',
  'charity',
  'other',
];

/**
 * The aggregate of a number from its votes at `today`. Rules (docs/crowd-model.md):
 * - one vote per reporter (their latest) and one per source address group (reporters seen behind the same
 *   address hash that day count once), so neither repeated reports nor a burst of fresh ids from one
 *   machine add up;
 * - weights decay with a 90-day half-life and grow with the reporter's standing;
 * - listed only when ≥ 3 independent reporters flagged it (those seen through a network hash within 7 days of
 *   one another) AND spam weight minus legit weight ≥ threshold;
 * - protected numbers are never listed.
 */
export function aggregateVotes(votes: readonly Vote[], today: number, isProtected: boolean): NumberAggregate {
  const { halfLifeDays, windowDays, minIndependentReporters, listThreshold, legitFactor } = CROWD_MODEL;
  // Latest vote per independence group; a reporter's later vote replaces their earlier one.
  const latestByReporter = new Map<string, Vote>();
  for (const vote of votes) {
    if (today - vote.day > windowDays) continue;
    const seen = latestByReporter.get(vote.reporter);
    if (!seen || vote.day >= seen.day) latestByReporter.set(vote.reporter, vote);
  }
  // One vote per group, groups in the order they first appear (the order of the sums below). A reporter with
  // no network is a group alone. Indexes into one array rather than a map keyed by "r:"/"a:" strings: a string
  // made per vote, 3-4 times per number and publication, was most of this function's garbage.
  const groups: Vote[] = [];
  const byAddr = new Map<string, number>();
  for (const vote of latestByReporter.values()) {
    if (vote.addrHash === null) {
      groups.push(vote);
      continue;
    }
    const at = byAddr.get(vote.addrHash);
    if (at === undefined) {
      byAddr.set(vote.addrHash, groups.length);
      groups.push(vote);
      continue;
    }
    const seen = groups[at] as Vote;
    if (vote.day > seen.day || (vote.day === seen.day && vote.weight > seen.weight)) groups[at] = vote;
  }
  let spamWeight = 0;
  let legitWeight = 0;
  let reports = 0;
  let legitVotes = 0;
  let lastReportDay: number | null = null;
  let demo = false;
  // Days of the spam groups keyed by a network hash, and the number keyed by reporter alone (imports, demo).
  const spamDays: number[] = [];
  let spamUnaddressed = 0;
  const byCategory = new Map<Category, number>();
  for (const vote of groups) {
    const age = Math.max(0, today - vote.day);
    const w = vote.weight * 2 ** (-age / halfLifeDays);
    demo ||= vote.demo;
    if (vote.category === 'legit') {
      legitWeight += w;
      legitVotes += 1;
      continue;
    }
    spamWeight += w;
    reports += 1;
    if (vote.addrHash === null) spamUnaddressed += 1;
    else spamDays.push(vote.day);
    byCategory.set(vote.category, (byCategory.get(vote.category) ?? 0) + w);
    if (lastReportDay === null || vote.day > lastReportDay) lastReportDay = vote.day;
  }
  let category: Category | null = null;
  let best = -1;
  for (const candidate of CATEGORY_SEVERITY) {
    const w = byCategory.get(candidate) ?? 0;
    if (w > best + 1e-9) {
      best = w;
      category = w > 0 ? candidate : category;
    }
  }
  const net = spamWeight - legitFactor * legitWeight;
  const listed =
    !isProtected &&
    reports >= minIndependentReporters &&
    spamUnaddressed + mostWithinSpan(spamDays, CROWD_MODEL.listingSpanDays) >= minIndependentReporters &&
    net >= listThreshold;
  const score = listed ? Math.min(255, Math.max(1, Math.round((85 * net) / listThreshold))) : 0;
  let level: Level = 'unknown';
  if (isProtected) level = 'trusted';
  else if (listed) level = category === 'scam' || category === 'premium_callback' ? 'danger' : 'spam';
  else if (legitVotes >= minIndependentReporters && legitWeight > spamWeight) level = 'trusted';
  else if (reports > 0 && net > 0) level = 'caution';
  if (category === null && legitVotes > 0) category = 'legit';
  return { listed, level, category, reports, legitVotes, spamWeight, legitWeight, score, lastReportDay, demo };
}
