/**
 * Crowd range entries for neighbouring numbers (issue 13 §2): the service publishes a block when enough numbers
 * of it are listed — the ten that share all but the last digit (/10) or the hundred that share all but the last
 * two (/100). This module recognises such a pattern and writes the block as a person reads it.
 */
/** Calling codes whose numbers have a 9-digit national significant number written after a trunk 0. */
const NINE_DIGIT_PLANS = ['33', '590', '594', '596', '262'];

/**
 * `+3312345678*` → `01 23 45 67 8x`; `+331234567*` → `01 23 45 67 xx`. Null when the pattern is not a /10 or /100
 * block of a number in the French plan (a hand-built `+33162*` prefix stays a plain prefix).
 */
export function neighbourBlockLabel(pattern: string): string | null {
  if (!pattern.startsWith('+') || !pattern.endsWith('*')) return null;
  const digits = pattern.slice(1, -1);
  const code = NINE_DIGIT_PLANS.find((c) => digits.startsWith(c));
  if (!code) return null;
  const nsn = digits.slice(code.length);
  const missing = 9 - nsn.length;
  if (missing !== 1 && missing !== 2) return null;
  const national = `0${nsn}${'x'.repeat(missing)}`;
  return (national.match(/.{2}/g) ?? []).join(' ');
}
