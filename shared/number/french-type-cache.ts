// The core build with explicit metadata: `libphonenumber-js/max`'s PhoneNumber binds its metadata only in the
// ES module build, and the CommonJS one (picked by some loaders) throws "`metadata` argument not passed".
import { PhoneNumber } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';

/**
 * libphonenumber's `getType()` compiles a RegExp per type on every call (≈2 µs), which made classify() twice
 * as slow as bare parsing. In the French plan a 9-digit number's type depends only on its first digits (the
 * metadata's FR patterns end in `\d{4}` or longer free tails, the deepest prefix being 5 digits, e.g.
 * `836(?:0[0-36-9]|[1-9]\d)\d{4}`), so the answer is cached per 5-digit prefix. Guard: a prefix is cached only
 * when the library gives the same type for all ten values of the 6th digit and for both extreme tails; any
 * prefix where the tail matters is never cached and always asks the library. A property test compares this
 * with the full parse.
 */
const UNCACHEABLE = '!';
const cache = new Map<string, string>();

/** Lower-case type (`mobile`, `fixed_line`…) or null for a +33 national significant number of 9 digits. */
export function frenchType(nsn: string): string | null {
  const prefix = nsn.slice(0, 5);
  const cached = cache.get(prefix);
  if (cached !== undefined && cached !== UNCACHEABLE) return cached === '' ? null : cached;
  const type = typeOf(nsn);
  if (cached === undefined) cache.set(prefix, tailIsFree(prefix, type) ? type : UNCACHEABLE);
  return type === '' ? null : type;
}

function typeOf(nsn: string): string {
  return new PhoneNumber(`+33${nsn}`, metadata).getType()?.toLowerCase() ?? '';
}

function tailIsFree(prefix: string, type: string): boolean {
  for (let d = 0; d <= 9; d++) {
    if (typeOf(`${prefix}${d}000`) !== type || typeOf(`${prefix}${d}999`) !== type) return false;
  }
  return true;
}
