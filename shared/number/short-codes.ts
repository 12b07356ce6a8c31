/**
 * French short numbers, kept as dialled (they have no E.164 form). Ranges from the national numbering plan
 * (ARCEP décision n° 2018-0881 as amended by n° 2022-1583, annexe §2.3) — see research/french-rules.md §5.
 */
export type ShortCodeKind =
  | 'emergency' // 15, 17, 18, 112, 114, 115, 119, 191, 196, 197
  | 'eu_harmonised' // 116XYZ: European harmonised services of social value (116000 missing children…)
  | 'free_3bpq' // 30PQ and 31PQ: free short numbers, the only 3BPQ allowed as a caller ID
  | 'other_3bpq' // 32PQ–39PQ: may carry a surcharge; never a lawful caller ID (arrêté du 5 juillet 2016)
  | 'directory' // 118XYZ directory enquiries: surcharged; never a lawful caller ID
  | 'operator_service'; // 10XY: operators' customer services

const EMERGENCY = new Set(['15', '17', '18', '112', '114', '115', '119', '191', '196', '197']);

export function classifyShortCode(digits: string): ShortCodeKind | null {
  if (EMERGENCY.has(digits)) return 'emergency';
  if (/^116\d{3}$/.test(digits)) return 'eu_harmonised';
  if (/^118\d{3}$/.test(digits)) return 'directory';
  if (/^3[01]\d{2}$/.test(digits)) return 'free_3bpq';
  if (/^3[2-9]\d{2}$/.test(digits)) return 'other_3bpq';
  if (/^10\d{2}$/.test(digits)) return 'operator_service';
  return null;
}
