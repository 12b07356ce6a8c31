/**
 * List entries from what a person has at hand: a report CSV (report-csv.ts) or a plain list of numbers.
 * Used by `vigie list build`. The service builds its published list from its own aggregation
 * (docs/crowd-model.md); this is the simple, local rule, documented in docs/list-format.md §Building.
 */
import { normalize } from '../number/normalize.ts';
import { CATEGORIES, type Category } from '../verdict.ts';
import { parsePattern } from './pattern.ts';
import type { CsvLineError, ReportRow } from './report-csv.ts';
import type { ListEntry } from './types.ts';

/**
 * Score of a locally built entry: 50 per independent report, capped at 255. Two reporters reach 100, the
 * classifier's `spam` threshold (shared/classify/crowd-reason.ts); one report alone stays `caution`, echoing
 * the service's rule that one reporter can never list a number by themself.
 */
export const SCORE_PER_REPORT = 50;

function toE164(input: string, region: string, line: number): { e164: string } | { error: CsvLineError } {
  const result = normalize(input, region);
  if (!result.ok) {
    return {
      error: { line, message: `${input} : ${result.error.message}`, messageEn: `${input}: ${result.error.messageEn}` },
    };
  }
  if (result.value.isShort) {
    return {
      error: {
        line,
        message: `${input} : numéro court, absent des listes (seuls les numéros E.164 y figurent)`,
        messageEn: `${input}: a short code cannot be listed (lists hold E.164 numbers only)`,
      },
    };
  }
  return { e164: result.value.number };
}

/**
 * Groups report rows by normalised number: reports = distinct reporters (a row without a reporter counts
 * once), category = the most frequent (ties: the first in the category list), lastReportDay = the latest.
 */
export function entriesFromReports(
  rows: readonly ReportRow[],
  region: string,
): { entries: ListEntry[]; errors: CsvLineError[] } {
  const errors: CsvLineError[] = [];
  const groups = new Map<
    string,
    { reporters: Set<string>; anonymous: number; categories: Map<Category, number>; lastDay: number }
  >();
  for (const row of rows) {
    const n = toE164(row.number, row.region ?? region, row.line);
    if ('error' in n) {
      errors.push(n.error);
      continue;
    }
    let g = groups.get(n.e164);
    if (!g) {
      g = { reporters: new Set(), anonymous: 0, categories: new Map(), lastDay: 0 };
      groups.set(n.e164, g);
    }
    if (row.reporter) g.reporters.add(row.reporter);
    else g.anonymous++;
    if (row.category) g.categories.set(row.category, (g.categories.get(row.category) ?? 0) + 1);
    if (row.reportedDay !== null) g.lastDay = Math.max(g.lastDay, row.reportedDay);
  }
  const entries: ListEntry[] = [];
  for (const [pattern, g] of groups) {
    let category: Category = 'other';
    let best = 0;
    for (const c of CATEGORIES) {
      const count = g.categories.get(c) ?? 0;
      if (count > best) {
        best = count;
        category = c;
      }
    }
    const reports = g.reporters.size + g.anonymous;
    entries.push({
      pattern,
      payload: { category, reports, score: Math.min(255, reports * SCORE_PER_REPORT), lastReportDay: g.lastDay },
    });
  }
  return { entries, errors };
}

/**
 * One number per line, in any human format (`06 12 34 56 78`, `+33 6…`, `0033…`), or an E.164 prefix
 * ending in `*` for a range (`+33162*`); `#` starts a comment; blank lines are skipped. Each entry gets
 * `category`, one report and the maximum score (the list's author vouches for it). A number written twice is one
 * number, not two reports: a list of numbers says nothing about how often they called (issue 11 §16).
 */
export function entriesFromNumberLines(
  text: string,
  region: string,
  category: Category = 'other',
): { entries: ListEntry[]; errors: CsvLineError[] } {
  const errors: CsvLineError[] = [];
  const patterns = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const input = raw.replace(/#.*$/, '').trim();
    if (input === '') return;
    let pattern: string;
    if (input.endsWith('*')) {
      const compact = input.replace(/[\s.\-()]/g, '');
      if (parsePattern(compact)?.kind !== 'range') {
        errors.push({
          line,
          message: `${input} : une plage s’écrit en E.164 suivi de * (ex. +33162*)`,
          messageEn: `${input}: a range is written in E.164 followed by * (e.g. +33162*)`,
        });
        return;
      }
      pattern = compact;
    } else {
      const n = toE164(input, region, line);
      if ('error' in n) {
        errors.push(n.error);
        return;
      }
      pattern = n.e164;
    }
    patterns.add(pattern);
  });
  const entries = [...patterns].map((pattern) => ({
    pattern,
    payload: { category, reports: 1, score: 255, lastReportDay: 0 },
  }));
  return { entries, errors };
}
