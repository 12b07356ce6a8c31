/**
 * A phone book of one published list version: the contacts (contacts.ts) rendered as vCards, each with its
 * ETag. Given the previous version's book, a contact whose name and numbers did not change keeps its card
 * byte for byte (its note names the version where it last changed), so a phone syncing with a sync token
 * downloads only the contacts a publication touched.
 */
import { CATEGORY_LABELS } from '../i18n/labels.ts';
import type { ListEntry } from '../list/types.ts';
import { buildContacts, type ContactOptions, type PhoneContact } from './contacts.ts';
import type { BookOptions } from './options.ts';
import { renderVcard } from './vcard.ts';

export interface BookStamp {
  /** List version. */
  version: number;
  /** The version's publication time (ISO 8601). */
  createdAt: string;
}

export interface BookContext extends BookStamp {
  /** Where the user checks a number and reports a mistake: the Vigie web app's address. */
  siteUrl: string;
}

export interface BookCard extends PhoneContact {
  vcard: string;
  etag: string;
  /** The version where this card last changed. */
  stamp: BookStamp;
}

export interface Book {
  version: number;
  /** By uid, in contact order. */
  cards: Map<string, BookCard>;
  buckets: Map<string, number>;
  numberCount: number;
  cappedOut: number;
  skippedRanges: number;
}

export function buildBook(
  entries: Iterable<ListEntry>,
  options: BookOptions,
  context: BookContext,
  previous: Book | null = null,
  extra: Omit<ContactOptions, 'previousBuckets'> = {},
): Book {
  const set = buildContacts(entries, options, {
    ...extra,
    ...(previous ? { previousBuckets: previous.buckets } : {}),
  });
  const cards = new Map<string, BookCard>();
  for (const contact of set.contacts) {
    const old = previous?.cards.get(contact.uid);
    if (old && old.name === contact.name && sameNumbers(old.numbers, contact.numbers)) {
      cards.set(contact.uid, old);
      continue;
    }
    cards.set(contact.uid, renderCard(contact, context));
  }
  return {
    version: context.version,
    cards,
    buckets: set.buckets,
    numberCount: set.numberCount,
    cappedOut: set.cappedOut,
    skippedRanges: set.skippedRanges,
  };
}

export function renderCard(contact: PhoneContact, context: BookContext, note?: string): BookCard {
  const stamp = { version: context.version, createdAt: context.createdAt };
  const vcard = renderVcard({
    uid: contact.uid,
    name: contact.name,
    numbers: contact.numbers,
    note: note ?? crowdNote(contact, context),
    rev: revOf(context.createdAt),
  });
  return { ...contact, vcard, etag: `${context.version}-${contentHash(vcard)}`, stamp };
}

/**
 * What the card is, the list version and date, and where to report a mistake; French, then English. Kept short:
 * it is repeated on every card, and a 100,000-number book has thousands of them.
 */
export function crowdNote(contact: PhoneContact, context: BookContext): string {
  const day = context.createdAt.slice(0, 10);
  const category = CATEGORY_LABELS[contact.category];
  const weak = contact.level === 'caution' ? ' (peu de signalements / few reports)' : '';
  return [
    `Vigie : numéros signalés, ${category.fr.toLowerCase()}${weak}. Liste v${context.version} du ${day}.${contact.level === 'danger' ? ' Ne rappelez pas.' : ''}`,
    `Une erreur ? Signalez-la sur ${context.siteUrl}`,
    `Vigie: reported numbers, ${category.en.toLowerCase()}. List v${context.version}, ${day}. A mistake? Report it there.`,
  ].join('\n');
}

function revOf(createdAt: string): string {
  const ms = Date.parse(createdAt);
  return Number.isNaN(ms) ? createdAt : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** cyrb53: a 53-bit non-cryptographic hash of the card text, for ETags (a changed card must change its tag). */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
