/**
 * Finds phone numbers in running text (a web page's text node, a pasted SMS). Used by the extension's
 * content script and by the PWA.
 *
 * Three steps, cheapest first:
 * 1. `mightContainPhoneNumber` — one regex test (eight digits with phone-like separators). A page text node that fails it
 *    costs nothing more; most text on most pages fails it.
 * 2. Traps are masked (same length, so offsets hold): dates, times, durations, prices, IP addresses, IBANs,
 *    version strings, SIRET/SIREN and order/invoice/tracking references. Regex-only click-to-dial extensions are
 *    known to badge dates, version numbers and grid references (research/peers.md §2), hence this step.
 * 3. Digit runs with phone-like separators are cut into groups; the longest run of groups that `normalize()`
 *    accepts as an allocated number wins, so "01 23 45 67 89 06 12 34 56 78" gives two numbers.
 *
 * Pure: no DOM, no I/O. Short codes (3179, 15…) are never taken from running text — "appelez le 15" and
 * "15 appels" look alike — only from `tel:` links (see `numberFromTelHref`).
 */
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { normalize } from './normalize.ts';
import { OVERSEAS_NATIONAL_PREFIXES } from './overseas.ts';

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
const PREFILTER = /\d(?:[\s.\-/()+\u00A0\u2007\u202F]{0,3}\d){7}/;

export function mightContainPhoneNumber(text: string): boolean {
  return PREFILTER.test(text);
}

/** Spaces that pages put inside numbers: normal, no-break, figure and narrow no-break spaces. */
const SP = '[ \\u00A0\\u2007\\u202F]';

/**
 * Traps, each with the source of the shape it covers. Every match is replaced by `x`s before numbers are sought.
 * Lookarounds keep a trap from eating part of a phone number written with the same separators.
 */
const TRAPS: RegExp[] = [
  // Dates: 12/03/2024, 01.02.23, 2024-03-12 — but not 01.02.03.04.05 (a phone number written with dots).
  /(?<![\d./-])(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})(?![\d]|[./-]\d)/g,
  /(?<![\d./-])\d{4}([./-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\d]|[./-]\d)/g,
  // Times and durations: 10:30, 1:02:03, 10h30, 2 h 05, 3 min 20 s.
  /(?<!\d)\d{1,2}(?::\d{2}){1,2}(?!\d)/g,
  new RegExp(`(?<!\\d)\\d{1,2}${SP}?h${SP}?\\d{2}(?!\\d)`, 'gi'),
  new RegExp(`\\d+${SP}?(?:min|mn)(?:${SP}?\\d+${SP}?(?:s|sec)\\b)?`, 'gi'),
  new RegExp(`\\d+${SP}?(?:sec|secondes?|seconds?|minutes?|heures?|hours?|jours?|days?)\\b`, 'gi'),
  // Prices and amounts: 1 234,56 €, €1,234.56, 12 000 EUR, 49.99 $.
  new RegExp(`(?:[€$£¥]|\\b(?:EUR|USD|GBP|CHF)\\b)${SP}?\\d[\\d ,.\\u00A0\\u202F]*`, 'gi'),
  new RegExp(`\\d[\\d ,.\\u00A0\\u202F]*${SP}?(?:[€$£¥]|(?:EUR|USD|GBP|CHF|euros?|dollars?|francs?|TTC|HT)\\b)`, 'gi'),
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

/** Characters that, right before a digit run, make it part of a code, a URL or an amount, not a number. */
const BAD_BEFORE = /[\p{L}\p{N}_#/\\=&?@€$£%]/u;
const BAD_AFTER = /[\p{L}\p{N}_%€$£@]/u;

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
    masked = masked.replace(trap, (m) => 'x'.repeat(m.length));
  }
  if (!/n°|nº|no\./i.test(masked)) return masked;
  // "n° 0123456789": a reference unless the label is about a phone ("n° de tél.", "tél. n°").
  masked = masked.replace(new RegExp(`(n°|nº|no\\.)${SP}?:?${SP}?[\\d -]+`, 'gi'), (m, _label, offset: number) => {
    const before = text.slice(Math.max(0, offset - 24), offset);
    const after = m.slice(0, 12);
    return PHONE_WORDS.test(before) || PHONE_WORDS.test(after) ? m : 'x'.repeat(m.length);
  });
  return masked;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Splits a run into digit groups; "(0)" after a country code is a typographic trunk zero, kept aside. */
