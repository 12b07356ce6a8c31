/**
 * Finds phone numbers in running text (a web page's text node, a pasted SMS). Used by the extension's
 * content script, the PWA and `vigie scan`.
 *
 * Steps, cheapest first:
 * 1. `mightContainPhoneNumber` — one regex test (eight digits with phone-like separators). A page text node that
 *    fails it costs nothing more; most text on most pages fails it.
 * 2. Traps are masked (same length, so offsets hold): URLs, e-mail addresses, dates, times, durations, prices,
 *    IP addresses, IBANs, version strings, SIRET/SIREN and order/invoice/tracking references. Regex-only
 *    click-to-dial extensions are known to badge dates, version numbers and grid references (research/peers.md
 *    §2), hence this step.
 * 3. libphonenumber's own matcher (`PhoneNumberMatcher`, leniency POSSIBLE) proposes candidates on the masked
 *    text: it knows brackets, extensions, publication pages, full-width and Arabic-Indic digits, "/"-joined
 *    pairs. A comma or semicolon followed by a space is shown to it as a line break, because it would otherwise
 *    read ", 06" as an extension and lose the rest of a list.
 * 4. Digit runs the matcher left alone are cut into groups; the longest run of groups that is a number wins, so
 *    "01 23 45 67 89 06 12 34 56 78" gives two numbers and "75008 01 23 45 67 89" one (the matcher gives up on
 *    a run it cannot read whole).
 * 5. Every candidate then passes our own filters: no Latin letter (accents and combining marks included) or
 *    code character glued to it, brackets that pair, a trunk 0 for French national forms, no long bare digit
 *    run, and an allocated range (`check: 'full'`) or a possible length (`check: 'possible'`).
 *
 * Numbers of every country are found when written internationally (+…, 00…): a wangiri call comes from abroad.
 * Pure: no DOM, no I/O. Short codes (3179, 15…) are never taken from running text — "appelez le 15" and
 * "15 appels" look alike — only from `tel:` links (see `numberFromTelHref`).
 */
