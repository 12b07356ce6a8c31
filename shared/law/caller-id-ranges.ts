/**
 * The caller-ID ranges the law rules need. The range facts come from the core's number rules
 * (`shared/rules/npv-prefix.ts`, `shared/number/short-codes.ts`); this module only reads a diary's number
 * without libphonenumber (a diary check must not need the 150 KB metadata) and asks those questions.
 *
 * Sources (research/french-rules.md §0, §1.2, §1.5, §5):
 * - NPV, ARCEP décision n° 2022-1583: 0162 0163 0270 0271 0377 0378 0424 0425 0568 0569 0948 0949, and the
 *   overseas blocks 09475–09479. Automated calls must show an NPV, an 08 number other than 089, or 30PQ/31PQ.
 * - Arrêté du 5 juillet 2016: 089, 3BPQ other than 30PQ/31PQ and 118XYZ may never be shown as caller ID.
 * - ARCEP: 06/07 are reserved for person-to-person calls.
 */

import { classifyShortCode } from '../number/short-codes.ts';
import { isNpvNational } from '../rules/npv-prefix.ts';

export type CallerNumber =
  | { kind: 'national' /** `0` + 9 digits */; national: string }
  | { kind: 'short'; digits: string }
  | { kind: 'other'; digits: string };

/** Country codes that share the French 10-digit national plan (metropole and the DROM). */
const FRENCH_PLAN_CODES = ['33', '590', '594', '596', '262'];

/** Reads `+33 1 62…`, `0033162…`, `01.62…`, `3179`, `118712`. Returns null for an empty or unreadable number. */
export function readCallerNumber(raw: string): CallerNumber | null {
  const cleaned = raw.replace(/[\s.\-()/]/g, '');
  if (cleaned === '') return null;
  let digits = cleaned;
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (/^0\d{9}$/.test(digits)) return { kind: 'national', national: digits };
  else if (/^\d{2,6}$/.test(digits)) return { kind: 'short', digits };
  if (!/^\d+$/.test(digits)) return null;
  if (cleaned.startsWith('+') || cleaned.startsWith('00')) {
    for (const cc of FRENCH_PLAN_CODES) {
      const rest = digits.slice(cc.length);
      if (digits.startsWith(cc) && /^[1-9]\d{8}$/.test(rest)) return { kind: 'national', national: `0${rest}` };
    }
  }
  return { kind: 'other', digits };
}

/** 089x premium, 118XYZ directory or a surcharged 3BPQ (not 30PQ/31PQ): never allowed as caller ID. */
export function isForbiddenCallerId(n: CallerNumber): boolean {
  if (n.kind === 'national') return n.national.startsWith('089');
  if (n.kind === 'short') {
    const kind = classifyShortCode(n.digits);
    return kind === 'directory' || kind === 'other_3bpq';
  }
  return false;
}

/** 06 or 07: a mobile number, reserved for person-to-person calls. */
export function isMobileNumber(n: CallerNumber): boolean {
  return n.kind === 'national' && /^0[67]/.test(n.national);
}

/** The national form `0XXXXXXXXX` seen under +33 (the overseas NPV blocks are matched under every French-plan code). */
export function isNpv(n: CallerNumber): boolean {
  return n.kind === 'national' && isNpvNational('33', n.national.slice(1));
}

/** What an automated system may show since 1 January 2023: an NPV, an 08 other than 089, or 30PQ/31PQ. */
export function isRegulatedAutomatedCallerId(n: CallerNumber): boolean {
  if (isNpv(n)) return true;
  if (n.kind === 'national') return n.national.startsWith('08') && !n.national.startsWith('089');
  if (n.kind === 'short') return classifyShortCode(n.digits) === 'free_3bpq';
  return false;
}

/** `0X XX XX XX XX` for a national number, the digits otherwise. */
export function displayCallerNumber(raw: string): string {
  const n = readCallerNumber(raw);
  if (!n) return raw;
  if (n.kind === 'national') return n.national.replace(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4 $5');
  return raw.trim();
}
