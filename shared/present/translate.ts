/**
 * The one translation table of the extension, the PWA and the CLI's human output: every key has a French text
 * and an English one (the type makes a missing one a compile error; test/unit/present-strings.test.ts fails on an
 * empty one or on placeholders that differ). Counts go through `Intl.PluralRules`, so no screen says "règle(s)".
 */
import type { Lang } from './lang.ts';
import { localeOf } from './lang.ts';
import { APP_STRINGS } from './strings/app.ts';
import { CLI_STRINGS } from './strings/cli.ts';
import { DIARY_STRINGS } from './strings/diary.ts';
import { EXTENSION_STRINGS } from './strings/extension.ts';
import { OPTIONS_STRINGS } from './strings/options.ts';
import { PHONE_STRINGS } from './strings/phone.ts';
import { REPORT_STRINGS } from './strings/report.ts';
import { VERDICT_STRINGS } from './strings/verdict.ts';

/** A countable text: `one` and `other` as CLDR's plural categories for French and English name them. */
export interface Plural {
  one: string;
  other: string;
}

export interface Entry {
  fr: string | Plural;
  en: string | Plural;
}

export const MESSAGES = {
  ...APP_STRINGS,
  ...VERDICT_STRINGS,
  ...REPORT_STRINGS,
  ...DIARY_STRINGS,
  ...EXTENSION_STRINGS,
  ...OPTIONS_STRINGS,
  ...CLI_STRINGS,
  ...PHONE_STRINGS,
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;

/** Values for `{name}` placeholders; numbers are written the way the language writes them (1 234). */
export type Params = Record<string, string | number>;

const numberFormats = new Map<Lang, Intl.NumberFormat>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

export function formatCount(lang: Lang, n: number): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang));
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

function pluralOf(lang: Lang, n: number): 'one' | 'other' {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(localeOf(lang));
    pluralRules.set(lang, rules);
  }
  // French and English use only `one` and `other` for cardinals (CLDR); `many` (French millions) reads as other.
  return rules.select(n) === 'one' ? 'one' : 'other';
}

function fill(text: string, lang: Lang, params: Params | undefined): string {
  if (!params) return text;
  const filled = text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatCount(lang, value) : value;
  });
  // An abbreviation's point ends the sentence too ("le 2 déc." then "." → "le 2 déc."), in both languages.
  return filled.replace(/\.\.(?=\s|$)/g, '.');
}

/** The text of `key` in `lang`, placeholders filled. A countable text without a count reads as its `other`. */
export function tr(lang: Lang, key: MessageKey, params?: Params): string {
  const message: string | Plural = MESSAGES[key][lang];
  return fill(typeof message === 'string' ? message : message.other, lang, params);
}

/** A countable text for `count` ("1 appel", "2 appels", "0 appel"), `{n}` filled with the count. */
export function trCount(lang: Lang, key: MessageKey, count: number, params?: Params): string {
  const message: string | Plural = MESSAGES[key][lang];
  const text = typeof message === 'string' ? message : message[pluralOf(lang, count)];
  return fill(text, lang, { n: count, ...params });
}

/** Both languages at once, for data that carries both (the CLI's JSON, stored reasons). */
export function trBoth(key: MessageKey, params?: Params): { fr: string; en: string } {
  return { fr: tr('fr', key, params), en: tr('en', key, params) };
}
