/**
 * The overseas departments and Saint-Pierre-et-Miquelon share the French dialling plan but have their own calling
 * codes. Which national prefixes (trunk 0 included) are theirs is derived from MAJNUM's territory column by
 * `vigie operators import` (shared/operators/derive-overseas.ts) into overseas-prefixes.json, not written by hand:
 * besides 0590/0690… their blocks include 0709 0…, 0939 5…, 0947 5…, 0976 0… and the 13-digit 0700 5… M2M blocks.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import data from './overseas-prefixes.json' with { type: 'json' };

const TRIPLES = data.prefixes as [prefix: string, code: string, region: string][];
const PREFIXES = new Map<string, string>(TRIPLES.map(([prefix, code]) => [prefix, code]));
const REGIONS = new Map<string, string>(TRIPLES.map(([prefix, , region]) => [prefix, region]));
/** The 4-character heads of every prefix: most numbers are decided by one Set look-up. */
const HEADS = new Set([...PREFIXES.keys()].map((p) => p.slice(0, 4)));
const LONGEST = Math.max(...[...PREFIXES.keys()].map((p) => p.length));

/** The calling code of a French national-form number (`0590…`, `0939 51…`) when it is overseas, else null. */
export function overseasCallingCode(national: string): string | null {
  const prefix = overseasPrefix(national);
  return prefix === null ? null : (PREFIXES.get(prefix) ?? null);
}

/** The ISO region MAJNUM gives the block (`GP`, `YT`…), for numbers libphonenumber does not know (M2M). */
export function overseasRegion(national: string): string | null {
  const prefix = overseasPrefix(national);
  return prefix === null ? null : (REGIONS.get(prefix) ?? null);
}

function overseasPrefix(national: string): string | null {
  if (national.length < 4 || !HEADS.has(national.slice(0, 4))) return null;
  for (let length = 4; length <= Math.min(LONGEST, national.length); length++) {
    const prefix = national.slice(0, length);
    if (PREFIXES.has(prefix)) return prefix;
  }
  return null;
}

/**
 * E.164 of an overseas national-form number: the trunk 0 gives way to the calling code (0590 12 34 56 →
 * +590 590 12 34 56). Saint-Pierre-et-Miquelon's six-digit numbers appear in the French plan as 05 08 XX XX XX
 * (MAJNUM blocks 0508…): there the 508 is the calling code itself, so 0508 41 12 34 is +508 41 12 34.
 */
export function overseasE164(national: string, code: string): string {
  const nsn = national.slice(1);
  if (code === '508' && nsn.length === 9 && nsn.startsWith('508')) return `+508${nsn.slice(3)}`;
  return `+${code}${nsn}`;
}

/** `0508410000` for +508 41 00 00: the inverse of overseasE164 for Saint-Pierre's six-digit numbers. */
export function frenchPlanNational(callingCode: string, nsn: string): string {
  return callingCode === '508' && nsn.length === 6 ? `0508${nsn}` : `0${nsn}`;
}

/** [prefix, region] pairs, for callers that parse with a region (find-in-text). */
export const OVERSEAS_NATIONAL_PREFIXES: ReadonlyArray<readonly [prefix: string, region: CountryCode]> = TRIPLES.map(
  ([prefix, , region]) => [prefix, region as CountryCode] as const,
);

/** Calling codes of France and the overseas departments that use the French numbering plan. */
export const FRENCH_PLAN_CALLING_CODES = new Set(['33', '590', '594', '596', '262']);

/** Calling codes where a French caller ID is at home (the overseas collectivities with their own plans too). */
export const FRENCH_FAMILY_CALLING_CODES = new Set(['33', '590', '594', '596', '262', '508', '687', '689', '681']);
