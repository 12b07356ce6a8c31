/**
 * What the published list says about a number moves in coarse bands, not exact figures (issue 12), for two
 * reasons:
 * - stability: decay lowers every score a little each day, and a report on an already-listed number bumps its
 *   count; with exact figures most payloads changed at every publication and deltas were a quarter of the
 *   snapshot. In bands, a day without reports for a number changes none of its bytes;
 * - privacy: the list is public, and exact counts and days tell who reported when.
 * The live API (`GET /numbers/{e164}`) still answers exact counts for one number at a time, rate limited.
 * docs/crowd-model.md lists the bands.
 */
import type { ListPayload } from '../../shared/list/types.ts';
import { DAY_MS } from './crowd-model.ts';

/**
 * Report counts above 3: the largest of these at or below the count, as PhoneBlock rounds its vote counts to
 * 2/4/10/20/50/100. Up to 3 the count is exact: a listed number has at least 3 independent reporters anyway.
 */
const COUNT_BANDS = [4, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] as const;

export function bandReports(reports: number): number {
  if (reports <= 3) return Math.max(0, reports);
  let band = 3;
  for (const b of COUNT_BANDS) if (reports >= b) band = b;
  return band;
}

/**
 * Scores: 85 is the listing threshold (aggregate.ts), each band √2 above the last, so decay (half-life 90 days)
 * moves a number down one band every 45 days at most; 255 (three times the threshold, the maximum) stays exact.
 */
const SCORE_BANDS = [85, 120, 170, 240, 255] as const;

export function bandScore(score: number): number {
  if (score < (SCORE_BANDS[0] as number)) return score;
  let band: number = SCORE_BANDS[0];
  for (const b of SCORE_BANDS) if (score >= b) band = b;
  return band;
}

/** The last report's day, as the first day of its UTC month: clients show "last reported in March 2026". */
export function bandDay(day: number): number {
  if (day <= 0) return 0;
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

export function bandPayload(payload: ListPayload): ListPayload {
  return {
    category: payload.category,
    score: bandScore(payload.score),
    reports: bandReports(payload.reports),
    lastReportDay: bandDay(payload.lastReportDay),
  };
}
