/**
 * Any human input → E.164 (or a French short code), with a typed error for everything else.
 * Never throws: `normalize` is called on page text, pasted SMS, CSV rows and HTTP bodies.
 */
import {
  type CountryCode,
  isSupportedCountry,
  ParseError,
  type PhoneNumber,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { InputError, InputErrorCode } from '../verdict.ts';
import { frenchType } from './french-type-cache.ts';
import { overseasCallingCode, overseasE164, overseasRegion } from './overseas.ts';
import { classifyShortCode } from './short-codes.ts';

export interface NormalizedNumber {
  /** E.164 (`+33162123456`) or the short code as dialled (`3179`). */
  number: string;
  isShort: boolean;
  /** ISO region (`FR`, `GP`, `US`…); `FR` for French short codes. */
  country: string | null;
  /** libphonenumber type in lower case, `short_code`, or null when the plan does not know the range. */
  type: string | null;
  /** National significant number (no trunk 0), or the short code. */
  national: string;
  /** Calling code without `+` (`33`, `590`…); null for short codes. */
  callingCode: string | null;
  /** False when the number has a possible length but falls in a range the numbering plan does not allocate. */
  allocated: boolean;
}

export type NormalizeResult = { ok: true; value: NormalizedNumber } | { ok: false; error: InputError };

/** Longer than any real number written with generous spacing: past this it is text, not a number. */
const MAX_INPUT_LENGTH = 64;

const MESSAGES: Record<InputErrorCode, [fr: string, en: string]> = {
  empty: ['Saisissez un numéro de téléphone.', 'Enter a phone number.'],
  too_long: ['Trop long pour être un numéro de téléphone.', 'Too long to be a phone number.'],
  too_short: ['Trop court pour être un numéro de téléphone.', 'Too short to be a phone number.'],
  invalid_characters: [
    'Un numéro ne contient que des chiffres, des espaces, « + », « . », « - » ou des parenthèses.',
    'A phone number has only digits, spaces, "+", ".", "-" or brackets.',
  ],
  not_a_phone_number: ["Ce n'est pas un numéro de téléphone.", 'This is not a phone number.'],
  invalid_number: [
    "Ce numéro n'existe pas dans le plan de numérotation de ce pays.",
    "This number does not exist in that country's numbering plan.",
  ],
  invalid_region: [
    'Région inconnue (code pays ISO à deux lettres attendu, ex. FR).',
    'Unknown region (expected a two-letter ISO code such as FR).',
  ],
};

export function inputError(code: InputErrorCode, detail?: string): InputError {
  const [fr, en] = MESSAGES[code];
  return { code, message: detail ? `${fr} (${detail})` : fr, messageEn: detail ? `${en} (${detail})` : en };
}

const fail = (code: InputErrorCode, detail?: string): NormalizeResult => ({
  ok: false,
  error: inputError(code, detail),
});

/** Separators people and web pages put inside numbers (NBSP and thin spaces included). */
const SEPARATORS = /[\s\u00A0\u2007\u202F.\-/–—()[\]]/g;

export function normalize(input: unknown, region = 'FR'): NormalizeResult {
  if (typeof input !== 'string') return fail('not_a_phone_number');
  if (!/^[A-Z]{2}$/.test(region) || !isSupportedCountry(region)) return fail('invalid_region', region);
  if (input.length > MAX_INPUT_LENGTH) return fail('too_long');
  let text = input.trim();
  if (text === '') return fail('empty');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters (null bytes…) is the point.
  if (/[\u0000-\u001F\u007F]/.test(text)) return fail('invalid_characters');

  // tel: URIs (RFC 3966), possibly with parameters (`;phone-context=…`) we do not need.
  if (/^tel:/i.test(text)) text = text.slice(4).split(';')[0] ?? '';
  // "+33 (0)1 62…": the bracketed trunk zero is a typographic habit, not a digit of the number.
  text = text.replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const compact = text.replace(SEPARATORS, '');
  if (compact === '') return fail('not_a_phone_number');
  if (!/^\+?\d+$/.test(compact)) {
    return /[A-Za-z]/.test(compact) && !/\d/.test(compact) ? fail('not_a_phone_number') : fail('invalid_characters');
  }
  const international = compact.startsWith('+') || compact.startsWith('00');
  const digits = compact.replace(/^\+|^00/, '');
  if (digits.length > 17) return fail('too_long');

  if (!international && region === 'FR') {
    const short = classifyShortCode(digits);
    if (short) {
      return {
        ok: true,
        value: {
          number: digits,
          isShort: true,
          country: 'FR',
          type: 'short_code',
          national: digits,
          callingCode: null,
          allocated: true,
        },
      };
    }
  }
  if (digits.length < 6) return fail('too_short');

  const m2m = machineToMachine(compact, digits, international, region);
  if (m2m) return m2m;
  const fast = frenchFastPath(compact, digits, international, region);
  if (fast) return fast;
  // A French national-form number in an overseas block: its own calling code (overseas.ts, from MAJNUM).
  const overseas = !international && region === 'FR' ? overseasCallingCode(compact) : null;
  if (overseas) return parseWith(overseasE164(compact, overseas), region as CountryCode);
  return parseWith(international ? `+${digits}` : compact, region as CountryCode);
}

/**
 * Plans that number machine-to-machine lines: 14 digits in metropolitan France (0700…), 13 overseas (MAJNUM's
 * 0700… blocks, and since January 2026 its 0901 5/6/7… blocks for the Antilles and Guyane). Which territory a long
 * overseas number belongs to comes from the MAJNUM-derived prefixes, like any other overseas number.
 */
const OVERSEAS_M2M_NSN = /^(700|90\d)\d{9}$/;
const M2M_NSN: Readonly<Record<string, RegExp>> = {
  '33': /^700\d{10}$/,
  '590': OVERSEAS_M2M_NSN,
  '594': OVERSEAS_M2M_NSN,
  '596': OVERSEAS_M2M_NSN,
  '262': OVERSEAS_M2M_NSN,
};

/**
 * 13- and 14-digit machine-to-machine numbers (ARCEP décision n° 2012-0856; MAJNUM blocks 0700…): longer than
 * E.164 numbers usually are and unknown to libphonenumber, which would call them "too long". They are real
 * numbers of their own type; the block holder comes from the ARCEP table.
 */
function machineToMachine(
  compact: string,
  digits: string,
  international: boolean,
  region: string,
): NormalizeResult | null {
  let code: string;
  let nsn: string;
  if (international) {
    const found = Object.keys(M2M_NSN).find((c) => digits.startsWith(c) && M2M_NSN[c]!.test(digits.slice(c.length)));
    if (!found) return null;
    code = found;
    nsn = digits.slice(code.length);
  } else {
    if (region !== 'FR' || !/^0(700\d{9,10}|90\d{10})$/.test(compact)) return null;
    code = overseasCallingCode(compact) ?? '33';
    // A long 090… number outside the overseas blocks is no M2M number: libphonenumber calls it too long.
    if (code === '33' && !compact.startsWith('0700')) return null;
    nsn = compact.slice(1);
    if (!M2M_NSN[code]?.test(nsn)) return fail('invalid_number', 'M2M');
  }
  return {
    ok: true,
    value: {
      number: `+${code}${nsn}`,
      isShort: false,
      country: code === '33' ? 'FR' : overseasRegion(`0${nsn}`),
      type: 'machine_to_machine',
      national: nsn,
      callingCode: code,
      allocated: true,
    },
  };
}

/**
 * Most inputs are metropolitan numbers with 9 significant digits: their E.164 form is known without
 * libphonenumber's text parser, which is most of classify()'s cost on raw input. The library still decides the
 * type and validity from its own metadata (through `frenchType`), so answers match the full parse
 * (a property test checks it).
 */
function frenchFastPath(
  compact: string,
  digits: string,
  international: boolean,
  region: string,
): NormalizeResult | null {
  let nsn: string;
  if (international) {
    if (digits.length !== 11 || !digits.startsWith('33')) return null;
    nsn = digits.slice(2);
  } else {
    if (region !== 'FR' || compact.length !== 10 || compact[0] !== '0') return null;
    if (overseasCallingCode(compact) !== null) return null;
    nsn = compact.slice(1);
  }
  if (nsn[0] === '0') return null;
  const type = frenchType(nsn);
  return {
    ok: true,
    value: {
      number: `+33${nsn}`,
      isShort: false,
      country: 'FR',
      type,
      national: nsn,
      callingCode: '33',
      // libphonenumber's isValid() is exactly "getType() is defined".
      allocated: type !== null,
    },
  };
}

function parseWith(candidate: string, region: CountryCode): NormalizeResult {
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(candidate, region);
  } catch (error) {
    const reason = error instanceof ParseError ? error.message : '';
    if (reason === 'TOO_SHORT') return fail('too_short');
    if (reason === 'TOO_LONG') return fail('too_long');
    if (reason === 'INVALID_COUNTRY') return fail('invalid_number', 'code pays / country code');
    return fail('not_a_phone_number');
  }
  // libphonenumber's isValid() is exactly "getType() is defined": one pattern pass answers both.
  const type = parsed.getType();
  const allocated = type !== undefined;
  if (!allocated && !parsed.isPossible()) {
    const length = validatePhoneNumberLength(candidate, region);
    return fail(length === 'TOO_SHORT' ? 'too_short' : length === 'TOO_LONG' ? 'too_long' : 'invalid_number');
  }
  return {
    ok: true,
    value: {
      number: parsed.number,
      isShort: false,
      country: parsed.country ?? region,
      type: type ? type.toLowerCase() : null,
      national: parsed.nationalNumber,
      callingCode: parsed.countryCallingCode,
      allocated,
    },
  };
}

/** The national form a French user reads (`01 62 12 34 56`); E.164 for other countries. */
export function formatForDisplay(n: NormalizedNumber, region = 'FR'): string {
  if (n.isShort) return n.number;
  try {
    const parsed = parsePhoneNumberWithError(n.number);
    // A +33 number whose national form starts like an overseas department's would be read back as that
    // department's (0262… → +262): show it internationally so the display names the same number.
    const national = `0${parsed.nationalNumber}`;
    const looksOverseas = overseasCallingCode(national) !== null;
    return parsed.country === region && !(region === 'FR' && looksOverseas)
      ? parsed.formatNational()
      : parsed.formatInternational();
  } catch {
    return n.number;
  }
}
