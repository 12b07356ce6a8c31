/**
 * The report CSV (one row per report): `number,category,reported_at,reporter,comment,company,region`, with a
 * header line; only `number` is required. Comma-separated, quoted per RFC 4180 (a field in double quotes may
 * hold commas, line breaks and doubled quotes `""`). Pure: the CLI's `list build` and the service's import
 * both use it. Bad rows are reported with their line number and skipped; nothing here throws on bad input.
 */
import { CATEGORIES, type Category } from '../verdict.ts';

export const REPORT_COLUMNS = [
  'number',
  'category',
  'reported_at',
  'reporter',
  'comment',
  'company',
  'region',
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** A problem with one line (1-based, the line where the record starts), in French and English. */
export interface CsvLineError {
  line: number;
  message: string;
  messageEn: string;
}

export interface CsvRecord {
  /** Line (1-based) where the record starts. */
  line: number;
  fields: string[];
}

/** Splits RFC 4180 text into records; a record may span lines inside quotes. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; errors: CsvLineError[] } {
  const records: CsvRecord[] = [];
  const errors: CsvLineError[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM from spreadsheet exports
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let broken: string | null = null;
    for (;;) {
      if (src[i] === '"') {
        // Quoted field: runs to the next lone quote.
        i++;
        for (;;) {
          if (i >= src.length) {
            broken = 'guillemet non refermé / unclosed quote';
            break;
          }
          const c = src[i] as string;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!broken && i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r')
          broken = 'texte après un champ entre guillemets / text after a quoted field';
      }
      // Unquoted part (or what follows a broken quoted field) up to the next comma or line end.
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        if (src[i] === '"' && !broken) broken = 'guillemet au milieu d’un champ / quote inside an unquoted field';
        field += src[i];
        i++;
      }
      fields.push(field);
      field = '';
      if (src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    line++;
    if (broken) {
      const [fr, en] = broken.split(' / ') as [string, string];
      errors.push({ line: startLine, message: fr, messageEn: en });
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    records.push({ line: startLine, fields });
  }
  return { records, errors };
}

export interface ReportRow {
  line: number;
  /** As written; normalise it before use. */
  number: string;
  category: Category | null;
  /** Day of the report (days since 1970-01-01, UTC), or null when the column is empty or absent. */
  reportedDay: number | null;
  reporter: string | null;
  comment: string | null;
  company: string | null;
  region: string | null;
}

const DAY_MS = 86_400_000;
const CATEGORY_SET = new Set<string>(CATEGORIES);

/** Parses a report CSV into rows; a row with a bad value is skipped with an error naming its line. */
export function parseReportCsv(text: string): { rows: ReportRow[]; errors: CsvLineError[] } {
  const { records, errors } = parseCsvRecords(text);
  const rows: ReportRow[] = [];
  const header = records.shift();
  if (!header) {
    errors.push({
      line: 1,
      message: 'fichier vide : en-tête attendu',
      messageEn: 'empty file: a header line is expected',
    });
    return { rows, errors };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = new Map<string, number>();
  names.forEach((name, i) => {
    if (!column.has(name)) column.set(name, i);
  });
  if (!column.has('number')) {
    errors.push({
      line: header.line,
      message: `colonne « number » absente de l’en-tête (${names.join(',')})`,
      messageEn: `no "number" column in the header (${names.join(',')})`,
    });
    return { rows, errors };
  }
  const unknown = names.filter((n) => !(REPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    errors.push({
      line: header.line,
      message: `colonnes ignorées : ${unknown.join(', ')}`,
      messageEn: `columns ignored: ${unknown.join(', ')}`,
    });
  }
  const get = (fields: string[], name: ReportColumn): string | null => {
    const at = column.get(name);
    const value = at === undefined ? undefined : fields[at]?.trim();
    return value ? value : null;
  };
  for (const record of records) {
    const { line, fields } = record;
    if (fields.length !== names.length) {
      errors.push({
        line,
        message: `${fields.length} champs au lieu de ${names.length}`,
        messageEn: `${fields.length} fields instead of ${names.length}`,
      });
      continue;
    }
    const number = get(fields, 'number');
    if (!number) {
      errors.push({ line, message: 'numéro vide', messageEn: 'empty number' });
      continue;
    }
    const category = get(fields, 'category');
    if (category !== null && !CATEGORY_SET.has(category)) {
      errors.push({
        line,
        message: `catégorie inconnue « ${category} » (attendu : ${CATEGORIES.join(', ')})`,
        messageEn: `unknown category "${category}" (expected: ${CATEGORIES.join(', ')})`,
      });
      continue;
    }
    const reportedAt = get(fields, 'reported_at');
    let reportedDay: number | null = null;
    if (reportedAt !== null) {
      const ms = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(reportedAt)
        ? Date.parse(reportedAt)
        : Number.NaN;
      if (!Number.isFinite(ms) || ms < 0) {
        errors.push({
          line,
          message: `date invalide « ${reportedAt} » (attendu AAAA-MM-JJ ou ISO 8601)`,
          messageEn: `invalid date "${reportedAt}" (expected YYYY-MM-DD or ISO 8601)`,
        });
        continue;
      }
      reportedDay = Math.floor(ms / DAY_MS);
    }
    rows.push({
      line,
      number,
      category: category as Category | null,
      reportedDay,
      reporter: get(fields, 'reporter'),
      comment: get(fields, 'comment'),
      company: get(fields, 'company'),
      region: get(fields, 'region'),
    });
  }
  return { rows, errors };
}
