import { createHash } from 'node:crypto';
import type { ListEntry } from '../../shared/list/types.ts';
import { isProtectedNumber } from '../../shared/rules/protected.ts';
import { aggregateVotes } from '../crowd/aggregate.ts';
import { bandPayload } from '../crowd/bands.ts';
import { CROWD_MODEL, reporterWeight } from '../crowd/crowd-model.ts';
import { crowdRanges, type ListedEvidence } from '../crowd/ranges.ts';
import type { Queryable } from '../db/database.ts';
import { protectedOverrides, votesByNumber } from '../reports/report-store.ts';

export interface ComputedList {
  /** Listed numbers, sorted by pattern. */
  entries: ListEntry[];
  /** True when any listed entry rests on demo reports. */
  demo: boolean;
  /** Stable digest of the entries and the demo flag: equal digests mean nothing to publish. */
  fingerprint: string;
  /** For each reporter, how many listed numbers they flagged (their corroborated history). */
  corroborations: Map<string, number>;
}

/**
 * The list as it would be published at `today`, with the same aggregation as the live answer
 * (crowd/aggregate.ts). Only E.164 numbers go in the list: short codes (3179, 118 712…) are answered live but
 * the list format holds international numbers only.
 */
export async function computeList(db: Queryable, today: number): Promise<ComputedList> {
  const [byNumber, adminProtected] = await Promise.all([votesByNumber(db, today), protectedOverrides(db)]);
  const isProtected = (number: string) => isProtectedNumber(number) || adminProtected.has(number);
  // Pass 1, with the standing stored at the last publication: who flagged numbers that end up listed.
  const corroborations = new Map<string, number>();
  let visited = 0;
  for (const [number, votes] of byNumber) {
    if (++visited % YIELD_EVERY === 0) await yieldToRequests();
    if (!number.startsWith('+') || !aggregateVotes(votes, today, isProtected(number)).listed) continue;
    const counted = new Set<string>();
    for (const vote of votes) {
      if (vote.category === 'legit' || counted.has(vote.reporter)) continue;
      counted.add(vote.reporter);
      corroborations.set(vote.reporter, (corroborations.get(vote.reporter) ?? 0) + 1);
    }
  }
  // Pass 2, with the standing this publication stores: the list agrees with the live answers that follow
  // it, and publishing again with no new report gives the same list (no version made of standing alone).
  const entries: ListEntry[] = [];
  const listed: ListedEvidence[] = [];
  const trusted = new Map<string, number>();
  let demo = false;
  let seen = 0;
  for (const [number, votes] of byNumber) {
    // Let requests in between: the publication shares the service's thread (docs/scaling.md).
    if (++seen % YIELD_EVERY === 0) await yieldToRequests();
    if (!number.startsWith('+')) continue;
    const weighted = votes.map((vote) => ({ ...vote, weight: reporterWeight(corroborations.get(vote.reporter) ?? 0) }));
    const aggregate = aggregateVotes(weighted, today, isProtected(number));
    if (aggregate.level === 'trusted' && !isProtected(number)) trusted.set(number, aggregate.legitVotes);
    if (!aggregate.listed || aggregate.category === null) continue;
    // Whether a number is listed follows decay day by day; what the entry says is its evidence as of its latest
    // report, in bands (crowd/bands.ts). So with no news a number's bytes never change, only its presence when
    // decay delists it (a real change of level), and the public list gives no exact count.
    const asOf = asOfLastReport(weighted, today);
    // The window too is as of that day: a vote ageing out of it later changes nothing the entry says.
    const settled = asOf < today ? aggregateVotes(weighted, asOf, false) : aggregate;
    entries.push({
      pattern: number,
      payload: bandPayload({
        category: aggregate.category,
        score: Math.max(aggregate.score, settled.score),
        reports: settled.reports,
        lastReportDay: aggregate.lastReportDay ?? 0,
      }),
    });
    listed.push(evidenceOf(number, votes, today, entries[entries.length - 1]?.payload));
    demo ||= aggregate.demo;
  }
  // Blocks many people flagged go in as ranges (crowd/ranges.ts), with exact `legit` entries overriding them.
  entries.push(...crowdRanges({ listed, isProtected, trusted }));
  entries.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
  return { entries, demo, fingerprint: fingerprintOf(entries, demo), corroborations };
}

const YIELD_EVERY = 2000;

function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The day of the number's latest vote inside the window (its latest news). */
function asOfLastReport(votes: readonly { day: number }[], today: number): number {
  let latest = -1;
  for (const vote of votes) if (today - vote.day <= CROWD_MODEL.windowDays && vote.day > latest) latest = vote.day;
  return latest < 0 ? today : Math.min(latest, today);
}

/** Who flagged a listed number, as the range rules count people: reporter ids and source-address groups. */
function evidenceOf(
  number: string,
  votes: readonly { reporter: string; category: string; day: number; addrHash: string | null }[],
  today: number,
  payload: ListEntry['payload'] | undefined,
): ListedEvidence {
  const reporters = new Set<string>();
  const groups = new Set<string>();
  for (const vote of votes) {
    if (vote.category === 'legit' || today - vote.day > CROWD_MODEL.windowDays) continue;
    reporters.add(vote.reporter);
    groups.add(vote.addrHash === null ? `r:${vote.reporter}` : `a:${vote.addrHash}`);
  }
  if (!payload) throw new Error('evidenceOf: no payload');
  return { number, payload, reporters: [...reporters], groups: [...groups] };
}

export function fingerprintOf(entries: readonly ListEntry[], demo: boolean): string {
  const hash = createHash('sha256');
  hash.update(demo ? 'demo\n' : 'live\n');
  for (const { pattern, payload: p } of entries) {
    hash.update(`${pattern} ${p.category} ${p.score} ${p.reports} ${p.lastReportDay}\n`);
  }
  return hash.digest('hex');
}

/**
 * Replaces the reporters' standing with this publication's corroborations: weight grows with numbers a
 * reporter flagged that others confirmed (crowd-model.ts `reporterWeight`). Reporters with none keep the
 * base weight and need no row.
 */
export async function saveReporterStanding(db: Queryable, corroborations: Map<string, number>): Promise<void> {
  await db.query('DELETE FROM reporter_standing');
  const reporters = [...corroborations.keys()];
  const CHUNK = 5000;
  for (let i = 0; i < reporters.length; i += CHUNK) {
    const chunk = reporters.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO reporter_standing (reporter, corroborated, weight)
       SELECT * FROM unnest($1::text[], $2::integer[], $3::float8[])`,
      [
        chunk,
        chunk.map((r) => corroborations.get(r) ?? 0),
        chunk.map((r) => reporterWeight(corroborations.get(r) ?? 0)),
      ],
    );
  }
}
