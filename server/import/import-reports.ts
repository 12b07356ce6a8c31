import type { Queryable } from '../db/database.ts';
import { insertReports } from '../reports/report-store.ts';
import { csvHeader } from './csv-records.ts';
import { FTC_COLUMNS, parseFtcDnc } from './ftc-dnc.ts';
import type { ParsedImport } from './import-result.ts';
import { parseVigieCsv } from './vigie-csv.ts';

export type ImportFormat = 'vigie' | 'ftc';

export interface ImportSummary {
  format: ImportFormat;
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  problems: string[];
}

/** The format from the header row: FTC's column names, else ours. */
export function detectFormat(text: string): ImportFormat {
  const header = csvHeader(text);
  return FTC_COLUMNS.every((c) => header.includes(c)) ? 'ftc' : 'vigie';
}

export function parseImport(text: string, format: ImportFormat): ParsedImport {
  return format === 'ftc' ? parseFtcDnc(text) : parseVigieCsv(text);
}

/** Parses and stores; a row already imported (same content, same id) is counted as a duplicate. */
export async function importReports(db: Queryable, text: string, format = detectFormat(text)): Promise<ImportSummary> {
  const parsed = parseImport(text, format);
  const inserted = await insertReports(db, parsed.rows);
  return {
    format,
    read: parsed.rows.length + parsed.rejected,
    imported: inserted.size,
    duplicates: parsed.rows.length - inserted.size,
    rejected: parsed.rejected,
    problems: parsed.problems,
  };
}
