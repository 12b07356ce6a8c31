/** Builders for law tests: calls written as Paris wall-clock times, as a user would log them. */
import { parseCallTime } from '../../shared/diary/call-time.ts';
import { checkCalls } from '../../shared/law/engine.ts';
import { FRENCH_LAW_AND_CHARTERS_POLICY } from '../../shared/law/policies.ts';
import type { CallRecord, Finding } from '../../shared/law/types.ts';

export const PARIS = 'Europe/Paris';

export function at(local: string, timeZone = PARIS): number {
  const r = parseCallTime(local, timeZone);
  if (!r.ok) throw new Error(r.messageEn);
  return r.time;
}

let nextRow = 0;

export function call(local: string, extra: Partial<CallRecord> = {}, timeZone = PARIS): CallRecord {
  return {
    row: nextRow++,
    time: at(local, timeZone),
    number: '0162000000',
    company: 'Acme',
    answered: false,
    refused: false,
    consent: false,
    customer: false,
    masked: false,
    ...extra,
  };
}

/** Calls with rows 0..n-1 in the given order. */
export function calls(list: Array<[string, Partial<CallRecord>?]>, timeZone = PARIS): CallRecord[] {
  return list.map(([local, extra], row) => ({ ...call(local, extra, timeZone), row }));
}

export function findingsOf(cs: CallRecord[], rule: string, timeZone = PARIS): Finding[] {
  return checkCalls(cs, { timeZone, policy: FRENCH_LAW_AND_CHARTERS_POLICY }).filter((f) => f.rule === rule);
}

/** Rows (data rows from 0) that broke `rule`. */
export function rowsBreaking(cs: CallRecord[], rule: string, timeZone = PARIS): number[] {
  return findingsOf(cs, rule, timeZone).map((f) => f.row);
}

/** Does a single call break `rule`? */
export function breaks(local: string, rule: string, extra: Partial<CallRecord> = {}, timeZone = PARIS): boolean {
  return rowsBreaking([{ ...call(local, extra, timeZone), row: 0 }], rule, timeZone).length > 0;
}
