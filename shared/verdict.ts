/**
 * The one answer Vigie gives about a number. Every front end and the CLI render this shape;
 * the CLI's `--json` prints it as is, so its field names are a contract (issue 2).
 */

export const LEVELS = ['danger', 'spam', 'caution', 'unknown', 'trusted'] as const;
export type Level = (typeof LEVELS)[number];

export const CATEGORIES = [
  'telemarketing',
  'robocall',
  'scam',
  'premium_callback',
  'survey',
  'debt_collection',
  'charity',
  'political',
  'legit',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Text in French first, English complete. */
export interface Bilingual {
  fr: string;
  en: string;
}

export type ReasonKind = 'personal' | 'protected' | 'rule' | 'crowd' | 'operator' | 'number';

export interface Reason {
  /** Stable id, e.g. `rule:npv-prefix`, `crowd:reports`, `personal:block`. */
  id: string;
  kind: ReasonKind;
  /** Where the fact comes from: an article or decision, "crowd list v42", "ARCEP MAJNUM", "your block list". */
  source: string;
  /** French sentence (the JSON contract's `text`). */
  text: string;
  /** English sentence. */
  textEn: string;
}

export interface OperatorFact {
  /** ARCEP operator code (Mnémo), e.g. `FRTE`. */
  code: string;
  name: string;
  /** The allocated block as a national-number prefix, e.g. `0162`. */
  block: string;
  territory: string;
}

export interface Verdict {
  /** What the user gave, unchanged. */
  input: string;
  /** E.164 (`+33162123456`) or the short code as dialled (`3179`). */
  number: string;
  /** ISO 3166 region when known (`FR`, `GP`…). */
  country: string | null;
  /** libphonenumber type in lower case (`mobile`, `fixed_line`, `voip`, `premium_rate`…) or `short_code`. */
  type: string | null;
  level: Level;
  category: Category | null;
  reasons: Reason[];
  /** Crowd report count from the synced list (0 when not listed). */
  reports: number;
  /** ISO date (YYYY-MM-DD) of the last crowd report, if any. */
  lastReportedAt: string | null;
  operator: OperatorFact | null;
  label: Bilingual;
}

/** A typed error for input that is not a phone number; never thrown across the public API. */
export interface InputError {
  code: InputErrorCode;
  /** French message. */
  message: string;
  messageEn: string;
}

export type InputErrorCode =
  | 'empty'
  | 'too_long'
  | 'too_short'
  | 'invalid_characters'
  | 'not_a_phone_number'
  | 'invalid_number'
  | 'invalid_region';
