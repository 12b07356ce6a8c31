/**
 * One rule for what a report form accepts, shared by the PWA's form and the extension's popup and card (they
 * disagreed: one took future call times, the other refused them; each read the time in its own zone). The call
 * time is read in the user's time zone (the diary's), as `<input type="datetime-local">` gives it.
 */
import { parseCallTime } from '../diary/call-time.ts';
import { localParts, pad2 } from '../law/zoned-time.ts';
import { CATEGORIES, type Category } from '../verdict.ts';
import { formatWhen } from './dates.ts';
import type { Lang } from './lang.ts';
import { tr } from './translate.ts';

/** The API's limits (shared/api/schemas.ts): longer text is refused by the service, so refuse it here first. */
export const COMMENT_MAX = 500;
export const COMPANY_MAX = 120;

/** A clock a few minutes fast is not a call "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface ReportFormValues {
  category: Category;
  comment: string;
  company: string;
  /** `YYYY-MM-DDTHH:mm` from a datetime-local input; empty: now. */
  calledAt: string;
  answered?: boolean | null;
  refused?: boolean;
}

export interface CheckedReport {
  category: Category;
  comment: string;
  company: string;
  /** ms epoch. */
  calledAt: number;
  answered: boolean | null;
  refused: boolean;
}

export type ReportCheck =
  | { ok: true; report: CheckedReport }
  | { ok: false; field: 'calledAt' | 'comment' | 'company' | 'category'; message: string };

export interface ReportCheckOptions {
  timeZone: string;
  now: number;
}

export function checkReportDraft(lang: Lang, values: ReportFormValues, options: ReportCheckOptions): ReportCheck {
  if (!(CATEGORIES as readonly string[]).includes(values.category)) {
    return { ok: false, field: 'category', message: tr(lang, 'report.category') };
  }
  const comment = values.comment.trim();
  if (comment.length > COMMENT_MAX) {
    return { ok: false, field: 'comment', message: tr(lang, 'report.commentTooLong', { max: COMMENT_MAX }) };
  }
  const company = values.company.trim();
  if (company.length > COMPANY_MAX) {
    return { ok: false, field: 'company', message: tr(lang, 'report.companyTooLong', { max: COMPANY_MAX }) };
  }
  let calledAt = options.now;
  if (values.calledAt.trim() !== '') {
    const parsed = parseCallTime(values.calledAt, options.timeZone);
    if (!parsed.ok) return { ok: false, field: 'calledAt', message: tr(lang, 'report.badTime') };
    if (parsed.time > options.now + CLOCK_SKEW_MS) {
      const when = formatWhen(lang, parsed.time, { timeZone: options.timeZone, now: options.now });
      return { ok: false, field: 'calledAt', message: tr(lang, 'report.futureTime', { when }) };
    }
    calledAt = parsed.time;
  }
  return {
    ok: true,
    report: {
      category: values.category,
      comment,
      company,
      calledAt,
      answered: values.answered ?? null,
      refused: values.refused ?? false,
    },
  };
}

/** `<input type="datetime-local">` value for `ms` in `timeZone` (not the browser's zone). */
export function toLocalInput(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.ymd}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The instant a datetime-local value names in `timeZone`, or null when it names none. */
export function fromLocalInput(value: string, timeZone: string): number | null {
  const r = parseCallTime(value, timeZone);
  return r.ok ? r.time : null;
}
