/**
 * The phone book (shared/phonebook): options, vCard text, grouping and splitting, stable cards, the device file.
 * Every card is read back with ical.js (Mozilla's parser, not ours); expected values are written by hand.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../shared/list/types.ts';
import { type BookContext, buildBook } from '../../shared/phonebook/book.ts';
import { buildContacts, expandPattern, jumpBucket } from '../../shared/phonebook/contacts.ts';
import { buildDeviceVcf } from '../../shared/phonebook/device-vcf.ts';
import {
  type BookOptions,
  DEFAULT_BOOK_OPTIONS,
  formatBookOptions,
  parseBookOptions,
} from '../../shared/phonebook/options.ts';
import { escapeText, foldLine } from '../../shared/phonebook/vcard.ts';
import type { Category } from '../../shared/verdict.ts';

const entry = (pattern: string, category: Category, score: number, reports = 3): ListEntry => ({
  pattern,
  payload: { category, score, reports, lastReportDay: 20_000 },
});

const options = (segment: string): BookOptions => {
  const parsed = parseBookOptions(segment);
  if (!parsed.ok) throw new Error(parsed.messageEn);
  return parsed.options;
};

const context: BookContext = { version: 42, createdAt: '2026-05-01T08:30:00.000Z', siteUrl: 'https://vigie.example/' };

/** Every vCard of a text, as ical.js reads it: [FN, TEL values, NOTE]. */
function parseCards(text: string): { fn: string; tels: string[]; note: string; uid: string }[] {
  const parsed = ICAL.parse(text);
  const list = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return list.map((jcard) => {
    const card = new ICAL.Component(jcard as unknown[]);
    return {
      fn: String(card.getFirstPropertyValue('fn')),
      uid: String(card.getFirstPropertyValue('uid')),
      note: String(card.getFirstPropertyValue('note')),
      tels: card.getAllProperties('tel').map((p) => String(p.getFirstValue())),
    };
  });
}

/** n distinct French mobile numbers, +336000xxxxx style, from `start`. */
function mobiles(n: number, start = 0): string[] {
  return Array.from({ length: n }, (_, i) => `+336${String(start + i).padStart(8, '0')}`);
}

describe('book options', () => {
  it('reads the URL segment the issue gives as an example', () => {
    expect(options('min-spam,cat-scam+telemarketing,fr,max-2000,per-9')).toEqual({
      minLevel: 'spam',
      categories: ['telemarketing', 'scam'],
      frenchOnly: true,
      maxNumbers: 2000,
      perContact: 9,
    });
    expect(options('')).toEqual(DEFAULT_BOOK_OPTIONS);
  });

  it('refuses what it does not understand, saying what is allowed', () => {
    const bad = ['min-foo', 'cat-', 'cat-legit', 'max-0', 'max-200001', 'per-501', 'per-1.5', 'zzz', 'fr,fr', 'fr-1'];
    for (const segment of bad) {
      const parsed = parseBookOptions(segment);
      expect(parsed.ok, segment).toBe(false);
      if (!parsed.ok) expect(parsed.messageEn.length).toBeGreaterThan(10);
    }
    expect(parseBookOptions('x'.repeat(300)).ok).toBe(false);
  });

  it('writes a canonical segment, defaults left out', () => {
    expect(formatBookOptions(options('per-9,fr,min-spam'))).toBe('min-spam,fr,per-9');
    expect(formatBookOptions(DEFAULT_BOOK_OPTIONS)).toBe('');
  });
});

