/**
 * List patterns as numbers. An E.164 number is at most 15 digits and never starts with 0 (ITU-T E.164 §6),
 * so its digits read as an integer are unique for the number and below 10^15 < 2^53: a double holds it
 * exactly. A range `+33162*` is stored as its prefix value (33162) and its digit count (5).
 */

export const MAX_DIGITS = 15;

/** 10^k for k = 0…15, exact in a double. */
export const POW10: readonly number[] = Array.from({ length: MAX_DIGITS + 1 }, (_, k) => 10 ** k);

export interface ParsedPattern {
  kind: 'exact' | 'range';
  /** The digits as an integer. */
  value: number;
  /** How many digits (1–15). */
  digits: number;
}

/**
 * `+33612345678` → exact, `+33162*` → range; null when the text is not one of those two forms
 * (no `+`, a non-digit, a leading 0, more than 15 digits, no digit at all).
 */
export function parsePattern(pattern: string): ParsedPattern | null {
  const value = patternValue(pattern);
  if (value < 0) return null;
  const isRange = pattern.charCodeAt(pattern.length - 1) === 42; /* * */
  return { kind: isRange ? 'range' : 'exact', value, digits: pattern.length - (isRange ? 2 : 1) };
}

/** The digits of a pattern as an integer, or −1 when it is not a pattern (parsePattern without allocation). */
export function patternValue(pattern: string): number {
  const isRange = pattern.charCodeAt(pattern.length - 1) === 42; /* * */
  const end = isRange ? pattern.length - 1 : pattern.length;
  const digits = end - 1;
  if (pattern.charCodeAt(0) !== 43 /* + */ || digits < 1 || digits > MAX_DIGITS) return -1;
  if (pattern.charCodeAt(1) === 48 /* 0 */) return -1;
  let value = 0;
  for (let i = 1; i < end; i++) {
    const d = pattern.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The E.164 text of an exact value (`33612345678` → `+33612345678`). */
export function exactPattern(value: number): string {
  return `+${value}`;
}

/** The pattern text of a range (`33162`, 5 → `+33162*`). */
export function rangePattern(value: number, digits: number): string {
  // A prefix never starts with 0, so its digit count is the length of its decimal form; `digits` is kept
  // in the signature so a caller cannot build a pattern whose length disagrees with the stored one.
  const text = String(value);
  return text.length === digits ? `+${text}*` : `+${text.padStart(digits, '0')}*`;
}

/** How many decimal digits an integer value has (1 for 0). */
export function digitCount(value: number): number {
  let n = 1;
  while (n < MAX_DIGITS + 1 && value >= (POW10[n] as number)) n++;
  return n;
}
