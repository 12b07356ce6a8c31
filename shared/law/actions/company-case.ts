/** The input every action generator takes: one company's calls and the findings the engine gave them. */
import type { CallRecord, Finding } from '../types.ts';

export interface CompanyCase {
  /** Company name as shown ('' when unknown). */
  company: string;
  /** This company's calls, any order. */
  calls: CallRecord[];
  /** Findings of these calls (matched by `row`). */
  findings: Finding[];
  /** The consumer's time zone. */
  timeZone: string;
}

export function callsInTimeOrder(c: CompanyCase): CallRecord[] {
  return [...c.calls].sort((a, b) => a.time - b.time);
}

export function callOfRow(c: CompanyCase, row: number): CallRecord | undefined {
  return c.calls.find((x) => x.row === row);
}
