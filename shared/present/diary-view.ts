/**
 * What the diary screens and the printable evidence page show, in sentences: companies, their calls with the
 * date as people say it and the number as they write it, findings by the rule's title and its text, the source
 * cited. Rule ids stay in data (`rule`) for tests and the CLI's JSON; no screen prints them.
 */

import type { DiaryEntry } from '../diary/diary-entry.ts';
import type { CompanyReport } from '../diary/diary-report.ts';
import { type BloctelFields, bloctelFields } from '../law/actions/bloctel.ts';
import { type ObjectionLetter, objectionLetter } from '../law/actions/objection-letter.ts';
import { type SignalConsoCase, signalConsoCases } from '../law/actions/signalconso.ts';
import { type Sms33700, sms33700 } from '../law/actions/sms-33700.ts';
import { ruleById } from '../law/rules/index.ts';
import type { Finding } from '../law/types.ts';
import { formatLongWhen, formatWhen } from './dates.ts';
import type { Lang } from './lang.ts';
import { displayNumber } from './number-display.ts';
import { timeZoneOffset, timeZonePlace } from './time-zones.ts';
import { tr, trCount } from './translate.ts';

export interface FindingView {
  /** Rule id: data only (data-vigie-finding), never shown. */
  rule: string;
  charter: boolean;
  /** The rule's name in plain words ("Appel un samedi ou un dimanche"). */
  title: string;
  /** What happened, as a sentence. */
  text: string;
  /** The article or charter it rests on. */
  source: string;
  sourceUrl: string | null;
}

export interface CallLineView {
  id: string;
  /** 1-based, as people count. */
  position: number;
  /** "le 2 déc. à 10 h 30". */
  when: string;
  /** "01 62 12 34 56", "Numéro masqué" or "sans numéro". */
  number: string;
  /** "Décroché", "Appel silencieux (personne ne parle)"… */
  facts: string[];
  notes: string;
  findings: FindingView[];
}

export interface CompanyView {
  key: string;
  name: string;
  /** "3 appels". */
  callsLine: string;
  /** Numbers as written, joined: "01 62 12 34 56, 09 48 12 34 56". */
  numbersLine: string;
  /** "2 règles de loi enfreintes · 1 engagement de la profession non tenu", or "Aucune règle enfreinte". */
  findingsLine: string;
  lawCount: number;
  calls: CallLineView[];
}

export interface DiaryViewOptions {
  timeZone: string;
  /** For the year in dates (left out for the current one); tests pass a fixed instant. */
  now?: number;
  /** `long` for the evidence page: weekday and year always ("le lundi 2 mars 2026 à 9 h 30"). */
  dates?: 'short' | 'long';
}

/** A number as the user's caller ID showed it: E.164 and national forms both display as written in France. */
export function displayCallerId(raw: string): string {
  const digits = raw.replace(/[\s.\-()]/g, '');
  if (/^0\d{9}$/.test(digits)) return displayNumber(`+33${digits.slice(1)}`);
  if (/^\+\d{6,15}$/.test(digits)) return displayNumber(digits);
  if (/^00\d{6,15}$/.test(digits)) return displayNumber(`+${digits.slice(2)}`);
  return raw.trim();
}

export function findingView(lang: Lang, f: Finding): FindingView {
  const rule = ruleById(f.rule);
  return {
    rule: f.rule,
    charter: f.kind === 'charter',
    title: rule ? rule.title[lang] : tr(lang, 'diary.rule'),
    text: lang === 'fr' ? f.text : f.textEn,
    source: f.source,
    sourceUrl: f.sourceUrl ?? null,
  };
}

function callFacts(lang: Lang, e: DiaryEntry): string[] {
  const facts = [tr(lang, e.answered ? 'diary.answered' : 'diary.missed')];
  if (e.silent) facts.push(tr(lang, 'diary.silent'));
  if (e.automated) facts.push(tr(lang, 'diary.automated'));
  if (e.refused) facts.push(tr(lang, 'diary.refused'));
  if (e.consent) facts.push(tr(lang, 'diary.consent'));
  if (e.customer) facts.push(tr(lang, 'diary.customer'));
  return facts;
}

