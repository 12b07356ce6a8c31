/**
 * What publication derives from one number's votes, shared by the full-window publication
 * (server/publish/list-entries.ts `computeList`) and the incremental one (server/publish/incremental.ts), so
 * the two cannot drift apart: they must give byte-identical lists (test/integration/server-incremental.test.ts).
 *
 * Two passes (docs/crowd-model.md rule 6):
 * - pass 1, `standingListing`: whether the number would be listed with every reporter at weight 1. Its flaggers
 *   earn standing (one corroboration each). Standing therefore depends on the reports and the day only, never
 *   on an earlier publication: no feedback loop, so a publication with no news makes no version;
 * - pass 2, `publishedState`: the number with each reporter's standing, as the list and the live answer say it.
 */
import type { ListEntry, ListPayload } from '../../shared/list/types.ts';
import { aggregateVotes, type NumberAggregate, type Vote } from './aggregate.ts';
import { bandPayload, bandReports, bandScore } from './bands.ts';
import { CROWD_MODEL } from './crowd-model.ts';
import type { ListedEvidence } from './ranges.ts';

export interface StandingListing {
  listed: boolean;
  /** The number's aggregate at weight 1 (what `publishedState` needs too: pass it on rather than redo it). */
  unit: NumberAggregate;
  /** Reporters with a non-`legit` vote in the window: each gains one corroboration when `listed`. */
  flaggers: string[];
}

/** Pass 1. `votes` are the number's votes inside the window (their weights are ignored). */
export function standingListing(votes: readonly Vote[], today: number, isProtected: boolean): StandingListing {
  const aggregate = aggregateVotes(unitWeights(votes), today, isProtected);
  if (!aggregate.listed) return { listed: false, flaggers: [], unit: aggregate };
  const flaggers = new Set<string>();
  for (const vote of votes)
    if (vote.category !== 'legit' && today - vote.day <= CROWD_MODEL.windowDays) flaggers.add(vote.reporter);
  return { listed: true, flaggers: [...flaggers], unit: aggregate };
}

export interface PublishedState {
  aggregate: NumberAggregate;
  /** The exact entry's payload when the number is listed (in bands), else null. */
  payload: ListPayload | null;
  /** Independent `legit` voters when people vouch for the number (level `trusted`, not protected), else null. */
  trustedVotes: number | null;
  /** The first day after `today` on which time alone may change what publication derives (null: never). */
  reviewDay: number | null;
}

/**
 * Pass 2. `weighted` carries each reporter's standing from pass 1. `unit`: `standingListing(weighted, today,
 * isProtected).unit` when the caller has it (the same votes, day and protection), else computed here.
 */
export function publishedState(
  weighted: readonly Vote[],
  today: number,
  isProtected: boolean,
  unit: NumberAggregate = aggregateVotes(unitWeights(weighted), today, isProtected),
): PublishedState {
  const aggregate = aggregateVotes(weighted, today, isProtected);
  const trustedVotes = aggregate.level === 'trusted' && !isProtected ? aggregate.legitVotes : null;
  let payload: ListPayload | null = null;
  let settledScore = 0;
  if (aggregate.listed && aggregate.category !== null) {
    // Whether a number is listed follows decay day by day; what the entry says is its evidence as of its latest
    // report, in bands (crowd/bands.ts). So with no news a number's bytes never change, only its presence when
    // decay delists it (a real change of level), and the public list gives no exact count.
    const asOf = asOfLastReport(weighted, today);
    // The window too is as of that day: a vote ageing out of it later changes nothing the entry says.
    const settled = asOf < today ? aggregateVotes(weighted, asOf, false) : aggregate;
    settledScore = settled.score;
    payload = bandPayload({
      category: aggregate.category,
      score: Math.max(aggregate.score, settled.score),
      reports: settled.reports,
      lastReportDay: aggregate.lastReportDay ?? 0,
    });
  }
  return {
    aggregate,
    payload,
    trustedVotes,
    reviewDay: reviewDay(weighted, today, unit, aggregate, payload, settledScore),
  };
}

