import type { Aggregate } from '../../shared/api/schemas.ts';
import { isProtectedNumber } from '../../shared/rules/protected.ts';
import type { Queryable } from '../db/database.ts';
import { commentsForNumber, isAdminProtected, votesForNumber } from '../reports/report-store.ts';
import { aggregateVotes, type NumberAggregate } from './aggregate.ts';
import { CROWD_MODEL, DAY_MS, dayOf } from './crowd-model.ts';

/** Protected by the core's rule (emergency and public services) or by an admin. */
export async function isNumberProtected(db: Queryable, number: string): Promise<boolean> {
  return isProtectedNumber(number) || (await isAdminProtected(db, number));
}

/**
 * `GET /api/v1/numbers/{e164}`: the aggregate as of now, computed the same way as publication does
 * (server/publish/list-entries.ts), so `listed` says whether a list published now would hold the number.
 */
export async function liveAggregate(db: Queryable, number: string, now: number): Promise<Aggregate> {
  const today = dayOf(now);
  const [votes, isProtected] = await Promise.all([votesForNumber(db, number, today), isNumberProtected(db, number)]);
  const aggregate = aggregateVotes(votes, today, isProtected);
  // Comments go public only once enough independent reporters agree: a lone person cannot pin text on
  // someone's number (docs/crowd-model.md).
  const showComments = aggregate.reports >= CROWD_MODEL.minReportersForComments && !isProtected;
  const comments = showComments ? await commentsForNumber(db, number, today) : [];
  return toApiAggregate(number, aggregate, comments);
}

export function toApiAggregate(number: string, aggregate: NumberAggregate, comments: Aggregate['comments']): Aggregate {
  const answer: Aggregate = {
    number,
    listed: aggregate.listed,
    level: aggregate.level,
    category: aggregate.category,
    reports: aggregate.reports,
    legitVotes: aggregate.legitVotes,
    lastReportedAt: aggregate.lastReportDay === null ? null : isoDay(aggregate.lastReportDay),
    comments,
  };
  if (aggregate.demo) answer.demo = true;
  return answer;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
