/**
 * Which calls belong to the same professional. D.223-9 counts calls by "le même professionnel", whatever number
 * it calls from, so calls are grouped by company name, compared without case, accents or extra spaces.
 * A call with no company name is grouped with calls from the same number; a masked call with no company stands
 * alone (nothing ties it to anyone).
 */
import { readCallerNumber } from './caller-id-ranges.ts';

export function companyKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s\-_.'’]+/g, ' ')
    .trim();
}

/** The group a call is judged in: its company, else its number, else itself. */
export function groupKeyOfCall(call: { company: string; number: string; masked: boolean; row: number }): string {
  const key = companyKey(call.company);
  if (key) return `company:${key}`;
  const n = call.masked ? null : readCallerNumber(call.number);
  if (n) return `number:${n.kind === 'national' ? n.national : n.digits}`;
  return `row:${call.row}`;
}