import {
  type CountryCode,
  isSupportedCountry,
  PhoneNumberMatcher,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/max';
import { normalize } from './normalize.ts';
import { overseasCallingCode, overseasE164 } from './overseas.ts';

export interface FoundNumber {
  /** Offset of the first character of the number in the text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** The number as written (`01 62 12 34 56`). */
  raw: string;
  /** E.164 (`+33162123456`). */
  number: string;
}

/**
 * Eight digits or more, each apart by at most three separator characters: the shortest numbers worth a badge
 * (a French national number has ten digits; international ones at least eight with the country code). Times
 * ("10:30"), amounts ("3,45 €") and words fail it at once.
 */
const PREFILTER =
  /[\d\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9](?:[\s.\-/()+\u00A0\u2007\u202F\u3000\uFF08\uFF09\uFF0D]{0,3}[\d\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]){7}/;

export function mightContainPhoneNumber(text: string): boolean {
  return PREFILTER.test(text);
}

/** Spaces that pages put inside numbers: normal, no-break, figure and narrow no-break spaces. */
const SP = '[ \\u00A0\\u2007\\u202F]';

/**
 * A written amount: "1 234 567,89", "1,234.56", "12000", "3,45". No leading zero ("€ 0142685300" is a number
 * after a price), and never the tail of a longer digit run ("01 42 68 53 00 100 $" keeps its number).
 */
const AMOUNT = `[1-9]\\d{0,2}(?:[ .,\\u00A0\\u202F]\\d{3})+(?:[,.]\\d{1,2})?|(?:0|[1-9]\\d*)(?:[,.]\\d{1,2})?`;

/**
 * Traps, each with the source of the shape it covers. Every match is replaced by `x`s before numbers are sought.
 * Lookarounds keep a trap from eating part of a phone number written with the same separators.
 */
const TRAPS: RegExp[] = [
  // URLs and e-mail addresses (RFC 3986 schemes people paste; "www." without one): a number in a path or a query
  // is an identifier.
  /\b(?:https?|ftp):\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // Dates: 12/03/2024, 01.02.23, 2024-03-12 — but not 01.02.03.04.05 (a phone number written with dots).
  /(?<![\d./-])(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})(?![\d]|[./-]\d)/g,
  /(?<![\d./-])\d{4}([./-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d]|[./-]\d)/g,
  // Times and durations: 10:30, 1:02:03, 10h30, 2 h 05, 3 min 20 s.
  /(?<!\d)\d{1,2}(?::\d{2}){1,2}(?!\d)/g,
  new RegExp(`(?<!\\d)\\d{1,2}${SP}?h${SP}?\\d{2}(?!\\d)`, 'gi'),
  new RegExp(`\\d+${SP}?(?:min|mn)(?:${SP}?\\d+${SP}?(?:s|sec)\\b)?`, 'gi'),
  new RegExp(`\\d+${SP}?(?:sec|secondes?|seconds?|minutes?|heures?|hours?|jours?|days?)\\b`, 'gi'),
  // Prices and amounts: 1 234,56 €, €1,234.56, 12 000 EUR, 49.99 $. An amount is one digit run, or groups of
  // three after the first (thousands), with at most two decimals: "$20 01 42 68 53 00" keeps its phone number.
  new RegExp(`(?:[€$£¥]|\\b(?:EUR|USD|GBP|CHF)\\b)${SP}?(?:${AMOUNT})(?!\\d)`, 'gi'),
  new RegExp(
    `(?<!\\d[\\s.,/-]?)(?:${AMOUNT})${SP}?(?:[€$£¥]|(?:EUR|USD|GBP|CHF|euros?|dollars?|francs?|TTC|HT)\\b)`,
    'gi',
  ),
  // Decimal numbers and percentages: 12,50 — 3.14 — 45 %.
  new RegExp(`\\d+[,.]\\d+${SP}?%|\\d+${SP}?%`, 'g'),
  // IPv4 (192.168.1.10) but not a dotted phone number (01.23.45.67.89 has five groups).
  /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g,
  // IBAN (ISO 13616): country code, check digits, then groups of letters and digits.
  /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g,
  // Version strings: v1.2.3, version 10.0.19041, build 1234.5678.
  /\b(?:v|ver\.?|version|build|release|rev\.?)[ ]?\d+(?:[._-]\d+)+/gi,
  /\b\d+\.\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)\b/g,
  // SIRET / SIREN / TVA / RCS with their label (INSEE formats: 9 and 14 digits, FRxx + SIREN).
  new RegExp(
    `\\b(?:SIRET|SIREN|N°${SP}?TVA|TVA(?:${SP}intracom(?:munautaire)?)?|RCS(?:${SP}[A-Za-zÀ-ÿ-]+)?|APE|NAF|RIB|BIC|EAN|ISBN|IMEI)${SP}?(?:n°${SP}?)?:?${SP}?(?:FR)?[\\d ${'\\u00A0'}]+`,
    'gi',
  ),
  // References: commande n° 0123456789, facture 2024-000123, order #1234567890, suivi 6A12345678901.
  new RegExp(
    `(?:\\b(?:commande|order|facture|invoice|réf(?:érence)?|ref|dossier|ticket|suivi|tracking|colis|parcel|transaction)\\b\\.?|#)${SP}?(?:n°|nº|no\\.?|number|numéro|id)?${SP}?[:#]?${SP}?[A-Z]{0,4}[-\\d][\\d -]*`,
    'gi',
  ),
  // Account-like labels only count with a number label: "client n° 0612…" is a reference, "service client :
  // 09 69 …" is the number to call.
  new RegExp(
    `\\b(?:client|customer|contrat|contract|compte|account|abonné|subscriber|lot|série|serial|sku|avis|bon|adhérent|member)${SP}?(?:n°|nº|no\\.?|number|numéro|id)${SP}?[:#]?${SP}?[A-Z]{0,4}[-\\d][\\d -]*`,
    'gi',
  ),
];

