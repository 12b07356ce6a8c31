import type { ReportRow } from '../reports/report-row.ts';

export interface ParsedImport {
  rows: ReportRow[];
  /** Rows refused, with the line and why (at most a few kept; `rejected` counts all). */
  problems: string[];
  rejected: number;
}

export function collectProblem(result: ParsedImport, line: number, message: string): void {
  result.rejected++;
  if (result.problems.length < 20) result.problems.push(`line ${line}: ${message}`);
}
