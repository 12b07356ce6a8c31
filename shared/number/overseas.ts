import type { CountryCode } from 'libphonenumber-js/max';

/**
 * National prefixes (as a French caller types them, trunk 0 included) of the overseas departments, which
 * share the French dialling plan but have their own calling codes. libphonenumber's FR metadata accepts some
 * of these (0269…, 0596…) as metropolitan numbers, so the prefix decides before parsing.
 * Source: ARCEP MAJNUM territories; libphonenumber-js 1.13 metadata for GP/MQ/GF/RE/YT (research/french-rules.md §5–6).
 * The overseas automated-call blocks 09475–09479 are left under +33: ARCEP allocates them in the 09 plan and
 * the rules match them under every code (french-rules.md §1.3).
 */
export const OVERSEAS_NATIONAL_PREFIXES: ReadonlyArray<readonly [prefix: string, region: CountryCode]> = [
  ['0590', 'GP'],
  ['0690', 'GP'],
  ['0691', 'GP'],
  ['0594', 'GF'],
  ['0694', 'GF'],
  ['0596', 'MQ'],
  ['0696', 'MQ'],
  ['0697', 'MQ'],
  ['0262', 'RE'],
  ['0263', 'RE'],
  ['0692', 'RE'],
  ['0693', 'RE'],
  ['0269', 'YT'],
  ['0639', 'YT'],
];

/** Calling codes of France and the overseas departments that use the French numbering plan. */
export const FRENCH_PLAN_CALLING_CODES = new Set(['33', '590', '594', '596', '262']);

/** Calling codes where a French caller ID is at home (the overseas collectivities with their own plans too). */
export const FRENCH_FAMILY_CALLING_CODES = new Set(['33', '590', '594', '596', '262', '508', '687', '689', '681']);
