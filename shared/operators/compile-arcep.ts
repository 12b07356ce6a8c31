/**
 * Compiles ARCEP's MAJNUM (number blocks) and identifiants_CE (operators) into the compact table the apps ship
 * (`arcep-table.json`). Pure: takes the files' bytes (UTF-8 or ARCEP's original ISO-8859-1) so the CLI, a test
 * or a browser can refresh the table from a newer download.
 *
 * Table layout: blocks are grouped by the length of their numbers (4, 6, 10, 13, 14 digits in national form) and
 * stored as flat [start, end, operatorIndex, territoryIndex] quadruples sorted by start, adjacent blocks of the
 * same holder and territory merged (19,102 rows → a few thousand ranges). Lookup is a binary search.
 */
import { decodeUtf8OrLatin1, parseDelimited } from '../text/delimited.ts';

export interface ArcepTable {
  credit: string;
  /** Latest allocation date in the source (YYYY-MM-DD). */
  dataDate: string;
  /** [code, name] pairs. */
  operators: [string, string][];
  territories: string[];
  /** Number length (national form, trunk 0 included) → flat quadruples. */
  ranges: Record<string, number[]>;
  /**
   * Codes of the operators whose blocks are mainly used for outbound call-centre telephony
   * (call-centre-operators.json), limited to those that hold blocks in this MAJNUM.
   */
  callCentre: string[];
}

/** shared/operators/call-centre-operators.json: operator codes with a source and a date, no number ranges. */
export interface CallCentreOperators {
  operators: { code: string; name: string; source: string; checked: string }[];
  consumerOperators: { codes: { code: string; name: string }[] };
  sources: Record<string, { title: string; url: string; published: string }>;
}

export const ARCEP_CREDIT =
  'Source : ARCEP — « Ressources en numérotation téléphonique » (MAJNUM) et « Identifiants de communications électroniques », données ouvertes.';

export class ArcepFormatError extends Error {}

const MAJNUM_HEADER = ['EZABPQM', 'Tranche_Debut', 'Tranche_Fin', 'Mnémo', 'Territoire', 'Date_Attribution'];

export function compileArcep(
  majnumBytes: Uint8Array,
  operatorsBytes: Uint8Array,
  callCentre: CallCentreOperators = { operators: [], consumerOperators: { codes: [] }, sources: {} },
): ArcepTable {
  checkCallCentreOperators(callCentre);
  const names = new Map<string, string>();
  const opRows = parseDelimited(decodeUtf8OrLatin1(operatorsBytes), ';');
  const opHeader = opRows[0]?.fields ?? [];
  const nameCol = opHeader.indexOf('IDENTITE_OPERATEUR');
  const codeCol = opHeader.indexOf('CODE_OPERATEUR');
  if (nameCol < 0 || codeCol < 0) {
    throw new ArcepFormatError('identifiants_CE : colonnes IDENTITE_OPERATEUR et CODE_OPERATEUR attendues.');
  }
  for (const row of opRows.slice(1)) {
    const code = row.fields[codeCol]?.trim();
    const name = row.fields[nameCol]?.trim();
    if (code && name) names.set(code, name);
  }

  const rows = parseDelimited(decodeUtf8OrLatin1(majnumBytes), ';');
  const header = rows[0]?.fields.map((f) => f.trim()) ?? [];
  if (MAJNUM_HEADER.some((h, i) => header[i] !== h)) {
    throw new ArcepFormatError(`MAJNUM : en-tête attendu « ${MAJNUM_HEADER.join(';')} », lu « ${header.join(';')} ».`);
  }
  const operatorIndex = new Map<string, number>();
  const territoryIndex = new Map<string, number>();
  const byLength = new Map<number, [number, number, number, number][]>();
  let dataDate = '';
  for (const { line, fields } of rows.slice(1)) {
    const [, start = '', end = '', code = '', territory = '', date = ''] = fields.map((f) => f.trim());
    if (!/^\d+$/.test(start) || !/^\d+$/.test(end) || start.length !== end.length) {
      throw new ArcepFormatError(`MAJNUM ligne ${line} : tranche illisible « ${start} – ${end} ».`);
    }
    if (!operatorIndex.has(code)) operatorIndex.set(code, operatorIndex.size);
    if (!territoryIndex.has(territory)) territoryIndex.set(territory, territoryIndex.size);
    const list = byLength.get(start.length) ?? [];
    list.push([Number(start), Number(end), operatorIndex.get(code)!, territoryIndex.get(territory)!]);
    byLength.set(start.length, list);
    const iso = date.replace(/^(\d{2})\/(\d{2})\/(\d{4})$/, '$3-$2-$1');
    if (iso > dataDate) dataDate = iso;
  }

  const ranges: Record<string, number[]> = {};
  for (const [length, list] of [...byLength].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a[0] - b[0]);
    const flat: number[] = [];
    for (const [s, e, o, t] of list) {
      const n = flat.length;
      if (n > 0 && flat[n - 3] === s - 1 && flat[n - 2] === o && flat[n - 1] === t) flat[n - 3] = e;
      else flat.push(s, e, o, t);
    }
    ranges[String(length)] = flat;
  }
  return {
    credit: ARCEP_CREDIT,
    dataDate,
    operators: [...operatorIndex.keys()].map((code) => [code, names.get(code) ?? code]),
    territories: [...territoryIndex.keys()],
    ranges,
    callCentre: callCentre.operators
      .map((o) => o.code)
      .filter((code) => operatorIndex.has(code))
      .sort(),
  };
}

/**
 * Each entry names its source and the date it was checked, and no consumer operator (Orange, SFR, Bouygues
 * Telecom, Free and their MVNOs) is ever listed: their blocks hold everyone's personal lines.
 */
export function checkCallCentreOperators(table: CallCentreOperators): void {
  const consumer = new Set(table.consumerOperators.codes.map((c) => c.code));
  for (const op of table.operators) {
    const where = `call-centre-operators.json, ${op.code}`;
    if (consumer.has(op.code)) {
      throw new ArcepFormatError(
        `${where} : opérateur grand public, jamais signalé / a consumer operator, never flagged.`,
      );
    }
    if (!table.sources[op.source])
      throw new ArcepFormatError(`${where} : source inconnue / unknown source « ${op.source} ».`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(op.checked)) {
      throw new ArcepFormatError(
        `${where} : date de vérification AAAA-MM-JJ attendue / checked date YYYY-MM-DD expected.`,
      );
    }
  }
}