export function companyView(lang: Lang, report: CompanyReport, options: DiaryViewOptions): CompanyView {
  const g = report.group;
  const dateOptions = { timeZone: options.timeZone, ...(options.now === undefined ? {} : { now: options.now }) };
  const findingsLine =
    report.lawCount > 0 || report.charterCount > 0
      ? [
          ...(report.lawCount > 0 ? [trCount(lang, 'diary.lawFindings', report.lawCount)] : []),
          ...(report.charterCount > 0 ? [trCount(lang, 'diary.charterFindings', report.charterCount)] : []),
        ].join(' · ')
      : tr(lang, 'diary.noFinding');
  return {
    key: g.key,
    name: g.name || tr(lang, 'diary.unknownCompany'),
    callsLine: trCount(lang, 'diary.calls', g.entries.length),
    numbersLine: g.numbers.map(displayCallerId).join(', '),
    findingsLine,
    lawCount: report.lawCount,
    calls: g.entries.map((e, i) => ({
      id: e.id,
      position: i + 1,
      when:
        options.dates === 'long'
          ? formatLongWhen(lang, e.time, { timeZone: options.timeZone })
          : formatWhen(lang, e.time, dateOptions),
      number: e.masked
        ? tr(lang, 'diary.masked')
        : e.number.trim()
          ? displayCallerId(e.number)
          : tr(lang, 'diary.noNumber'),
      facts: callFacts(lang, e),
      notes: e.notes,
      findings: (report.byEntry.get(e.id) ?? []).map((f) => findingView(lang, f)),
    })),
  };
}

export interface EvidenceView {
  lang: Lang;
  /** "Relevé d’appels et règles enfreintes — Société X". */
  title: string;
  company: CompanyView;
  /** "Fuseau horaire : Guadeloupe, Saint-Martin, Saint-Barthélemy (UTC−4)". */
  zoneLine: string;
  numbersLine: string;
  footer: string;
}

export function evidenceView(lang: Lang, report: CompanyReport, options: DiaryViewOptions): EvidenceView {
  const company = companyView(lang, report, { ...options, dates: 'long' });
  const colon = tr(lang, 'diary.colon');
  const at = report.group.entries[0]?.time ?? options.now ?? Date.now();
  return {
    lang,
    title: `${tr(lang, 'diary.evidenceTitle')} — ${company.name}`,
    company,
    zoneLine: `${tr(lang, 'diary.timeZone')}${colon}${timeZonePlace(lang, options.timeZone)} (${timeZoneOffset(options.timeZone, at)})`,
    numbersLine: `${tr(lang, 'diary.numbers')}${colon}${company.numbersLine || '—'} · ${company.callsLine}`,
    footer: tr(lang, 'diary.generatedBy'),
  };
}

export interface CompanyActions {
  signalConso: SignalConsoCase[];
  /** Bloctel complaint fields, one a call (calls before the end of Bloctel, with a number, only). */
  bloctel: BloctelFields[];
  /** The 33700 SMS for each premium caller ID, with the number as people write it. */
  sms33700: { number: string; display: string; sms: Sms33700 }[];
  letter: ObjectionLetter;
}

/** What the user can do about one company, ready to copy: the same list in the PWA and the extension. */
export function companyActions(report: CompanyReport): CompanyActions {
  const c = report.companyCase;
  const premium = [
    ...new Set(
      report.findings
        .filter((f) => f.rule === 'forbidden-caller-id')
        .map((f) => c.calls.find((x) => x.row === f.row)?.number ?? '')
        .filter(Boolean),
    ),
  ];
  return {
    signalConso: signalConsoCases(c),
    bloctel: c.calls.map((call) => bloctelFields(call, c.timeZone)).filter((f) => f !== null),
    sms33700: premium.map((number) => ({ number, display: displayCallerId(number), sms: sms33700(number) })),
    letter: objectionLetter(c),
  };
}

/** The set of ticked calls after one box changed: a new set, so views re-render (Preact compares by identity). */
export function withTicked(ticked: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(ticked);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
