/**
 * `vigie list build <reports.csv|numbers.txt> -o FILE` writes a crowd list file; `vigie list info FILE`
 * describes one. Format: docs/list-format.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sha256Hex } from '../../../shared/hash.ts';
import { entriesFromNumberLines, entriesFromReports } from '../../../shared/list/entries-from-input.ts';
import { openList, verifyList } from '../../../shared/list/reader.ts';
import { type CsvLineError, parseReportCsv } from '../../../shared/list/report-csv.ts';
import type { ListEntry } from '../../../shared/list/types.ts';
import { writeList } from '../../../shared/list/writer.ts';
import { CATEGORIES, type Category } from '../../../shared/verdict.ts';
import { type CliCommand, type CliIo, parseCliArgs } from '../command.ts';

const USAGE_BUILD =
  'vigie list build <reports.csv|numbers.txt> -o FICHIER [--version N] [--region FR] [--category other]';
const USAGE_INFO = 'vigie list info FICHIER [--json]';
const USAGE = `${USAGE_BUILD}\n       ${USAGE_INFO}`;

export const command: CliCommand = {
  summary: 'écrire ou décrire une liste / build or inspect a list file',
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'build') return build(rest, io);
    if (sub === 'info') return info(rest, io);
    io.err(`Usage: ${USAGE}\n`);
    return 2;
  },
};

/** A report CSV has a header naming a `number` column; anything else is read as one number per line. */
function looksLikeReportCsv(path: string, text: string): boolean {
  if (path.toLowerCase().endsWith('.csv')) return true;
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)\s*"?number"?\s*(,|$)/i.test(first);
}

async function build(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(
    argv,
    {
      output: { type: 'string', short: 'o' },
      version: { type: 'string', default: '1' },
      region: { type: 'string', default: 'FR' },
      category: { type: 'string', default: 'other' },
    },
    USAGE_BUILD,
  );
  const input = positionals[0];
  if (!input || positionals.length > 1 || !values.output) {
    io.err(`Usage: ${USAGE_BUILD}\n`);
    return 2;
  }
  const version = Number(values.version);
  if (!/^\d+$/.test(values.version) || version > 0xffff_ffff) {
    io.err(`vigie list build: version « ${values.version} » invalide / invalid version (0–4294967295)\n`);
    return 2;
  }
  if (!(CATEGORIES as readonly string[]).includes(values.category)) {
    io.err(`vigie list build: catégorie inconnue / unknown category "${values.category}" (${CATEGORIES.join(', ')})\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (error) {
    io.err(`vigie list build: fichier illisible / cannot read ${input}: ${(error as Error).message}\n`);
    return 1;
  }
  let entries: ListEntry[];
  let errors: CsvLineError[];
  if (looksLikeReportCsv(input, text)) {
    const parsed = parseReportCsv(text);
    const built = entriesFromReports(parsed.rows, values.region);
    entries = built.entries;
    errors = [...parsed.errors, ...built.errors].sort((a, b) => a.line - b.line);
  } else {
    ({ entries, errors } = entriesFromNumberLines(text, values.region, values.category as Category));
  }
  for (const e of errors) io.err(`${input}:${e.line}: ${e.message} / ${e.messageEn}\n`);
  if (entries.length === 0) {
    io.err(`vigie list build: aucun numéro valide dans / no valid number in ${input}\n`);
    return 1;
  }
  const bytes = writeList(entries, { version });
  try {
    writeFileSync(values.output, bytes);
  } catch (error) {
    io.err(`vigie list build: écriture impossible / cannot write ${values.output}: ${(error as Error).message}\n`);
    return 1;
  }
  const list = openList(bytes);
  io.out(
    `${values.output}: version ${version}, ${list.exactCount} numéros / numbers, ${list.rangeCount} plages / ranges, ` +
      `${bytes.length} octets / bytes, SHA-256 ${await sha256Hex(bytes)}` +
      `${errors.length > 0 ? ` (${errors.length} ligne(s) ignorée(s) / line(s) skipped)` : ''}\n`,
  );
  return 0;
}

async function info(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean', default: false } }, USAGE_INFO);
  const path = positionals[0];
  if (!path || positionals.length > 1) {
    io.err(`Usage: ${USAGE_INFO}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    io.err(`vigie list info: fichier illisible / cannot read ${path}: ${(error as Error).message}\n`);
    return 1;
  }
  let list: ReturnType<typeof openList>;
  try {
    list = openList(bytes);
  } catch (error) {
    io.err(`vigie list info: ${path} n’est pas une liste valide / is not a valid list: ${(error as Error).message}\n`);
    return 1;
  }
  const checksumOk = await verifyList(bytes);
  const facts = {
    file: path,
    version: list.version,
    exactCount: list.exactCount,
    rangeCount: list.rangeCount,
    payloadCount: list.payloadCount,
    bytes: bytes.length,
    bytesPerNumber: list.exactCount > 0 ? Number((bytes.length / list.exactCount).toFixed(3)) : null,
    layout: {
      bucketBits: list.bucketBits,
      segmentBits: list.segmentBits,
      segments: list.segmentCount,
      lines: list.lineCount,
    },
    sha256: await sha256Hex(bytes),
    checksumOk,
  };
  if (values.json) io.out(`${JSON.stringify(facts)}\n`);
  else {
    io.out(
      [
        `Fichier / file:            ${path}`,
        `Version:                   ${facts.version}`,
        `Numéros / numbers:         ${facts.exactCount}`,
        `Plages / ranges:           ${facts.rangeCount}`,
        `Charges / payloads:        ${facts.payloadCount}`,
        `Octets / bytes:            ${facts.bytes}${facts.bytesPerNumber === null ? '' : ` (${facts.bytesPerNumber} par numéro / per number)`}`,
        `SHA-256:                   ${facts.sha256}`,
        `Somme de contrôle / checksum: ${checksumOk ? 'OK' : 'KO — fichier altéré / file damaged'}`,
        '',
      ].join('\n'),
    );
  }
  return checksumOk ? 0 : 1;
}