/**
 * A cheap test per trap, in the same order: a trap whose gate fails cannot match, so its (costlier) regex is
 * skipped. Most table cells and page lines pass few gates; the 5,000-number benchmark depends on it.
 */
const TRAP_GATES: RegExp[] = [
  /:\/\/|www\./i,
  /@/,
  /\d[./-]\d/,
  /\d[./-]\d/,
  /\d:\d/,
  /\dh|\d h/i,
  /m[in]/i,
  /sec|min|heure|hour|jour|day/i,
  /[€$£¥]|EUR|USD|GBP|CHF/i,
  /[€$£¥]|EUR|USD|GBP|CHF|euro|dollar|franc|TTC|HT/i,
  /%/,
  /\d\.\d/,
  /[A-Z]{2}\d{2}/,
  /v|build|release|rev/i,
  /\d\.\d+\.\d+-/,
  /SIRE|TVA|RCS|APE|NAF|RIB|BIC|EAN|ISBN|IMEI/i,
  /commande|order|factur|invoice|r[ée]f|dossier|ticket|suivi|tracking|colis|parcel|transaction|#/i,
  /client|customer|contra|compte|account|abonn|subscriber|lot|s[ée]ri|sku|avis|bon|adh[ée]rent|member/i,
];
if (TRAP_GATES.length !== TRAPS.length) throw new Error('find-in-text: one gate per trap');

/** Text made only of digits, spaces, "+" and brackets cannot hold a trap: masking is skipped. */
const ONLY_NUMBER_CHARS = /^[\d\s+()\u00A0\u2007\u202F]*$/;

/** A lone "n°" labels a reference unless a phone word is close before it ("n° de téléphone"). */
const PHONE_WORDS =
  /(?:t[ée]l[ée]?phone|t[ée]l\b|tél|phone|appel|mobile|portable|fixe|fax|standard|joindre|contact|call)/i;

/**
 * What masked traps are replaced with. Not a digit, not a letter libphonenumber reads inside numbers ("x" and
 * "ext" mark extensions), not a separator it skips: the matcher sees a wall.
 */
const MASK = '_';

/** Regions that write national numbers with the trunk prefix 0 (France and the overseas departments). */
const TRUNK_ZERO_REGIONS = new Set(['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF']);

/** A digit run with separators: `+33 (0)1 62 12 34 56`, `01.62.12.34.56`, `(212) 555-1234`, `0033 1 …`. */
const RUN = new RegExp(`\\+?\\(?\\d[\\d()]*(?:${SP}?[./-]?${SP}?\\(?\\d[\\d()]*)*`, 'g');

/** Longest E.164 is 15 digits; "0033" and a bracketed trunk 0 may add three more. */
const MAX_DIGITS = 18;

export function maskTraps(text: string): string {
  if (ONLY_NUMBER_CHARS.test(text)) return text;
  let masked = text;
  for (let i = 0; i < TRAPS.length; i++) {
    if (!TRAP_GATES[i]!.test(masked)) continue;
    const trap = TRAPS[i]!;
    trap.lastIndex = 0;
    masked = masked.replace(trap, (m) => MASK.repeat(m.length));
  }
  if (!/n°|nº|no\./i.test(masked)) return masked;
  // "n° 0123456789": a reference unless the label is about a phone ("n° de tél.", "tél. n°").
  masked = masked.replace(new RegExp(`(n°|nº|no\\.)${SP}?:?${SP}?[\\d -]+`, 'gi'), (m, _label, offset: number) => {
    const before = text.slice(Math.max(0, offset - 24), offset);
    const after = m.slice(0, 12);
    return PHONE_WORDS.test(before) || PHONE_WORDS.test(after) ? m : MASK.repeat(m.length);
  });
  return masked;
}

/**
 * Finds every phone number in `text`. `region` is the default region for national forms (FR by default);
 * international forms (+…, 00…) are found whatever the region.
 */
