/**
 * The diary CSV: the export format and the input of `vigie diary check` (a contract, issue 6).
 * Header: `time,number,company,answered,refused,consent,customer,masked`, optionally followed by
 * `silent,automated,notes` (the diary writes them; the checker accepts files without them). Unknown extra columns
 * after the eight are ignored. Flags are yes/no (oui/non, true/false, 1/0 accepted too).
 * A bad file is rejected whole, with every bad line named: evidence built from half a file would mislead.
 */
import { readCallerNumber } from '../law/caller-id-ranges.ts';
import type { CallRecord } from '../law/types.ts';
import { formatLocalIso } from '../law/zoned-time.ts';
import { neutralizeFormulaCell, restoreFormulaCell } from '../text/spreadsheet-safe.ts';
import { parseCallTime } from './call-time.ts';
import { CsvSyntaxError, csvField, parseCsvRecords } from './csv-records.ts';
import type { DiaryEntry } from './diary-entry.ts';

export const CONTRACT_COLUMNS = [
  'time',
  'number',
  'company',
  'answered',
  'refused',
  'consent',
  'customer',
  'masked',
] as const;
export const OPTIONAL_COLUMNS = ['silent', 'automated', 'notes'] as const;
export const EXPORT_HEADER = [...CONTRACT_COLUMNS, ...OPTIONAL_COLUMNS].join(',');

export interface CsvLineError {
  /** 1-based line of the file. */
  line: number;
  message: string;
  messageEn: string;
}

export type DiaryCsvResult = { ok: true; calls: CallRecord[] } | { ok: false; errors: CsvLineError[] };

const YES = new Set(['yes', 'y', 'oui', 'o', 'true', '1']);
const NO = new Set(['no', 'n', 'non', 'false', '0']);

function readFlag(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

export function parseDiaryCsv(text: string, options: { timeZone: string }): DiaryCsvResult {
  let records: ReturnType<typeof parseCsvRecords>;
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return {
        ok: false,
        errors: [
          {
            line: error.line,
            message: `CSV mal formé : ${error.message}`,
            messageEn: `malformed CSV: ${error.message}`,
          },
        ],
      };
    }
    throw error;
  }
  const header = records[0];
  if (!header) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message: `fichier vide : l'en-tête ${CONTRACT_COLUMNS.join(',')} manque`,
          messageEn: `empty file: the header ${CONTRACT_COLUMNS.join(',')} is missing`,
        },
      ],
    };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const contractOk = CONTRACT_COLUMNS.every((c, i) => names[i] === c);
  if (!contractOk) {
    return {
      ok: false,
      errors: [
        {
          line: header.line,
          message: `en-tête incorrect « ${header.fields.join(',')} » : attendu ${CONTRACT_COLUMNS.join(',')} (puis, au choix, ${OPTIONAL_COLUMNS.join(',')})`,
          messageEn: `wrong header "${header.fields.join(',')}": expected ${CONTRACT_COLUMNS.join(',')} (optionally followed by ${OPTIONAL_COLUMNS.join(',')})`,
        },
      ],
    };
  }
  const optionalAt = new Map(OPTIONAL_COLUMNS.map((c) => [c, names.indexOf(c, CONTRACT_COLUMNS.length)]));
  const errors: CsvLineError[] = [];
  const calls: CallRecord[] = [];
  records.slice(1).forEach((rec, row) => {
    // Our export neutralises cells a spreadsheet would run as formulas (spreadsheet-safe.ts): undo it.
    const f = rec.fields.map(restoreFormulaCell);
    const err = (fr: string, en: string) => errors.push({ line: rec.line, message: fr, messageEn: en });
    if (f.length < CONTRACT_COLUMNS.length) {
      err(
        `${f.length} colonne(s) au lieu d'au moins ${CONTRACT_COLUMNS.length}`,
        `${f.length} column(s) instead of at least ${CONTRACT_COLUMNS.length}`,
      );
      return;
    }
    const time = parseCallTime(f[0]!, options.timeZone);
    if (!time.ok) err(time.message, time.messageEn);
    const flags: Record<string, boolean> = {};
    for (const [i, name] of CONTRACT_COLUMNS.entries()) {
      if (i < 3) continue;
      const value = readFlag(f[i]!);
      if (value === null) err(`${name} : « ${f[i]} » n'est pas yes ou no`, `${name}: "${f[i]}" is not yes or no`);
      else flags[name] = value;
    }
    const optionalFlag = (name: 'silent' | 'automated'): boolean => {
      const at = optionalAt.get(name) ?? -1;
      const raw = at >= 0 ? (f[at] ?? '') : '';
      if (raw.trim() === '') return false;
      const value = readFlag(raw);
      if (value === null) err(`${name} : « ${raw} » n'est pas yes ou no`, `${name}: "${raw}" is not yes or no`);
      return value ?? false;
    };
    const silent = optionalFlag('silent');
    const automated = optionalFlag('automated');
    const number = f[1]!.trim();
    // A masked call has no number; words like « masqué » in the column are not an error then.
    if (number !== '' && flags['masked'] !== true && !readCallerNumber(number)) {
      err(`numéro illisible « ${number} »`, `unreadable number "${number}"`);
    }
    const notesAt = optionalAt.get('notes') ?? -1;
    if (!time.ok || errors.some((e) => e.line === rec.line)) return;
    calls.push({
      row,
      time: time.time,
      number,
      company: f[2]!.trim(),
      answered: flags['answered']!,
      refused: flags['refused']!,
      consent: flags['consent']!,
      customer: flags['customer']!,
      masked: flags['masked']!,
      silent,
      automated,
      ...(notesAt >= 0 && f[notesAt] ? { notes: f[notesAt] } : {}),
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, calls };
}

const yn = (b: boolean) => (b ? 'yes' : 'no');

/**
 * The export: entries in time order, times with the zone's offset so the file means the same anywhere. A cell a
 * spreadsheet would run as a formula gets an apostrophe in front (spreadsheet-safe.ts); `parseDiaryCsv` removes it.
 */
export function diaryToCsv(entries: readonly DiaryEntry[], timeZone: string): string {
  const sorted = [...entries].sort((a, b) => a.time - b.time);
  const lines = sorted.map((e) =>
    [
      formatLocalIso(e.time, timeZone),
      e.masked ? '' : e.number,
      e.company,
      yn(e.answered),
      yn(e.refused),
      yn(e.consent),
      yn(e.customer),
      yn(e.masked),
      yn(e.silent),
      yn(e.automated),
      e.notes,
    ]
      .map((cell) => csvField(neutralizeFormulaCell(cell)))
      .join(','),
  );
  return `${[EXPORT_HEADER, ...lines].join('\n')}\n`;
}
