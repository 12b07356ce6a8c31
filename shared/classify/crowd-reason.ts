import type { ListMatch, ListPayload } from '../list/types.ts';
import { tr, trCount } from '../present/translate.ts';
import type { Level, Reason } from '../verdict.ts';
import { neighbourBlockLabel } from './neighbour-block.ts';

const DAY_MS = 86_400_000;

/**
 * The service scores an entry 85 when its evidence just reaches the listing threshold (docs/crowd-model.md),
 * so 85 and above is the crowd's "yes"; lower scores (lists built by other tools, mixed evidence) only warn.
 */
const LISTED_SCORE = 85;

/** Categories where calling back or answering can cost money or data: `danger`, not merely `spam`. */
const DANGEROUS = new Set(['scam', 'premium_callback']);

/** The level a crowd list entry gives on its own (also what the phone book groups contacts by). */
export function crowdLevel(payload: Pick<ListPayload, 'category' | 'score'>): Level {
  if (payload.category === 'legit') return 'unknown';
  if (DANGEROUS.has(payload.category)) return 'danger';
  return payload.score >= LISTED_SCORE ? 'spam' : 'caution';
}

/**
 * The crowd's word on a listed number. Entries reach the list only past the service's threshold of
 * independent reporters (docs/crowd-model.md); a score below what listing requires is shown as `caution`.
 */
export function crowdReason(
  match: ListMatch,
  listVersion: number,
): { level: Level; reason: Reason; lastReportedAt: string | null } {
  const lastReportedAt =
    match.lastReportDay > 0 ? new Date(match.lastReportDay * DAY_MS).toISOString().slice(0, 10) : null;
  const block = match.kind === 'range' ? neighbourBlockLabel(match.pattern) : null;
  if (block !== null) {
    // A number inside a block of reported neighbours is not itself reported: a warning, never more (issue 13 §2).
    // The entry's `reports` counts the block's listed numbers (docs/crowd-model.md).
    const neighbours = (lang: 'fr' | 'en') =>
      trCount(lang, 'verdict.crowdNeighbours', match.reports, {
        block,
        why: tr(lang, `verdict.reportedFor.${match.category}`),
      });
    return {
      level: match.category === 'legit' ? 'unknown' : 'caution',
      lastReportedAt,
      reason: {
        id: 'crowd:range',
        kind: 'crowd',
        source: `liste collaborative Vigie v${listVersion}`,
        text: neighbours('fr'),
        textEn: neighbours('en'),
      },
    };
  }
  const level = crowdLevel(match);
  // The date is not in the sentence: `lastReportedAt` carries it, and each view says it in its own words.
  const sentence = (lang: 'fr' | 'en') => {
    const category = tr(lang, `category.${match.category}`).toLowerCase();
    return match.kind === 'range'
      ? tr(lang, 'verdict.crowdRange', { category })
      : match.reports > 3
        ? trCount(lang, 'verdict.crowdReportsAtLeast', match.reports, { category })
        : trCount(lang, 'verdict.crowdReports', match.reports, { category });
  };
  return {
    level,
    lastReportedAt,
    reason: {
      id: match.kind === 'range' ? 'crowd:range' : 'crowd:reports',
      kind: 'crowd',
      source: `liste collaborative Vigie v${listVersion}`,
      text: sentence('fr'),
      textEn: sentence('en'),
    },
  };
}
