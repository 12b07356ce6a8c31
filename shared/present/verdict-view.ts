/**
 * One way to show a verdict: everything a screen says about a number, worked out once from the `Verdict` and
 * what the device knows (demo list, the user's own report, an online look-up). The PWA card, the extension's
 * card and popup and the CLI draw this, each in its own markup; none of them phrases a verdict itself.
 */
import type { Category, Level, Verdict } from '../verdict.ts';
import { formatIsoDay, formatWhen } from './dates.ts';
import { type IconId, LEVEL_ICONS } from './icons.ts';
import type { Lang } from './lang.ts';
import { LEVEL_COLOURS, levelToken } from './level-style.ts';
import { displayNumber } from './number-display.ts';
import { tr, trCount } from './translate.ts';

export interface VerdictViewContext {
  /** The crowd list in use was published as demo data (`vigie serve --demo`). */
  demo?: boolean;
  /** When this user reported the number (ms epoch), from their history; null when they never did. */
  reportedAt?: number | null;
  /** What a private online look-up added (extension, PWA comments), when the user turned it on. */
  online?: { reports: number; legitVotes: number } | null;
  timeZone?: string;
  /** "Now", for the year in dates; tests pass a fixed instant. */
  now?: number;
}

export interface ReasonLine {
  id: string;
  kind: string;
  text: string;
  source: string;
}

export interface VerdictView {
  /** E.164 or short code: for data attributes and storage, never parsed from `numberDisplay`. */
  number: string;
  /** "01 62 12 34 56", "+32 2 123 45 67", "3179". */
  numberDisplay: string;
  level: Level;
  /** The level in a word: "Indésirable". */
  levelText: string;
  /** The heading's first words: the level, or "Vous l’avez signalé" when nothing else is known. */
  headline: string;
  /** What the heading adds after a dash: the category ("Démarchage"), or null. */
  detail: string | null;
  /** headline and detail in one string, for titles and screen readers. */
  title: string;
  /** `level-spam`: a class name or a custom property's suffix. */
  token: string;
  colours: readonly [background: string, text: string];
  icon: IconId;
  category: Category | null;
  /** Rules, the user's lists, public services and the crowd, as sentences with their source. */
  reasons: ReasonLine[];
  /** The crowd's counts, only when it has something to say ("Dernier signalement le 2 déc."). */
  crowdLines: string[];
  /** "Vous l’avez signalé le 2 déc." and what happens next. */
  yourReport: { said: string; next: string } | null;
  /** Demo data: said on every verdict that rests on it. */
  demo: string | null;
  /** "Numéro d’un bloc attribué à Orange (France métropolitaine)." and the porting note. */
  operator: { line: string; note: string; source: string } | null;
}

export function verdictView(lang: Lang, verdict: Verdict, context: VerdictViewContext = {}): VerdictView {
  const dateOptions = {
    ...(context.timeZone === undefined ? {} : { timeZone: context.timeZone }),
    ...(context.now === undefined ? {} : { now: context.now }),
  };
  const levelText = tr(lang, `level.${verdict.level}`);
  const hasCrowd = verdict.reasons.some((r) => r.kind === 'crowd');
  const reported = context.reportedAt ?? null;
  // "Inconnu" right after the user reported it reads as "your report went nowhere": say what they did instead.
  const headline = verdict.level === 'unknown' && reported !== null ? tr(lang, 'verdict.youReported') : levelText;
  const detail = verdict.category ? tr(lang, `category.${verdict.category}`) : null;

  const crowdLines: string[] = [];
  if (verdict.lastReportedAt && hasCrowd) {
    crowdLines.push(tr(lang, 'verdict.lastReport', { when: sayDay(lang, verdict.lastReportedAt, dateOptions.now) }));
  }
  const online = context.online ?? null;
  if (online && online.reports > 0 && !hasCrowd) {
    crowdLines.push(trCount(lang, 'verdict.onlineReports', online.reports));
  }
  if (online && online.legitVotes > 0) crowdLines.push(trCount(lang, 'verdict.legitVotes', online.legitVotes));
  else if (crowdIsLegit(verdict)) crowdLines.push(trCount(lang, 'verdict.legitVotes', verdict.reports));

  const reasons: ReasonLine[] = verdict.reasons
    .filter((r) => r.kind !== 'operator' && !(r.kind === 'crowd' && crowdIsLegit(verdict)))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      text: lang === 'fr' ? r.text : r.textEn,
      source: r.kind === 'crowd' ? tr(lang, 'verdict.crowdSource') : r.source,
    }));

  return {
    number: verdict.number,
    numberDisplay: displayNumber(verdict.number),
    level: verdict.level,
    levelText,
    headline,
    detail,
    title: detail ? `${headline} — ${detail}` : headline,
    token: levelToken(verdict.level),
    colours: LEVEL_COLOURS[verdict.level],
    icon: LEVEL_ICONS[verdict.level],
    category: verdict.category,
    reasons,
    crowdLines,
    yourReport:
      reported === null
        ? null
        : {
            said: tr(lang, 'verdict.youReportedOn', { when: formatWhen(lang, reported, dateOptions) }),
            next: tr(lang, hasCrowd && verdict.level !== 'unknown' ? 'verdict.nowListed' : 'verdict.reportPending'),
          },
    demo: context.demo && hasCrowd ? tr(lang, 'verdict.demo') : null,
    operator: verdict.operator
      ? {
          line: tr(lang, 'verdict.blockHolder', { name: verdict.operator.name, territory: verdict.operator.territory }),
          note: tr(lang, 'verdict.blockHolderNote'),
          source: tr(lang, 'verdict.blockHolderSource'),
        }
      : null,
  };
}

/** The crowd entry says "legitimate": the number is listed because people vouched for it. */
function crowdIsLegit(verdict: Verdict): boolean {
  return verdict.level === 'unknown' && verdict.reports > 0 && verdict.reasons.some((r) => r.kind === 'crowd');
}

function sayDay(lang: Lang, isoDay: string, now: number | undefined): string {
  // The crowd list gives the last report's month only, as its first day (server/crowd/bands.ts): say the month.
  if (isoDay.endsWith('-01')) {
    const ms = Date.parse(`${isoDay}T12:00:00Z`);
    if (!Number.isNaN(ms)) {
      const month = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(ms);
      return lang === 'fr' ? `en ${month}` : `in ${month}`;
    }
  }
  const day = formatIsoDay(lang, isoDay, now === undefined ? {} : { now });
  return lang === 'fr' ? `le ${day}` : `on ${day}`;
}
