import { createHash } from 'node:crypto';
import { LIST_FORMAT } from '../../shared/list/layout.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { type SortedList, sortEntries } from '../../shared/list/writer.ts';
import { isProtectedNumber } from '../../shared/rules/protected.ts';
import { reporterWeight } from '../crowd/crowd-model.ts';
import { evidenceOf, publishedState, standingListing } from '../crowd/number-state.ts';
import { crowdRanges, type ListedEvidence } from '../crowd/ranges.ts';
import type { Queryable } from '../db/database.ts';
import { protectedOverrides, votesByNumber } from '../reports/report-store.ts';

export interface ComputedList {
  /** Listed numbers, sorted by pattern. */
  entries: ListEntry[];
  /** The same entries as the writer's sorted columns (version 1: the publisher sets the real one). */
  sorted: SortedList;
  /** True when any listed entry rests on demo reports. */
  demo: boolean;
  /** Stable digest of the entries and the demo flag: equal digests mean nothing to publish. */
  fingerprint: string;
  /** For each reporter, how many listed numbers they flagged (their corroborated history). */
  corroborations: Map<string, number>;
}

/**
 * The list as it would be published at `today`, reading every vote in the window into this process: the
 * full-window publication. It is the baseline of the benchmarks and the reference the incremental
 * publication (incremental.ts) must match byte for byte; `vigie publish --full` runs it as a repair path.
 * Same aggregation as the live answer (crowd/aggregate.ts). Only E.164 numbers go in the list: short codes
 * (3179, 118 712…) are answered live but the list format holds international numbers only.
 */
export async function computeList(db: Queryable, today: number): Promise<ComputedList> {
  const [byNumber, adminProtected] = await Promise.all([votesByNumber(db, today), protectedOverrides(db)]);
  const isProtected = (number: string) => isProtectedNumber(number) || adminProtected.has(number);
  // Pass 1, every reporter at weight 1: who flagged numbers that end up listed (crowd/number-state.ts).
  const corroborations = new Map<string, number>();
  let visited = 0;
  for (const [number, votes] of byNumber) {
    if (++visited % YIELD_EVERY === 0) await yieldToRequests();
    if (!number.startsWith('+')) continue;
    for (const reporter of standingListing(votes, today, isProtected(number)).flaggers) {
      corroborations.set(reporter, (corroborations.get(reporter) ?? 0) + 1);
    }
  }
  // Pass 2, with the standing this publication stores: the list agrees with the live answers that follow it.
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
    const state = publishedState(weighted, today, isProtected(number));
    if (state.trustedVotes !== null) trusted.set(number, state.trustedVotes);
    if (!state.payload) continue;
    entries.push({ pattern: number, payload: state.payload });
    listed.push(evidenceOf(number, votes, today, state.payload));
    demo ||= state.aggregate.demo;
  }
  // Blocks many people flagged go in as ranges (crowd/ranges.ts), with exact `legit` entries overriding them.
  entries.push(...crowdRanges({ listed, isProtected, trusted }));
  entries.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
  const sorted = sortEntries(entries, 1);
  return { entries, sorted, demo, fingerprint: fingerprintOf(sorted, demo), corroborations };
}

const YIELD_EVERY = 2000;

function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Digest of what a version holds: the writer's sorted columns (exact numbers and payload keys, ranges) and the
 * demo flag. Both publications compute it from the same columns, whatever path built them.
 */
export function fingerprintOf(sorted: SortedList, demo: boolean): string {
  const hash = createHash('sha256');
  // The file format is part of what is published: after an upgrade that changes it, the same entries make a
  // new version, so clients get a snapshot they can read (their old-format list is refused, list-format.md).
  hash.update(`format ${LIST_FORMAT}\n`);
  hash.update(demo ? 'demo-v2\n' : 'live-v2\n');
  for (const column of [sorted.exactValues, sorted.exactKeys, sorted.rangeValues, sorted.rangeKeys]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
    hash.update('|');
  }
  hash.update(sorted.rangeDigits);
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