export interface FindOptions {
  /**
   * Also accept numbers of a possible length in ranges the numbering plan does not allocate (a pasted SMS,
   * the look-up box: the user says it is a number). Off for page text, where it would let codes through.
   */
  allowUnallocated?: boolean;
  /**
   * `full` (default): `normalize()` decides, allocated ranges only. `possible`: a number of a possible length,
   * without the numbering plan's range patterns — about ten times cheaper cold, for the extension's content
   * script, whose background then drops unallocated numbers with the full check (extension/lib/background).
   */
  check?: 'full' | 'possible';
}

export function findPhoneNumbers(text: string, region = 'FR', options: FindOptions = {}): FoundNumber[] {
  if (!mightContainPhoneNumber(text)) return [];
  const whole = wholeNationalNumber(text, region, options);
  if (whole !== undefined) return whole;
  return matchTrapsMasked(text, region, options);
}

/**
 * A text that is one national number and nothing else (a table cell, a list line: `01 62 12 34 56`,
 * `06.12.34.56.78`, `0612345678`, blanks around): its only number is the whole of it, so the matcher and the
 * trap mask, ~0.1 ms a text and most of a 5,000-row table's scan (docs/extension.md), are skipped. Same answer
 * as the full path (test/unit/find-in-text.test.ts checks every shape against `findThroughMatcher`).
 * `undefined` when the text has another shape: the full path decides.
 */
const WHOLE_NATIONAL = /^\s*(0[1-9](?:( ?)\d\d(?:\2\d\d){3}|(\.)\d\d(?:\3\d\d){3}|-\d\d(?:-\d\d){3}))\s*$/;

function wholeNationalNumber(text: string, region: string, options: FindOptions): FoundNumber[] | undefined {
  if (!TRUNK_ZERO_REGIONS.has(region) || text.length > 40) return undefined;
  const m = WHOLE_NATIONAL.exec(text);
  if (!m) return undefined;
  const raw = m[1]!;
  const start = text.indexOf(raw);
  const number = numberOf(raw, region, options);
  return number ? [{ start, end: start + raw.length, raw, number }] : [];
}

/** The full path: traps masked, then libphonenumber's matcher, then digit groups it left (steps 2–5 above). */
export function findThroughMatcher(text: string, region = 'FR', options: FindOptions = {}): FoundNumber[] {
  return mightContainPhoneNumber(text) ? matchTrapsMasked(text, region, options) : [];
}

/** findThroughMatcher once the prefilter has passed (findPhoneNumbers has run it already). */
function matchTrapsMasked(text: string, region: string, options: FindOptions): FoundNumber[] {
  const masked = maskTraps(text);
  if (!mightContainPhoneNumber(masked)) return [];
  const found: FoundNumber[] = [];
  const claimed: [number, number][] = [];
  for (const c of matcherCandidates(masked, region)) {
    claimed.push([c.start, c.end]);
    const hit = accept(text, c.start, c.numberEnd, c.end, region, options);
    if (hit) found.push(hit);
  }
  for (const hit of groupCandidates(text, masked, region, options, claimed)) found.push(hit);
  return found.sort((x, y) => x.start - y.start);
}

interface Candidate {
  start: number;
  /** End of the match, extension included. */
  end: number;
  /** End of the number itself, before an extension ("ext 12", "x12"). */
  numberEnd: number;
}

/** A comma or semicolon then a space ends a number: libphonenumber would read ", 06" as an extension. */
const LIST_BREAK = /[,;](?=\s)/g;

