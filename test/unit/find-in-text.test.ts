import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findPhoneNumbers,
  findThroughMatcher,
  maskTraps,
  mightContainPhoneNumber,
  numberFromTelHref,
} from '../../shared/number/find-in-text.ts';
import { normalize } from '../../shared/number/normalize.ts';

const numbersIn = (text: string, region?: string) => findPhoneNumbers(text, region).map((f) => f.number);

describe('findPhoneNumbers: the ways people write numbers', () => {
  it.each([
    ['Appelez le 01 62 12 34 56.', '+33162123456'],
    ['Tél:0612345678', '+33612345678'],
    ['Tél. : 06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)1 62 12 34 56', '+33162123456'],
    ['+33(0)162123456', '+33162123456'],
    ['0033 1 62 12 34 56', '+33162123456'],
    ['+33162123456', '+33162123456'],
    ['numéro vert 0 800 12 34 56', '+33800123456'],
    ['Guadeloupe : 0690 12 34 56', '+590690123456'],
    ['La Réunion 0262 12 34 56', '+262262123456'],
    ['+1 (212) 555-1234', '+12125551234'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+49 30 123456789', '+4930123456789'],
    ['Service client : 09 69 39 39 00', '+33969393900'],
    ['N° de téléphone : 06 12 34 56 78', '+33612345678'],
    ['Tél. n° 01 62 12 34 56', '+33162123456'],
    ['Livraison 06 12 34 56 78 s’il vous plaît', '+33612345678'],
    ['(06 12 34 56 78)', '+33612345678'],
    ['«\u00A006\u00A012\u00A034\u00A056\u00A078\u00A0»', '+33612345678'],
    ['06\u202F12\u202F34\u202F56\u202F78', '+33612345678'],
  ])('%s', (text, expected) => {
    expect(numbersIn(text)).toEqual([expected]);
  });

  it('gives offsets and the number as written', () => {
    const text = 'Appelez le 01 62 12 34 56 ou le +33 6 12 34 56 78.';
    const found = findPhoneNumbers(text);
    expect(found).toHaveLength(2);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.raw);
    expect(found[0]!.raw).toBe('01 62 12 34 56');
    expect(found[1]!.raw).toBe('+33 6 12 34 56 78');
  });

  it('splits two numbers written back to back', () => {
    expect(numbersIn('01 23 45 67 89 06 12 34 56 78')).toEqual(['+33123456789', '+33612345678']);
    expect(numbersIn('01 23 45 67 89/06 12 34 56 78')).toEqual(['+33123456789', '+33612345678']);
    expect(numbersIn('01 23 45 67 89 - 06 12 34 56 78')).toEqual(['+33123456789', '+33612345678']);
  });

  it('skips a postal code glued before a number', () => {
    expect(numbersIn('75008 01 23 45 67 89')).toEqual(['+33123456789']);
  });

  it('uses the region for national forms', () => {
    expect(numbersIn('(212) 555-1234', 'US')).toEqual(['+12125551234']);
    expect(numbersIn('(212) 555-1234', 'FR')).toEqual([]);
  });

  it('takes numbers in unallocated ranges only when asked (pasted text, look-up box)', () => {
    const unallocated = normalize('04 00 12 34 56');
    expect(unallocated.ok && unallocated.value.allocated).toBe(false);
    expect(numbersIn('Tél. : 04 00 12 34 56')).toEqual([]);
    expect(findPhoneNumbers('Tél. : 04 00 12 34 56', 'FR', { allowUnallocated: true }).map((f) => f.number)).toEqual([
      '+33400123456',
    ]);
  });

  it('finds many numbers in a call history line', () => {
    const text = 'Hier 14:02 — 01 62 12 34 56 (2 min 10 s) · Aujourd’hui 09:15 — 07 56 12 34 56';
    expect(numbersIn(text)).toEqual(['+33162123456', '+33756123456']);
  });
});