function unitWeights(votes: readonly Vote[]): Vote[] {
  return votes.map((vote) => (vote.weight === 1 ? vote : { ...vote, weight: 1 }));
}

/** The day of the number's latest vote inside the window (its latest news). */
function asOfLastReport(votes: readonly { day: number }[], today: number): number {
  let latest = -1;
  for (const vote of votes) if (today - vote.day <= CROWD_MODEL.windowDays && vote.day > latest) latest = vote.day;
  return latest < 0 ? today : Math.min(latest, today);
}

/**
 * When a number with no new vote must be looked at again. Between two window exits every vote decays by the
 * same factor each day, so spam and legit weights keep their ratio: category, level `caution` or `trusted`,
 * counts and days cannot change; only `net = spam − legit` shrinks, by 2^(−1/90) a day. So what can change by
 * time alone is:
 * - a vote leaving the window (the day after its 365th day), or a vote dated in the future starting to decay;
 * - pass 1 or pass 2 net weight falling under the listing threshold (the number leaves the list);
 * - the live score falling under the band it holds the published score in (bands.ts), when it, not the score
 *   as of the last report, sets that band.
 * The decay days are taken one day early (floating-point sums may cross a threshold a day before the exact
 * value would): reviewing early only costs a recomputation, reviewing late would publish a stale entry.
 */
function reviewDay(
  votes: readonly Vote[],
  today: number,
  unit: NumberAggregate,
  weighted: NumberAggregate,
  payload: ListPayload | null,
  settledScore: number,
): number | null {
  const { windowDays, listThreshold } = CROWD_MODEL;
  let next = Number.POSITIVE_INFINITY;
  for (const vote of votes) {
    if (vote.day > today) next = Math.min(next, vote.day);
    else if (today - vote.day <= windowDays) next = Math.min(next, vote.day + windowDays + 1);
  }
  if (unit.listed) next = Math.min(next, today + decayDays(unit.spamWeight - unit.legitWeight, listThreshold));
  if (weighted.listed) {
    const net = weighted.spamWeight - weighted.legitWeight;
    next = Math.min(next, today + decayDays(net, listThreshold));
    const band = payload?.score ?? 0;
    // The live score rounds 85 × net / threshold: it stays in `band` while that is at least band − 0.5.
    if (bandScore(settledScore) < band)
      next = Math.min(next, today + decayDays(net, ((band - 0.5) * listThreshold) / 85));
  }
  return Number.isFinite(next) ? next : null;
}

/** Whole days (at least 1) for which `net` decayed stays above `floor`, one day early. */
function decayDays(net: number, floor: number): number {
  if (!(net > floor)) return 1;
  return Math.max(1, Math.floor(CROWD_MODEL.halfLifeDays * Math.log2(net / floor)) - 1);
}

/** Who flagged a listed number, as the range rules count people: reporter ids and source-address groups. */
export function evidenceOf(
  number: string,
  votes: readonly Vote[],
  today: number,
  payload: ListPayload,
): ListedEvidence {
  const reporters = new Set<string>();
  const groups = new Set<string>();
  for (const vote of votes) {
    if (vote.category === 'legit' || today - vote.day > CROWD_MODEL.windowDays) continue;
    reporters.add(vote.reporter);
    groups.add(vote.addrHash === null ? `r:${vote.reporter}` : `a:${vote.addrHash}`);
  }
  return { number, payload, reporters: [...reporters], groups: [...groups] };
}

/** The exact `legit` entry of a number people vouch for, inside a listed block (crowd/ranges.ts). */
export function legitEntry(number: string, legitVotes: number): ListEntry {
  return {
    pattern: number,
    payload: { category: 'legit', score: 0, reports: bandReports(legitVotes), lastReportDay: 0 },
  };
}