describe('vCard text', () => {
  it('escapes text values (RFC 2426 §4)', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without splitting a character', () => {
    const line = `NOTE:${'é⛔x'.repeat(40)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('TEL;TYPE=VOICE:+33612345678')).toBe('TEL;TYPE=VOICE:+33612345678');
  });
});

describe('contacts', () => {
  it('expands French ranges of 10 numbers only', () => {
    const ten = expandPattern('+3316212345*');
    expect(ten).toHaveLength(10);
    expect(ten?.[0]).toBe('+33162123450');
    expect(ten?.[9]).toBe('+33162123459');
    expect(expandPattern('+33162*')).toBeNull();
    expect(expandPattern('+331621234*')).toBeNull(); // a /100 block: 100 numbers, not written out
    expect(expandPattern('+59059012345*')?.[3]).toBe('+590590123453');
    expect(expandPattern('+4420123456*')).toBeNull();
    expect(expandPattern('+33612345678')).toEqual(['+33612345678']);
  });

  it('groups by level and category, names them for the call screen', () => {
    const set = buildContacts(
      [
        entry('+33162000001', 'scam', 200),
        entry('+33162000002', 'telemarketing', 100),
        entry('+33162000003', 'telemarketing', 50),
        entry('+33162000004', 'legit', 200),
        entry('+33162000005', 'premium_callback', 90),
        entry('+33162000012', 'legit', 200),
        entry('+33162000013', 'scam', 200),
        entry('+3316200001*', 'robocall', 120),
        entry('+33163*', 'robocall', 120),
        entry('+442071234567', 'survey', 100),
      ],
      DEFAULT_BOOK_OPTIONS,
    );
    const byName = Object.fromEntries(set.contacts.map((c) => [c.name, c.numbers]));
    expect(byName).toEqual({
      '⛔ Vigie · Arnaque': ['+33162000001', '+33162000013'],
      '⛔ Vigie · Rappel surtaxé': ['+33162000005'],
      '⚠ Vigie · Démarchage': ['+33162000002'],
      '❔ Vigie · Démarchage (prudence)': ['+33162000003'],
      // A block of reported neighbours warns only (as the look-up does); the numbers with their own entry
      // (…12 trusted, …13 a scam) are not in it.
      '❔ Vigie · Appels automatisés (prudence)': [
        '+33162000010',
        '+33162000011',
        '+33162000014',
        '+33162000015',
        '+33162000016',
        '+33162000017',
        '+33162000018',
        '+33162000019',
      ],
      '⚠ Vigie · Sondage': ['+442071234567'],
    });
    expect(set.skippedRanges).toBe(1);
    expect(set.numberCount).toBe(14);
  });

  it('applies the minimum level, the categories and French-only', () => {
    const entries = [
      entry('+33162000001', 'scam', 200),
      entry('+33162000002', 'telemarketing', 100),
      entry('+33162000003', 'telemarketing', 50),
      entry('+262262123456', 'telemarketing', 100),
      entry('+442071234567', 'telemarketing', 100),
    ];
    const names = (segment: string) =>
      buildContacts(entries, options(segment)).contacts.flatMap((c) => c.numbers.map((n) => `${c.name} ${n}`));
    expect(names('min-spam,cat-telemarketing,fr')).toEqual([
      '⚠ Vigie · Démarchage +262262123456',
      '⚠ Vigie · Démarchage +33162000002',
    ]);
    expect(names('min-danger')).toEqual(['⛔ Vigie · Arnaque +33162000001']);
  });

  it('never puts more than perContact numbers in a contact, and loses none', () => {
    const numbers = mobiles(1234);
    const set = buildContacts(
      numbers.map((n) => entry(n, 'telemarketing', 100)),
      options('max-5000'),
    );
    for (const c of set.contacts) expect(c.numbers.length).toBeLessThanOrEqual(50);
    expect(set.contacts.flatMap((c) => c.numbers).sort()).toEqual(numbers);
    // 1234 numbers at 60 % of 50: 42 contacts (41.1 rounded up), named 1 to 42 (plus overflow, if any).
    expect(set.contacts.length).toBeGreaterThanOrEqual(42);
    expect(set.contacts[0]?.name).toBe('⚠ Vigie · Démarchage 1');
  });

  it('keeps the most severe numbers under maxNumbers', () => {
    const set = buildContacts(
      [
        entry('+33162000001', 'telemarketing', 50),
        entry('+33162000002', 'scam', 100),
        entry('+33162000003', 'telemarketing', 200),
        entry('+33162000004', 'telemarketing', 100),
      ],
      options('max-2'),
    );
    expect(set.contacts.flatMap((c) => c.numbers)).toEqual(['+33162000002', '+33162000003']);
    expect(set.cappedOut).toBe(2);
  });

  it('jump hash moves about 1/(n+1) of the keys when a bucket is added', () => {
    let moved = 0;
    for (let k = 0; k < 10_000; k++) if (jumpBucket(k * 2654435761, 10) !== jumpBucket(k * 2654435761, 11)) moved++;
    // Expected 10,000 / 11 ≈ 909 (the paper's property); a modulo split would move about 9,000.
    expect(moved).toBeGreaterThan(800);
    expect(moved).toBeLessThan(1020);
  });
});

describe('book', () => {
  it('writes cards that a vCard parser reads back with the right numbers and note', () => {
    const book = buildBook(
      [entry('+33162000001', 'scam', 200), entry('+33612345678', 'scam', 200)],
      DEFAULT_BOOK_OPTIONS,
      context,
    );
    const text = [...book.cards.values()].map((c) => c.vcard).join('');
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    const cards = parseCards(text);
    expect(cards).toHaveLength(1);
    expect(cards[0]?.fn).toBe('⛔ Vigie · Arnaque');
    expect(cards[0]?.uid).toBe('vigie-danger-scam-1');
    expect(cards[0]?.tels).toEqual(['+33162000001', '+33612345678']);
    expect(cards[0]?.note).toContain('Liste v42 du 2026-05-01');
    expect(cards[0]?.note).toContain('arnaque');
    expect(cards[0]?.note).toContain('https://vigie.example/');
    expect(text).toContain('REV:2026-05-01T08:30:00Z');
  });

  it('after a 1 % change, only a few cards change and the others stay byte for byte', () => {
    const numbers = mobiles(5000);
    const before = buildBook(
      numbers.map((n) => entry(n, 'telemarketing', 100)),
      options('max-10000'),
      context,
    );
    // 25 numbers out, 25 new ones in: at most 50 cards can differ, one per changed number.
    const after = buildBook(
      [...numbers.slice(25), ...mobiles(25, 90_000)].map((n) => entry(n, 'telemarketing', 100)),
      options('max-10000'),
      { ...context, version: 43, createdAt: '2026-05-02T08:30:00.000Z' },
      before,
    );
    let changed = 0;
    for (const [uid, card] of after.cards) if (before.cards.get(uid)?.etag !== card.etag) changed++;
    expect(after.cards.size).toBe(before.cards.size);
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(50);
    const unchanged = [...after.cards.values()].find((c) => c.stamp.version === 42);
    expect(unchanged?.vcard.replace(/\r\n /g, '')).toContain('v42 du 2026-05-01');
    const touched = [...after.cards.values()].find((c) => c.stamp.version === 43);
    expect(touched?.vcard.replace(/\r\n /g, '')).toContain('v43 du 2026-05-02');
  });
});

describe('device file', () => {
  it('merges the personal block list, leaves allowed numbers out, names the file with the version and day', () => {
    const vcf = buildDeviceVcf({
      entries: [entry('+33162000001', 'scam', 200), entry('+33162000002', 'telemarketing', 100)],
      personal: [
        { pattern: '+33700000001', kind: 'block', createdAt: 0 },
        { pattern: '+3370000001*', kind: 'block', createdAt: 0 },
        { pattern: '+33162000002', kind: 'allow', createdAt: 0 },
        { pattern: '+33700000099', kind: 'block', createdAt: 0, expiresAt: 5 },
      ],
      options: DEFAULT_BOOK_OPTIONS,
      context,
      now: Date.parse('2026-05-03T12:00:00Z'),
    });
    expect(vcf.fileName).toBe('vigie-contacts-v42-2026-05-03.vcf');
    const cards = parseCards(vcf.text);
    expect(cards.map((c) => c.fn)).toEqual(['⛔ Vigie · Arnaque', '🚫 Vigie · Ma liste de blocage']);
    expect(cards[1]?.tels).toEqual([
      '+33700000001',
      '+33700000010',
      '+33700000011',
      '+33700000012',
      '+33700000013',
      '+33700000014',
      '+33700000015',
      '+33700000016',
      '+33700000017',
      '+33700000018',
      '+33700000019',
    ]);
    expect(vcf.personalNumbers).toBe(11);
    expect(vcf.crowdNumbers).toBe(1);
  });
});