describe('findPhoneNumbers: traps are never numbers', () => {
  it.each([
    ['date', 'Le 12/03/2024 à 10:30'],
    ['date and time', '01.02.2023 10:30'],
    ['ISO date', '2024-03-12T10:30:00'],
    ['time with seconds', 'durée 00:12:34'],
    ['duration', 'Appel de 12 min 30 s, puis 1 h 05'],
    ['price', 'Prix : 1 234 567,89 €'],
    ['price before', '€ 1 234 567'],
    ['price in euros', '0 612 345 678 euros'],
    ['amount HT', '06 12 34 56 78 HT'],
    ['percentage', '12,34 % de 0612345678,5'],
    ['postal code', '75008 Paris'],
    ['SIRET', 'SIRET 732 829 320 00074'],
    ['SIREN', 'SIREN : 732 829 320'],
    ['TVA', 'N° TVA FR 40 732829320'],
    ['IBAN', 'IBAN FR76 3000 6000 0112 3456 7890 189'],
    ['IBAN compact', 'FR7630006000011234567890189'],
    ['IPv4', 'Serveur 192.168.100.200'],
    ['IPv4 with zero groups', '10.01.23.45'],
    ['version', 'version 10.0.19041.1234'],
    ['semver', 'v1.2.3'],
    ['order', 'Commande n° 0612345678'],
    ['order hash', 'Order #0612345678'],
    ['invoice', 'Facture FA-2024-0612345678'],
    ['invoice code', 'INV-0612345678'],
    ['reference', 'Réf. : 06 12 34 56 78'],
    ['tracking', 'Suivi colis : 6A12345678901'],
    ['customer id', 'Client n° 0612345678'],
    ['lone n°', 'N° 0612345678'],
    ['card-like run', '4970101234567890'],
    ['long digit run', '06123456789012'],
    ['digit run in a word', 'abc0612345678def'],
    ['in a URL', 'https://example.org/item/0612345678'],
    ['query string', '?id=0612345678&x=1'],
    ['short code in prose', 'appelez le 3179 ou le 15'],
    ['SIREN without label', '732 829 320'],
    ['decimal', '0612345678.12'],
  ])('%s: %s', (_name, text) => {
    expect(numbersIn(text)).toEqual([]);
  });

  it('keeps a dotted phone number that looks like a date at its start', () => {
    expect(numbersIn('01.02.03.04.05')).toEqual(['+33102030405']);
  });

  it('masks traps with the same length so offsets hold', () => {
    const text = 'Le 12/03/2024 appelez le 01 62 12 34 56';
    const masked = maskTraps(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).toContain('01 62 12 34 56');
    expect(masked).not.toContain('12/03/2024');
  });
});

describe('mightContainPhoneNumber (pre-filter)', () => {
  it('lets through eight digits with phone-like separators, nothing shorter', () => {
    expect(mightContainPhoneNumber('06 12 34 56')).toBe(true);
    expect(mightContainPhoneNumber('+33 (0)1 62 12')).toBe(true);
    expect(mightContainPhoneNumber('06 12 34')).toBe(false);
    expect(mightContainPhoneNumber('10:30, 3,45 €, 2024')).toBe(false);
    expect(mightContainPhoneNumber('Bonjour, rien à voir ici. 12 chats.')).toBe(false);
  });

  it('never drops a number the full finder would find', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        const text = `${a} 06 12 34 56 78 ${b}`;
        return mightContainPhoneNumber(text);
      }),
    );
  });
});