function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  const re = /\+?\d+/g;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    groups.push({ start: offset + m.index, end: offset + m.index + m[0].length, digits: m[0] });
  }
  return groups;
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
  const masked = maskTraps(text);
  if (!mightContainPhoneNumber(masked)) return [];
  const found: FoundNumber[] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(masked); m !== null; m = RUN.exec(masked)) {
    const groups = groupsOf(m[0], m.index);
    // Only the run's outer edges can touch a word or a code; inner edges are separators by construction.
    const runStartOk = groups.length > 0 && boundaryOk(text, groups[0]!.start, 'before');
    const runEndOk = groups.length > 0 && boundaryOk(text, groups[groups.length - 1]!.end, 'after');
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
  // "(212) 555-1234": the opening bracket belongs to the number as written.
  const start = text[first.start - 1] === '(' ? first.start - 1 : first.start;
  // A number cut out of a longer run must be set apart by a space or a slash: "0612345678.12" is a decimal and
  // "12-0612345678" a reference, while "01 23 45 67 89 06 12 34 56 78" is two numbers.
  if (i > 0 && !isBreak(text.slice(groups[i - 1]!.end, first.start))) return null;
  for (let j = last; j >= i; j--) {
    if (j < groups.length - 1 && !isBreak(text.slice(groups[j]!.end, groups[j + 1]!.start))) continue;
    const end = text[groups[j]!.end] === ')' ? groups[j]!.end + 1 : groups[j]!.end;
    const raw = text.slice(start, end);
    const number = acceptable(raw, region, options);
    if (number) return { found: { start, end, raw, number }, next: j + 1 };
  }
  return null;
}

function isBreak(separator: string): boolean {
  return /[\s/]/.test(separator);
}

function boundaryOk(text: string, at: number, side: 'before' | 'after'): boolean {
  if (side === 'before') {
    const prev = text[at - 1];
    if (prev === undefined) return true;
    if (BAD_BEFORE.test(prev)) return false;
    // "INV-0123…", "x.0612…": a dash or dot glued to a word before it belongs to a reference.
    if ((prev === '-' || prev === '.' || prev === '+') && /[\p{L}\p{N}]/u.test(text[at - 2] ?? '')) return false;
    return true;
  }
  const next = text[at];
  if (next === undefined) return true;
  if (BAD_AFTER.test(next)) return false;
  // Decimal part or a longer code: "0612345678,5", "0612345678.12", "0612345678/2", "0612345678-A".
  if (/[,./-]/.test(next) && /[\p{L}\p{N}]/u.test(text[at + 1] ?? '')) return false;
  return true;
}

/** E.164 when `raw` is an allocated, non-short number written the way people write one; otherwise null. */
function acceptable(raw: string, region: string, options: FindOptions): string | null {
  const compact = raw.replace(/[^\d+]/g, '');
  const international = compact.startsWith('+') || compact.startsWith('00');
  if (!international && TRUNK_ZERO_REGIONS.has(region) && !compact.startsWith('0')) return null;
  // A single unbroken run of 11+ digits with no "+" is a code (card, tracking, account), not a number.
  if (!international && /^\d{11,}$/.test(raw)) return null;
  if (options.check === 'possible') return possibleE164(raw, compact, international, region);
  const result = normalize(raw, region);
  if (!result.ok || result.value.isShort || (!result.value.allocated && options.allowUnallocated !== true)) return null;
  return result.value.number;
}

/** Calling codes of the overseas departments (ITU-T E.164 assignments). */
const OVERSEAS_CALLING_CODE: Readonly<Record<string, string>> = {
  GP: '590',
  GF: '594',
  MQ: '596',
  RE: '262',
  YT: '262',
};

/** E.164 of a number of a possible length, without checking allocated ranges (see FindOptions.check). */
function possibleE164(raw: string, compact: string, international: boolean, region: string): string | null {
  if (!international && TRUNK_ZERO_REGIONS.has(region)) {
    // The French plan: trunk 0 and nine digits; overseas departments by their national prefix (overseas.ts).
    if (!/^0[1-9]\d{8}$/.test(compact)) return null;
    for (const [prefix, territory] of OVERSEAS_NATIONAL_PREFIXES) {
      if (compact.startsWith(prefix)) return `+${OVERSEAS_CALLING_CODE[territory]}${compact.slice(1)}`;
    }
    return `+33${compact.slice(1)}`;
  }
  const candidate = international
    ? `+${raw
        .replace(/^\s*(\+\d{1,3})\s*\(0\)/, '$1')
        .replace(/[^\d+]/g, '')
        .replace(/^\+|^00/, '')}`
    : compact;
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