/** libphonenumber's matcher at leniency POSSIBLE: our filters (see `accept`) then decide. */
function matcherCandidates(masked: string, region: string): Candidate[] {
  // Same length as the text: full-width and Arabic-Indic digits and plus become ASCII, which the matcher reads
  // more of (it does not take a full-width plus as a lead).
  const view = asciiDigits(masked).replace(LIST_BREAK, '\n');
  const defaultCountry = isSupportedCountry(region) ? (region as CountryCode) : undefined;
  // The typings list only `defaultCountry` and `v2`; `leniency` is read by the matcher (README, "findNumbers").
  const options = { defaultCountry, v2: true, leniency: 'POSSIBLE' } as { defaultCountry?: CountryCode; v2: true };
  const matcher = new PhoneNumberMatcher(view, options);
  const out: Candidate[] = [];
  while (matcher.hasNext()) {
    const m = matcher.next();
    if (!m) break;
    const cut = numberEnd(view, m.startsAt, m.endsAt, m.number.ext);
    // libphonenumber reads a lone comma as an extension mark ("0612345678,5"); its own Java matcher does not, and
    // neither do we: the match then ends with the number, whose next character decides.
    const loneComma = /^[\s,]*\p{Nd}*$/u.test(view.slice(cut, m.endsAt));
    out.push({ start: m.startsAt, end: loneComma ? cut : m.endsAt, numberEnd: cut });
  }
  return out;
}

/** Where the number stops when the match ends with an extension: before its digits and its marker. */
function numberEnd(text: string, start: number, end: number, ext: string | undefined): number {
  if (!ext) return end;
  let at = end;
  let digits = 0;
  while (at > start && digits < ext.length) {
    if (/\p{Nd}/u.test(text[at - 1]!)) digits++;
    at--;
  }
  while (at > start && !/\p{Nd}/u.test(text[at - 1]!)) at--;
  return at;
}

/** Full-width (U+FF10…), Arabic-Indic (U+0660…) and extended Arabic-Indic (U+06F0…) digits and plus, in ASCII. */
function asciiDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9\uFF0B]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0xff0b) return '+';
    if (code >= 0xff10) return String(code - 0xff10);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Characters that, glued before a number, make it part of a code, an amount or a reference. */
