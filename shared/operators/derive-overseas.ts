/**
 * Which national prefixes belong to which calling code, derived from MAJNUM's territory column (issue 13 §3):
 * the overseas departments and Saint-Pierre-et-Miquelon share the French dialling plan but have their own calling
 * codes, and their blocks are scattered (0590…, 0690…, but also 0709 0…, 0939 5…, 0976 0…, 0700 5… for
 * machine-to-machine). A hand-made list missed half of them. `vigie operators import` writes the result to
 * shared/number/overseas-prefixes.json, beside the ARCEP table.
 */
import { decodeUtf8OrLatin1, parseDelimited } from '../text/delimited.ts';
import { ArcepFormatError } from './compile-arcep.ts';

/**
 * MAJNUM's territory names → calling code (ITU-T E.164) and ISO region. Names, not prefixes: a new territory name
 * in a newer MAJNUM stops the import with a clear error instead of being read as metropolitan.
 */
export const TERRITORIES: Readonly<Record<string, readonly [code: string, region: string]>> = {
  Métropole: ['33', 'FR'],
  // Short numbers (3646, 118 712…) and the non-geographic 08 numbers (+33): the short ones have no trunk 0 and are
  // skipped; the 08 ones count as metropolitan.
  National: ['33', 'FR'],
  'Guadeloupe, St Martin et St Barthélemy': ['590', 'GP'],
  Guyane: ['594', 'GF'],
  Martinique: ['596', 'MQ'],
  'La Réunion': ['262', 'RE'],
  // ARCEP's zone for blocks shared by La Réunion and Mayotte; libphonenumber tells them apart by number.
  'La Réunion - Océan indien': ['262', 'RE'],
  Mayotte: ['262', 'YT'],
  'Saint Pierre et Miquelon': ['508', 'PM'],
};

/**
 * A prefix is never shorter than the 0ZAB that the plan gives each department (0590, 0694…): a shorter one would
 * claim unallocated space (a pure `050` would send 0501… to Saint-Pierre).
 */
const MIN_PREFIX = 4;

export interface MajnumBlock {
  /** EZABPQM: the block as a national prefix, trunk 0 included (`0590`, `0939510`, `0700501`). */
  prefix: string;
  territory: string;
}

/**
 * The shortest prefixes (at least 0ZAB) under which every MAJNUM block belongs to one overseas territory, as
 * sorted [prefix, calling code, region] triples. Metropolitan numbers are the rest.
 */
export function deriveOverseasPrefixes(blocks: readonly MajnumBlock[]): [string, string, string][] {
  /** Every prefix (≥ MIN_PREFIX) of every block → the calling codes of the blocks under it. */
  const under = new Map<string, Set<string>>();
  /** Blocks keyed by their own prefix: a short block (`0590`) covers every longer candidate under it. */
  const exact = new Map<string, string>();
  const withCode: { prefix: string; code: string }[] = [];
  for (const { prefix, territory } of blocks) {
    if (!(territory in TERRITORIES)) {
      throw new ArcepFormatError(
        `MAJNUM : territoire inconnu « ${territory} » / unknown territory (derive-overseas.ts).`,
      );
    }
    const place = TERRITORIES[territory];
    if (!place || !prefix.startsWith('0')) continue;
    // Purity is judged on code and region together: +262 blocks of Mayotte and of La Réunion stay apart.
    const code = place.join(' ');
    withCode.push({ prefix, code });
    exact.set(prefix, code);
    for (let length = MIN_PREFIX; length <= prefix.length; length++) {
      const p = prefix.slice(0, length);
      const codes = under.get(p) ?? new Set<string>();
      codes.add(code);
      under.set(p, codes);
    }
  }
  const pure = (p: string, code: string): boolean => {
    const codes = under.get(p);
    if (codes?.size !== 1 || !codes.has(code)) return false;
    for (let k = 1; k < p.length; k++) {
      const cover = exact.get(p.slice(0, k));
      if (cover !== undefined && cover !== code) return false;
    }
    return true;
  };
  const found = new Map<string, string>();
  for (const { prefix, code } of withCode) {
    if (code === '33 FR') continue;
    for (let length = MIN_PREFIX; length <= prefix.length; length++) {
      const p = prefix.slice(0, length);
      if (pure(p, code)) {
        found.set(p, code);
        break;
      }
    }
  }
  return [...found]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([prefix, place]) => {
      const [code = '', region = ''] = place.split(' ');
      return [prefix, code, region];
    });
}

/** What `vigie operators import` writes to shared/number/overseas-prefixes.json. */
export interface OverseasPrefixesFile {
  about: string;
  dataDate: string;
  prefixes: [string, string, string][];
}

export function compileOverseasPrefixes(majnumBytes: Uint8Array): OverseasPrefixesFile {
  const rows = parseDelimited(decodeUtf8OrLatin1(majnumBytes), ';').slice(1);
  let dataDate = '';
  const blocks = rows.map(({ fields }) => {
    const iso = (fields[5] ?? '').trim().replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1');
    if (iso > dataDate) dataDate = iso;
    return { prefix: (fields[0] ?? '').trim(), territory: (fields[4] ?? '').trim() };
  });
  return {
    about:
      'National prefixes (trunk 0 included) of the overseas territories on the French plan, with their calling code and region. Derived from ARCEP MAJNUM territory column by `vigie operators import` (shared/operators/derive-overseas.ts); do not edit by hand.',
    dataDate,
    prefixes: deriveOverseasPrefixes(blocks),
  };
}
