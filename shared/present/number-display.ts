/**
 * A number as people write it. French numbers (metropolitan and the overseas departments that share the French
 * plan) in national form, the way they are dialled from France and printed on every bill: `01 62 12 34 56`,
 * `06 12 34 56 78`, `0590 12 34 56`. Anything else in international form: `+32 2 123 45 67`.
 *
 * No libphonenumber here on purpose: the PWA shell shows numbers before its lazy engine chunk (which carries
 * the metadata) is loaded, and its budget is 100 KB gzip. E.164 stays the value in data attributes and storage;
 * this is for reading only and is never parsed back.
 */

/** Overseas departments on the French plan: +590 590 12 34 56 is dialled 0590 12 34 56 from France (ARCEP). */
const OVERSEAS_DEPARTMENT_CODES = ['590', '594', '596', '262'];

/**
 * Calling codes of one and two digits (ITU-T E.164 assigned codes, "List of ITU-T Recommendation E.164 assigned
 * country codes", 2023); every other code has three digits.
 */
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** `+33162123456` → `01 62 12 34 56`; a short code (`3179`) or anything unreadable comes back as given. */
export function displayNumber(number: string): string {
  const trimmed = number.trim();
  if (!/^\+\d{4,15}$/.test(trimmed)) return trimmed;
  const digits = trimmed.slice(1);
  if (digits.startsWith('33') && digits.length === 11) return pairs(`0${digits.slice(2)}`);
  for (const code of OVERSEAS_DEPARTMENT_CODES) {
    if (digits.startsWith(code) && digits.length === 12) {
      const national = `0${digits.slice(3)}`;
      return `${national.slice(0, 4)} ${pairs(national.slice(4))}`;
    }
  }
  const code = callingCode(digits);
  return `+${code} ${groupNational(code, digits.slice(code.length))}`;
}

function callingCode(digits: string): string {
  if (ONE_DIGIT_CODES.has(digits.slice(0, 1))) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/** "0162123456" → "01 62 12 34 56"; an odd length keeps its extra digit in front. */
function pairs(digits: string): string {
  const groups: string[] = [];
  let end = digits.length;
  while (end > 0) {
    const start = Math.max(0, end - 2);
    groups.unshift(digits.slice(start, end));
    end = start;
  }
  return groups.join(' ');
}

/**
 * The national part of a foreign number, grouped as that country prints it for the neighbours French users hear
 * from most (grouping from the national plans as libphonenumber's metadata records them); else in groups of
 * three, which reads better than one block of digits and claims nothing about area codes.
 */
function groupNational(code: string, national: string): string {
  switch (code) {
    case '1':
      // North American plan: +1 212-555-0100.
      if (national.length === 10) return `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
      break;
    case '32':
      // Belgium: Brussels, Antwerp, Liège, Ghent have one-digit areas (2, 3, 4, 9); mobiles are 4xx xx xx xx.
      if (national.length === 9) return `${national.slice(0, 3)} ${pairs(national.slice(3))}`;
      if (national.length === 8 && /^[2349]/.test(national)) {
        return `${national[0]} ${national.slice(1, 4)} ${pairs(national.slice(4))}`;
      }
      if (national.length === 8) return pairs(national);
      break;
    case '41':
      // Switzerland: 22 123 45 67.
      if (national.length === 9) return `${national.slice(0, 2)} ${national.slice(2, 5)} ${pairs(national.slice(5))}`;
      break;
    case '377':
      // Monaco: 93 15 00 00.
      if (national.length === 8) return pairs(national);
      break;
  }
  return threes(national);
}

function threes(digits: string): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  // A lone last digit reads badly: give it its neighbour ("123 456 7" → "123 45 67").
  const last = groups.at(-1);
  const before = groups.at(-2);
  if (last?.length === 1 && before) {
    groups.splice(-2, 2, before.slice(0, 2), `${before.slice(2)}${last}`);
  }
  return groups.join(' ');
}

/**
 * A personal-list pattern as people write it: a number as above, a prefix (`+33162*`) as its first digits in
 * national form followed by "…" ("01 62…").
 */
export function displayPattern(pattern: string): string {
  if (!pattern.endsWith('*')) return displayNumber(pattern);
  const digits = pattern.slice(0, -1);
  // Pairs from the left: a prefix is the start of a number ("09 48 1…").
  if (digits.startsWith('+33')) return `${(`0${digits.slice(3)}`.match(/\d{1,2}/g) ?? []).join(' ')}…`;
  return `${digits}…`;
}