const CODE_BEFORE = /[\p{N}_#\\=&?@€$£¥%]/u;
/**
 * Latin letters, accented ones, and combining diacritics ("e\u0301" is an é too), as libphonenumber's
 * `isLatinLetter`: a number right after Chinese or Arabic text is still a number.
 */
const LETTER = /\p{Script=Latin}|[\u0300-\u036F]/u;
const CODE_AFTER = /\p{Script=Latin}|[\u0300-\u036F]|[\p{N}_%€$£¥@]/u;
/** Punctuation a number may start with (the matcher's own "lead class"): then a letter before is fine. */
const LEADS_WITH_PUNCTUATION = /^[+\uFF0B(\uFF08[]/;

/**
 * The boundaries libphonenumber checks at leniency VALID (no Latin letter glued on, unless the number starts
 * with "+" or a bracket), plus ours: no code character before or after, no "INV-" or "x." glued before, no
 * decimal part or longer code after.
 */
function edgesOk(text: string, start: number, end: number, raw: string): boolean {
  const prev = text[start - 1];
  if (prev !== undefined) {
    if (CODE_BEFORE.test(prev)) return false;
    if (LETTER.test(prev) && !LEADS_WITH_PUNCTUATION.test(raw)) return false;
    const beforePrev = text[start - 2] ?? '';
    // "INV-0612…", "FA2024-0612…", "x.0612…": a code glued before; "My number-0612…" is prose.
    if (prev === '-' && /(?:^|[^\p{L}])[\p{Lu}\d]{1,8}$/u.test(text.slice(Math.max(0, start - 10), start - 1)))
      return false;
    if ((prev === '.' || prev === '+') && /[\p{L}\p{N}]/u.test(beforePrev)) return false;
    // "01 23 45 67 89/06 12 34 56 78" is a pair; "ABC/0612345678" a code.
    if (prev === '/' && beforePrev !== '' && !/[\d\s]/.test(beforePrev)) return false;
  }
  const next = text[end];
  if (next !== undefined) {
    if (CODE_AFTER.test(next)) return false;
    const afterNext = text[end + 1] ?? '';
    // "0612345678,5" and "0612345678.12" are decimals, "0612345678-A" a code; "…/06 12…" a pair, "…/x12" fine.
    if (/[,.]/.test(next) && /\p{N}/u.test(afterNext)) return false;
    if (next === '-' && /[\p{L}\p{N}]/u.test(afterNext)) return false;
  }
  return true;
}

/** A currency right before or after: the digits are an amount ("0 612 345 678 euros", "$0612345678"). */
/** …unless that currency belongs to another amount: "20 € 0142685300", "0142685300 $20". */
const CURRENCY_BEFORE = /(?<!\d[ \u00A0\u202F]?)(?:[€$£¥]|\b(?:EUR|USD|GBP|CHF))[ \u00A0\u202F]?$/i;
const CURRENCY_AFTER =
  /^[ \u00A0\u202F]?(?:[€$£¥](?![ \u00A0\u202F]?\d)|(?:EUR|USD|GBP|CHF|euros?|dollars?|francs?|TTC|HT)\b)/i;

function bracketsPair(raw: string): boolean {
  let depth = 0;
  for (const c of raw) {
    if (c === '(' || c === '\uFF08') depth++;
    else if (c === ')' || c === '\uFF09') depth--;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

/**
 * Our filters on one candidate: `[start, numberEnd)` is the number, `[start, matchEnd)` the whole match (an
 * extension included), whose far edge is the one to check.
 */
function accept(
  text: string,
  start: number,
  numberEnd: number,
  matchEnd: number,
  region: string,
  options: FindOptions,
): FoundNumber | null {
  let raw = text.slice(start, numberEnd);
  // "(06 12 34 56 78)": a bracket opened before the number and closed after it is not the number's.
  if (raw.startsWith('(') && !bracketsPair(raw) && bracketsPair(raw.slice(1))) {
    start++;
    raw = raw.slice(1);
  }
  if (!bracketsPair(raw) || !edgesOk(text, start, matchEnd, raw)) return null;
  if (CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 5), start))) return null;
  if (CURRENCY_AFTER.test(text.slice(matchEnd, matchEnd + 8))) return null;
  const number = numberOf(raw, region, options);
  return number ? { start, end: numberEnd, raw, number } : null;
}

/** E.164 when `raw` is a number written the way people write one (see FindOptions.check); otherwise null. */
function numberOf(raw: string, region: string, options: FindOptions): string | null {
  const written = asciiDigits(raw).replace(/(\+\d{1,3})[\s\u00A0]*\(0\)/, '$1');
  const compact = written.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  const international = compact.startsWith('+') || compact.startsWith('00');
  if (!international && TRUNK_ZERO_REGIONS.has(region) && !compact.startsWith('0')) return null;
  // A single unbroken run of 11+ digits with no "+" is a code (card, tracking, account), not a number.
  if (!international && /^\d{11,}$/.test(written.trim())) return null;
  if (options.check === 'possible') return possibleE164(compact, international, region);
  const result = normalize(compact, region);
  if (!result.ok || result.value.isShort || (!result.value.allocated && options.allowUnallocated !== true)) return null;
  return result.value.number;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Splits a run into digit groups. */
function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  const re = /\+?\d+/g;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    groups.push({ start: offset + m.index, end: offset + m.index + m[0].length, digits: m[0] });
  }
  return groups;
}

/** Before and after a run the matcher left, only a space, an opening/closing mark or sentence punctuation. */
const RUN_OPEN = /[\s([«"'“‘:;,]/;
const RUN_CLOSE = /[\s)\]»"'”’.,;:!?]/;

/**
 * Digit runs the matcher did not claim (it gives up on a run it cannot read whole: two numbers back to back,
 * a postcode before a number): the longest run of groups that is a number wins, from each group on. Stricter
 * edges than the matcher's, since nothing else vouches for these.
 */
function groupCandidates(
  text: string,
  masked: string,
  region: string,
  options: FindOptions,
  claimed: [number, number][],
): FoundNumber[] {
  const found: FoundNumber[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(masked); m !== null; m = RUN.exec(masked)) {
    const runStart = m.index;
    const runEnd = m.index + m[0].length;
    if (claimed.some(([s, e]) => s < runEnd && runStart < e)) continue;
    const groups = groupsOf(m[0], m.index);
    if (groups.length === 0) continue;
    const before = text[groups[0]!.start - 1];
    const after = text[groups[groups.length - 1]!.end];
    const runStartOk = before === undefined || RUN_OPEN.test(before);
    const runEndOk =
      after === undefined || (RUN_CLOSE.test(after) && !(/[.,]/.test(after) && /\d/.test(text[runEnd + 1] ?? '')));
    let i = runStartOk ? 0 : 1;
    while (i < groups.length) {
      const hit = longestNumberFrom(text, groups, i, region, runEndOk, options);
      if (hit) {
        found.push(hit.found);
        i = hit.next;
      } else {
        i++;
      }
    }
  }
  return found;
}

function longestNumberFrom(
  text: string,
  groups: Group[],
  i: number,
  region: string,
  runEndOk: boolean,
  options: FindOptions,
): { found: FoundNumber; next: number } | null {
  const first = groups[i]!;
  let last = i;
  let digits = first.digits.replace('+', '').length;
  while (last + 1 < groups.length && digits + groups[last + 1]!.digits.length <= MAX_DIGITS) {
    last++;
    digits += groups[last]!.digits.length;
  }
  if (last === groups.length - 1 && !runEndOk) last--;
  const start = text[first.start - 1] === '(' ? first.start - 1 : first.start;
  // A number cut out of a longer run must be set apart by a space: "0612345678.12" is a decimal and
  // "12-0612345678" a reference, while "01 23 45 67 89 06 12 34 56 78" is two numbers.
  if (i > 0 && !/\s/.test(text.slice(groups[i - 1]!.end, first.start))) return null;
  for (let j = last; j >= i; j--) {
    if (j < groups.length - 1 && !/\s/.test(text.slice(groups[j]!.end, groups[j + 1]!.start))) continue;
    const end = text[groups[j]!.end] === ')' ? groups[j]!.end + 1 : groups[j]!.end;
    const raw = text.slice(start, end);
    if (!bracketsPair(raw)) continue;
    const number = numberOf(raw, region, options);
    if (number) return { found: { start, end, raw, number }, next: j + 1 };
  }
  return null;
}

/** E.164 of a number of a possible length, without checking allocated ranges (see FindOptions.check). */
function possibleE164(compact: string, international: boolean, region: string): string | null {
  if (!international && TRUNK_ZERO_REGIONS.has(region)) {
    // The French plan: trunk 0 and nine digits; overseas departments by their national prefix (overseas.ts).
    if (!/^0[1-9]\d{8}$/.test(compact)) return null;
    const overseas = overseasCallingCode(compact);
    return overseas ? overseasE164(compact, overseas) : `+33${compact.slice(1)}`;
  }
  const candidate = international ? `+${compact.replace(/^\+|^00/, '')}` : compact;
  try {
    const parsed = parsePhoneNumberWithError(candidate, region as Parameters<typeof parsePhoneNumberWithError>[1]);
    return parsed.isPossible() ? parsed.number : null;
  } catch {
    return null;
  }
}

/**
 * The number in a `tel:` link's href (RFC 3966): E.164 or a short code, or null when it is not a number.
 * Short codes are accepted here because a link says outright that it is a number to dial.
 */
export function numberFromTelHref(href: string, region = 'FR'): string | null {
  let target = href.trim();
  if (!/^tel:/i.test(target)) return null;
  try {
    target = decodeURIComponent(target);
  } catch {
    // A malformed %-escape: keep the raw text and let normalize() judge it.
  }
  const result = normalize(target, region);
  return result.ok ? result.value.number : null;
}