describe('findPhoneNumbers: properties', () => {
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const mobile = fc
    .tuple(fc.constantFrom('6', '7'), fc.array(digit, { minLength: 8, maxLength: 8 }))
    .map(([first, rest]) => `0${first}${rest.join('')}`)
    .filter((n) => normalize(n).ok && (normalize(n) as { ok: true; value: { allocated: boolean } }).value.allocated);
  const separator = fc.constantFrom(' ', '.', '-', '', '\u00A0');
  const filler = fc.constantFrom('Appelez le ', 'Tél : ', 'Numéro ', '', 'Mobile: ', 'ou ');

  it('finds a valid mobile written with any separator, in any sentence, with exact offsets', () => {
    fc.assert(
      fc.property(mobile, separator, filler, filler, (n, sep, before, after) => {
        const written = n.match(/../g)!.join(sep);
        const text = `${before}${written} ${after}`;
        const found = findPhoneNumbers(text);
        expect(found).toHaveLength(1);
        expect(found[0]!.raw).toBe(written);
        expect(text.slice(found[0]!.start, found[0]!.end)).toBe(written);
        const expected = normalize(n);
        expect(expected.ok && found[0]!.number).toBe(expected.ok && expected.value.number);
      }),
      { numRuns: 200 },
    );
  });

  it('returns sorted, non-overlapping hits that normalise to their number', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(mobile, fc.string({ maxLength: 12 })), { maxLength: 8 }), (parts) => {
        const text = parts.join(' ');
        const found = findPhoneNumbers(text);
        let previousEnd = -1;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = f.end;
          const again = normalize(f.raw);
          expect(again.ok && again.value.number).toBe(f.number);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('numberFromTelHref', () => {
  it.each([
    ['tel:+33162123456', '+33162123456'],
    ['tel:01-62-12-34-56', '+33162123456'],
    ['TEL:0612345678', '+33612345678'],
    ['tel:%2B33%206%2012%2034%2056%2078', '+33612345678'],
    ['tel:+33162123456;ext=12', '+33162123456'],
    ['tel:3179', '3179'],
    ['tel:15', '15'],
  ])('%s → %s', (href, expected) => {
    expect(numberFromTelHref(href)).toBe(expected);
  });

  it.each(['mailto:a@b.fr', 'tel:', 'tel:abc', 'tel:%E0%A4%A', 'https://x/tel:0612345678'])('refuses %s', (href) => {
    expect(numberFromTelHref(href)).toBeNull();
  });
});

describe("findPhoneNumbers with check: 'possible' (the content script's cheap path)", () => {
  it('gives the same E.164 as the full check on every allocated number of the examples', () => {
    const text =
      'Appelez le 01 62 12 34 56, +33 (0)1 62 12 34 56, 0033 6 12 34 56 78, 0690 12 34 56, 0262 12 34 56, +44 20 7946 0958, +1 (212) 555-1234.';
    const full = findPhoneNumbers(text).map((f) => f.number);
    const possible = findPhoneNumbers(text, 'FR', { check: 'possible' }).map((f) => f.number);
    expect(possible).toEqual(full);
    expect(full).toHaveLength(7);
  });

  it('lets unallocated ranges through (the background drops them) but still refuses traps', () => {
    expect(findPhoneNumbers('Tél. : 04 00 12 34 56', 'FR', { check: 'possible' }).map((f) => f.number)).toEqual([
      '+33400123456',
    ]);
    for (const trap of [
      'Le 12/03/2024 à 10:30',
      'SIRET 732 829 320 00074',
      'Commande n° 0612345678',
      '192.168.100.200',
    ]) {
      expect(findPhoneNumbers(trap, 'FR', { check: 'possible' })).toEqual([]);
    }
  });
});

describe('findPhoneNumbers: a text that is one national number (the shortcut past the matcher)', () => {
  it('gives exactly what the full path gives, for every shape, region and check', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const national = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.array(digit, { minLength: 8, maxLength: 8 }))
      .map(([first, rest]) => `0${first}${rest.join('')}`);
    // Separators the shortcut takes (one kind throughout) and ones it leaves to the full path (mixed, no-break).
    const separator = fc.constantFrom(' ', '.', '-', '', '\u00A0', ' .', '  ');
    const blank = fc.constantFrom('', ' ', '\n  ', '\t', '\u00A0', ' \n');
    fc.assert(
      fc.property(
        national,
        separator,
        separator,
        blank,
        blank,
        fc.constantFrom('FR', 'RE', 'BE'),
        fc.constantFrom('possible', 'full') as fc.Arbitrary<'possible' | 'full'>,
        (n, sep, otherSep, before, after, region, check) => {
          const pairs = n.match(/../g)!;
          // Now and then one separator differs from the others.
          const written = pairs.map((p, i) => (i === 0 ? p : `${i === 2 ? otherSep : sep}${p}`)).join('');
          const text = `${before}${written}${after}`;
          expect(findPhoneNumbers(text, region, { check })).toEqual(findThroughMatcher(text, region, { check }));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds the number of a table cell with its offsets', () => {
    expect(findPhoneNumbers('  01 62 12 34 56 ', 'FR', { check: 'possible' })).toEqual([
      { start: 2, end: 16, raw: '01 62 12 34 56', number: '+33162123456' },
    ]);
    expect(findPhoneNumbers('02.62.12.34.56', 'FR', { check: 'possible' })).toEqual([
      { start: 0, end: 14, raw: '02.62.12.34.56', number: '+262262123456' },
    ]);
  });
});
