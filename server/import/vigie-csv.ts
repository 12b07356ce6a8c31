import * as v from 'valibot';
import { ReporterSchema } from '../../shared/api/schemas.ts';
import { REPORT_COLUMNS } from '../../shared/list/report-csv.ts';
import { normalize } from '../../shared/number/normalize.ts';
import { CATEGORIES, type Category } from '../../shared/verdict.ts';
import { csvObjects } from './csv-records.ts';
import { collectProblem, type ParsedImport } from './import-result.ts';
import { reporterFromText, uuidFromText } from './synthetic-ids.ts';

/** Our report CSV (docs/api.md): the core's columns (`shared/list/report-csv.ts`), in this order, with a header row. */
export const VIGIE_CSV_COLUMNS = REPORT_COLUMNS;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Parses our CSV: `number` (any format, read in `region`, FR by default), `category` (one of the ten), `reported_at`
 * (ISO 8601 date or date-time, UTC when no offset), `reporter` (optional, 22–64 base64url), `comment` (≤ 500),
 * `company` (≤ 120), `region` (ISO alpha-2, optional). A row without reporter gets one derived from its content,
 * so each such row counts as one independent complaint (docs/crowd-model.md).
 */
export function parseVigieCsv(text: string): ParsedImport {
  const result: ParsedImport = { rows: [], problems: [], rejected: 0 };
  for (const { line, row } of csvObjects(text)) {
    const values = VIGIE_CSV_COLUMNS.map((c) => (row[c] ?? '').trim());
    const [rawNumber, category, reportedAt, reporter, comment, company, region] = values as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (region !== '' && !/^[A-Z]{2}$/.test(region)) {
      collectProblem(result, line, 'region must be an ISO 3166 alpha-2 code (FR, US…)');
      continue;
    }
    const normalized = normalize(rawNumber, region || 'FR');
    if (!normalized.ok) {
      collectProblem(result, line, `number: ${normalized.error.messageEn}`);
      continue;
    }
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      collectProblem(result, line, `category "${category.slice(0, 30)}" is not one of ${CATEGORIES.join(', ')}`);
      continue;
    }
    const at = parseIsoDate(reportedAt);
    if (at === null) {
      collectProblem(result, line, 'reported_at must be an ISO 8601 date (2026-03-01 or 2026-03-01T09:30:00Z)');
      continue;
    }
    if (reporter !== '' && !v.is(ReporterSchema, reporter)) {
      collectProblem(result, line, 'reporter must be 22 to 64 base64url characters');
      continue;
    }
    if (comment.length > 500 || CONTROL.test(comment)) {
      collectProblem(result, line, 'comment must be plain text of at most 500 characters');
      continue;
    }
    if (company.length > 120 || CONTROL.test(company)) {
      collectProblem(result, line, 'company must be plain text of at most 120 characters');
      continue;
    }
    const identity = values.join('\u001f');
    result.rows.push({
      id: uuidFromText(`vigie-csv:${identity}`),
      number: normalized.value.number,
      reporter: reporter || reporterFromText(`vigie-csv-row:${identity}`),
      category: category as Category,
      comment: comment || null,
      company: company || null,
      region: region || normalized.value.country,
      calledAt: null,
      reportedAt: at,
      source: 'import:vigie',
      demo: false,
      addrHash: null,
    });
  }
  return result;
}

function parseIsoDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  const withZone = /T|\s/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
