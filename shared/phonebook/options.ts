/**
 * What a phone book holds, written as one URL path segment so a phone's CardDAV account settings (a server URL
 * and nothing else) can carry it: `min-spam,cat-scam+telemarketing,fr,max-2000,per-9`. Every part is optional;
 * the empty segment is the default book. Unknown or malformed parts are errors, never silently ignored: a typo
 * in a phone's settings must not give a different book than the one asked for.
 */
import { CATEGORIES, type Category, type Level } from '../verdict.ts';

/** The levels a book can start from, mildest first. */
export const BOOK_LEVELS = ['caution', 'spam', 'danger'] as const satisfies readonly Level[];
export type BookLevel = (typeof BOOK_LEVELS)[number];

/** Categories a book can hold: every crowd category but `legit`, which is never a warning. */
export const BOOK_CATEGORIES = CATEGORIES.filter((c) => c !== 'legit') as Exclude<Category, 'legit'>[];
export type BookCategory = (typeof BOOK_CATEGORIES)[number];

export interface BookOptions {
  /** The mildest level included. */
  minLevel: BookLevel;
  /** Included categories, in BOOK_CATEGORIES order. */
  categories: BookCategory[];
  /** Only numbers of the French numbering family (+33 and the overseas codes). */
  frenchOnly: boolean;
  /** At most this many numbers in the whole book, the most severe first (phones and boxes have limits). */
  maxNumbers: number;
  /** At most this many numbers in one contact (docs/phone.md says why 50). */
  perContact: number;
}

/**
 * Default cap on the whole book: iOS refuses to block more than a few thousand entries (reports of its
 * "Blocked Contacts Limit Reached" alert range from 8,000 to 20,000, docs/phone.md), and a user who blocks
 * every Vigie contact should not hit it silently.
 */
export const DEFAULT_MAX_NUMBERS = 8000;
export const MAX_MAX_NUMBERS = 200_000;
/** 50 numbers make a card of about 1.6 KB; docs/phone.md gives the reasons. */
export const DEFAULT_PER_CONTACT = 50;
export const MAX_PER_CONTACT = 500;

export const DEFAULT_BOOK_OPTIONS: Readonly<BookOptions> = Object.freeze({
  minLevel: 'caution',
  categories: [...BOOK_CATEGORIES],
  frenchOnly: false,
  maxNumbers: DEFAULT_MAX_NUMBERS,
  perContact: DEFAULT_PER_CONTACT,
});

export type OptionsResult = { ok: true; options: BookOptions } | { ok: false; message: string; messageEn: string };

/** Longest segment accepted: every category spelled out is about 120 characters. */
const MAX_SEGMENT = 256;

export function parseBookOptions(segment: string): OptionsResult {
  const fail = (fr: string, en: string): OptionsResult => ({ ok: false, message: fr, messageEn: en });
  if (segment.length > MAX_SEGMENT)
    return fail(
      `Options trop longues (${segment.length} caractères, ${MAX_SEGMENT} au plus).`,
      `Options too long (${segment.length} characters, at most ${MAX_SEGMENT}).`,
    );
  const options: BookOptions = { ...DEFAULT_BOOK_OPTIONS, categories: [...DEFAULT_BOOK_OPTIONS.categories] };
  const seen = new Set<string>();
  for (const part of segment === '' ? [] : segment.split(',')) {
    const dash = part.indexOf('-');
    const key = dash < 0 ? part : part.slice(0, dash);
    const value = dash < 0 ? '' : part.slice(dash + 1);
    if (seen.has(key)) return fail(`Option « ${key} » donnée deux fois.`, `Option "${key}" given twice.`);
    seen.add(key);
    if (key === 'fr' && dash < 0) options.frenchOnly = true;
    else if (key === 'min') {
      if (!(BOOK_LEVELS as readonly string[]).includes(value))
        return fail(
          `Niveau « ${value} » inconnu : ${BOOK_LEVELS.join(', ')}.`,
          `Unknown level "${value}": ${BOOK_LEVELS.join(', ')}.`,
        );
      options.minLevel = value as BookLevel;
    } else if (key === 'cat') {
      const wanted = new Set(value.split('+'));
      const unknown = [...wanted].filter((c) => !(BOOK_CATEGORIES as string[]).includes(c));
      if (unknown.length > 0 || value === '')
        return fail(
          `Catégorie « ${unknown[0] ?? ''} » inconnue : ${BOOK_CATEGORIES.join(', ')}.`,
          `Unknown category "${unknown[0] ?? ''}": ${BOOK_CATEGORIES.join(', ')}.`,
        );
      options.categories = BOOK_CATEGORIES.filter((c) => wanted.has(c));
    } else if (key === 'max' || key === 'per') {
      const limit = key === 'max' ? MAX_MAX_NUMBERS : MAX_PER_CONTACT;
      const n = /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 1 && n <= limit))
        return fail(
          `« ${part} » : un nombre entier de 1 à ${limit} est attendu après « ${key}- ».`,
          `"${part}": a whole number from 1 to ${limit} is expected after "${key}-".`,
        );
      if (key === 'max') options.maxNumbers = n;
      else options.perContact = n;
    } else
      return fail(
        `Option « ${part} » inconnue : min-…, cat-…, fr, max-…, per-….`,
        `Unknown option "${part}": min-…, cat-…, fr, max-…, per-….`,
      );
  }
  return { ok: true, options };
}

/** The canonical segment for `options` (defaults left out, fixed order); '' for the default book. */
export function formatBookOptions(options: BookOptions): string {
  const parts: string[] = [];
  const d = DEFAULT_BOOK_OPTIONS;
  if (options.minLevel !== d.minLevel) parts.push(`min-${options.minLevel}`);
  if (options.categories.length !== d.categories.length) parts.push(`cat-${options.categories.join('+')}`);
  if (options.frenchOnly) parts.push('fr');
  if (options.maxNumbers !== d.maxNumbers) parts.push(`max-${options.maxNumbers}`);
  if (options.perContact !== d.perContact) parts.push(`per-${options.perContact}`);
  return parts.join(',');
}
