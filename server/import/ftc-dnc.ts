import { normalize } from '../../shared/number/normalize.ts';
import { csvObjects } from './csv-records.ts';
import { collectProblem, type ParsedImport } from './import-result.ts';
import { reporterFromText, uuidFromText } from './synthetic-ids.ts';

/**
 * The US FTC Do-Not-Call complaint export (https://www.ftc.gov/policy-notices/open-government/data-sets/do-not-call-data):
 * one row per consumer complaint. PhoneBlock seeds its US list the same way (haumacher/phoneblock#273).
 * Mapping: Company_Phone_Number (10 digits) → +1 E.164, region US; Recorded_Message_Or_Robocall = Y → robocall,
 * else telemarketing; Subject → comment; Created_Date → the report's time (what decays).
 */
export const FTC_COLUMNS = [
  'Company_Phone_Number',
  'Created_Date',
  'Violation_Date',
  'Consumer_City',
  'Consumer_State',
  'Consumer_Area_Code',
  'Subject',
  'Recorded_Message_Or_Robocall',
] as const;

export function parseFtcDnc(text: string): ParsedImport {
  const result: ParsedImport = { rows: [], problems: [], rejected: 0 };
  for (const { line, row } of csvObjects(text)) {
    const raw = (row.Company_Phone_Number ?? '').trim();
    const normalized = normalize(raw, 'US');
    if (!normalized.ok || !normalized.value.number.startsWith('+1')) {
      collectProblem(result, line, `Company_Phone_Number "${raw.slice(0, 30)}" is not a US number`);
      continue;
    }
    const created = parseFtcDate(row.Created_Date ?? '');
    if (created === null) {
      collectProblem(result, line, `Created_Date "${(row.Created_Date ?? '').slice(0, 30)}" is not a date`);
      continue;
    }
    const violation = parseFtcDate(row.Violation_Date ?? '');
    const robocall = /^(y|yes|true|1)$/i.test((row.Recorded_Message_Or_Robocall ?? '').trim());
    // The complaint's identity: the same row imported twice is the same report from the same complainant.
    const identity = FTC_COLUMNS.map((c) => (row[c] ?? '').trim()).join('\u001f');
    const subject = (row.Subject ?? '').trim().slice(0, 500);
    result.rows.push({
      id: uuidFromText(`ftc-report:${identity}`),
      number: normalized.value.number,
      reporter: reporterFromText(`ftc-complainant:${identity}`),
      category: robocall ? 'robocall' : 'telemarketing',
      comment: subject === '' ? null : subject,
      company: null,
      region: 'US',
      calledAt: violation,
      reportedAt: created,
      source: 'import:ftc',
      demo: false,
      addrHash: null,
    });
  }
  return result;
}

/** FTC dates look like `2024-03-05 14:22:01` (sometimes `03/05/2024 14:22`); read as UTC. */
function parseFtcDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (m) return isoOf(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(t);
  if (m) return isoOf(+m[3]!, +m[1]!, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return null;
}

function isoOf(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date.toISOString();
}
