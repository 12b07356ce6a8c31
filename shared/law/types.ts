/**
 * The law engine's vocabulary. A policy is data (which rules, which thresholds); a rule is one small module in
 * ./rules/ with an id, the text it comes from, a validity period and a function of one company's calls.
 */
import type { Bilingual } from '../verdict.ts';
import type { CallerNumber } from './caller-id-ranges.ts';
import type { LocalParts } from './zoned-time.ts';

/** One call as the rules see it: the diary's entry or a row of the diary CSV. */
export interface CallRecord {
  /** Position in the input (the CSV's data row from 0, or the diary's order); findings point back to it. */
  row: number;
  /** Instant of the call, ms epoch. */
  time: number;
  /** Caller number as written; empty when masked or unknown. */
  number: string;
  /** Company name as the user wrote it (grouping is case- and space-insensitive). */
  company: string;
  answered: boolean;
  /** The user said no / objected during this call. */
  refused: boolean;
  /** The user had given this company prior consent to be called. */
  consent: boolean;
  /** The user has a current contract with this company and the call was about it. */
  customer: boolean;
  /** The caller ID was hidden. */
  masked: boolean;
  /** Nobody spoke (a predictive dialler's silent call): evidence of an automated system. */
  silent?: boolean;
  /** The user saw signs of an automated system (recorded voice, delay before someone spoke). */
  automated?: boolean;
  notes?: string;
}

/** A call with what the rules need precomputed once. */
export interface CallView {
  call: CallRecord;
  local: LocalParts;
  caller: CallerNumber | null;
}

export type RuleKind = 'law' | 'charter';

export interface RuleOptions {
  /** Operators' charter: minimum hours between two attempts (not law; research §2.1). */
  charterMinGapHours: number;
  /** Operators' charter: maximum calls per calendar month (not law). */
  charterMonthlyCap: number;
}

export interface RuleContext {
  /** One company's calls in time order. */
  calls: CallView[];
  timeZone: string;
  options: RuleOptions;
}

/** What a rule says about one call. */
export interface RuleHit {
  /** Index into `RuleContext.calls`. */
  index: number;
  text: Bilingual;
}

export interface LawRule {
  /** Stable id, used by the CLI's JSON (`outside-hours`, `charter-min-gap`…). */
  id: string;
  kind: RuleKind;
  title: Bilingual;
  /** The article, decree or charter it comes from. */
  source: string;
  /** Official page of the text, when there is one. */
  sourceUrl?: string;
  /** First local date (`YYYY-MM-DD`) on which the rule applies; calls before it are not judged by it. */
  validFrom?: string;
  /** Last local date on which it applies. */
  validUntil?: string;
  /** Which SignalConso case this maps to, if any (see actions/signalconso.ts). */
  check(ctx: RuleContext): RuleHit[];
}

export interface Policy {
  id: string;
  name: Bilingual;
  /** Rule ids, in the order findings are listed for one call. */
  rules: string[];
  options: RuleOptions;
}

export interface Finding {
  /** The call's `row`. */
  row: number;
  rule: string;
  kind: RuleKind;
  /** French sentence (the CLI JSON's `text`). */
  text: string;
  textEn: string;
  source: string;
  sourceUrl?: string;
  /** The company group the call was judged in. */
  company: string;
}
