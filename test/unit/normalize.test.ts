import fc from 'fast-check';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { formatForDisplay, normalize } from '../../shared/number/normalize.ts';
import { overseasCallingCode } from '../../shared/number/overseas.ts';

function e164(input: string, region?: string): string {
  const r = normalize(input, region);
  if (!r.ok) throw new Error(`${input}: ${r.error.code}`);
  return r.value.number;
}

describe('normalize: every input format of DESIGN.md §3', () => {
  it.each([
    ['01 62 12 34 56', '+33162123456'],
    ['0162123456', '+33162123456'],
    ['01.62.12.34.56', '+33162123456'],
    ['01-62-12-34-56', '+33162123456'],
    ['+33 (0)1 62 12 34 56', '+33162123456'],
    ['+33 1 62 12 34 56', '+33162123456'],
    ['0033 1 62 12 34 56', '+33162123456'],
    ['(+33) 6 12 34 56 78', '+33612345678'],
    ['33612345678', '+33612345678'],
    ['tel:+33162123456', '+33162123456'],
    ['tel:+33-1-62-12-34-56;phone-context=example.com', '+33162123456'],
    ['06\u00a012\u00a034\u00a056\u00a078', '+33612345678'],
    ['  06 12 34 56 78  ', '+33612345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (202) 555-0100', '+12025550100'],
  ])('%s → %s', (input, expected) => {
    expect(e164(input)).toBe(expected);
  });

  it.each([
    ['0590 27 12 34', '+590590271234'],
    ['0690 12 34 56', '+590690123456'],
    ['0262 12 34 56', '+262262123456'],
    ['0692 12 34 56', '+262692123456'],
    ['0596 30 12 34', '+596596301234'],
    ['0696 12 34 56', '+596696123456'],
    ['0594 30 12 34', '+594594301234'],
    ['0694 20 12 34', '+594694201234'],
    ['0269 60 12 34', '+262269601234'],
    ['0639 12 34 56', '+262639123456'],
  ])('overseas national form %s resolves to its own calling code %s', (input, expected) => {
    expect(e164(input)).toBe(expected);
  });

  it.each([
    '15',
    '17',
    '18',
    '112',
    '114',
    '115',
    '119',
    '191',
    '196',
    '197',
    '3919',
    '3001',
    '3179',
    '118712',
    '3646',
  ])('keeps short number %s as a short code', (code) => {
    const r = normalize(code);
    expect(r.ok && r.value.isShort && r.value.number === code).toBe(true);
  });

  it('uses the region for national numbers', () => {
    expect(e164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(e164('(202) 555-0100', 'US')).toBe('+12025550100');
  });

  it('marks numbers outside allocated ranges instead of inventing one', () => {
    const r = normalize('07 12 34 56 78');
    expect(r.ok && r.value.number).toBe('+33712345678');
    expect(r.ok && r.value.allocated).toBe(false);
  });
});

describe('normalize: bad inputs get a clear typed error, never an exception', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_phone_number'],
    ['bonjour', 'not_a_phone_number'],
    ['12', 'too_short'],
    ['0612', 'too_short'],
    ['06123456789012345678', 'too_long'],
    ['📞', 'invalid_characters'],
    ['06 12 34 56 78 😀', 'invalid_characters'],
    ['x'.repeat(10_000), 'too_long'],
    ['0'.repeat(10_000), 'too_long'],
    ['06\u000012345678', 'invalid_characters'],
    ['06 12 34 56 7a', 'invalid_characters'],
    ['+999 123456789', 'invalid_number'],
  ])('%j → %s', (input, code) => {
    const r = normalize(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(5);
      expect(r.error.messageEn.length).toBeGreaterThan(5);
    }
  });

  it('refuses non-string input and unknown regions', () => {
    expect(normalize(null).ok).toBe(false);
    expect(normalize(42).ok).toBe(false);
    const r = normalize('0612345678', 'ZZ');
    expect(!r.ok && r.error.code).toBe('invalid_region');
  });

  it('never throws and never returns a malformed number on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = normalize(s);
        if (r.ok) expect(r.value.number).toMatch(/^(\+[1-9]\d{5,16}|\d{2,6})$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalize ⇄ format round trips (property)', () => {
  const frenchNational = fc
    .tuple(fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '9'), fc.stringMatching(/^\d{8}$/))
    .map(([z, rest]) => `${z}${rest}`);

  it('E.164 → national display → E.164 is the identity for French numbers', () => {
    fc.assert(
      fc.property(frenchNational, (nsn) => {
        const first = normalize(`+33${nsn}`);
        if (!first.ok) return; // not every 9-digit string is a possible number
        const shown = formatForDisplay(first.value);
        expect(e164(shown)).toBe(first.value.number);
      }),
      { numRuns: 2000 },
    );
  });

  it('any separator style gives the same E.164 as the compact form', () => {
    fc.assert(
      fc.property(frenchNational, fc.constantFrom(' ', '.', '-', '\u00a0', ''), (nsn, sep) => {
        const compact = normalize(`0${nsn}`);
        const spaced = normalize(`0${nsn}`.replace(/(\d{2})(?=\d)/g, `$1${sep}`));
        expect(spaced.ok).toBe(compact.ok);
        if (compact.ok && spaced.ok) expect(spaced.value.number).toBe(compact.value.number);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with bare libphonenumber on valid metropolitan numbers', () => {
    fc.assert(
      fc.property(frenchNational, (nsn) => {
        const p = parsePhoneNumberWithError(`0${nsn}`, 'FR');
        // Overseas blocks have their own code (checked block by block against MAJNUM in majnum-blocks.test.ts).
        if (!p.isValid() || overseasCallingCode(`0${nsn}`) !== null) return;
        expect(e164(`0${nsn}`)).toBe(p.number);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('French fast path and its type cache agree with the full libphonenumber parse (property)', () => {
  it('same E.164, type and validity for any 9-digit national number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), fc.boolean(), (nsn, international) => {
        const ours = normalize(international ? `+33${nsn}` : `0${nsn}`);
        const reference = parsePhoneNumberWithError(`+33${nsn}`);
        const type = reference.getType();
        if (!international && overseasCallingCode(`0${nsn}`) !== null) return; // overseas: majnum-blocks.test.ts
        expect(ours.ok).toBe(true);
        if (!ours.ok) return;
        expect(ours.value.number).toBe(reference.number);
        expect(ours.value.type).toBe(type ? type.toLowerCase() : null);
        expect(ours.value.allocated).toBe(reference.isValid());
      }),
      { numRuns: 20_000 },
    );
  });
});
