/**
 * `vigie scan [FILE|-] [--region FR] [--json] [--lines] [--list FILE]`: finds every phone number in a text (a
 * pasted SMS, a saved page's text, an exported call log) with the finder the extension uses, and gives each
 * one's verdict.
 *
 * The contract (issue 10), which the team's checks rely on:
 * - without `--lines` the whole input is one text; with it, each input line is a separate text, and a line that
 *   starts with `"` is read as a JSON string, so a text can hold newlines;
 * - `--json` prints one object per text, in order: `{"input", "found": [{"start", "end", "raw", "number",
 *   "level"}]}`, offsets being JavaScript string indices into the text; a text without a number gives
 *   `"found": []`, a line that is not valid JSON gives `{"input": <line>, "error": {code, message, messageEn}}`;
 * - without `--json`, a readable list.
 * Numbers are those a page would get a badge for: allocated ranges only, no short codes from running text.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { type ClassifyContext, classify } from '../../../shared/classify/classify.ts';
import { LEVEL_LABELS } from '../../../shared/i18n/labels.ts';
import { findPhoneNumbers } from '../../../shared/number/find-in-text.ts';
import { ARCEP_OPERATORS } from '../../../shared/operators/arcep-operators.ts';
import type { Level } from '../../../shared/verdict.ts';
import { type CliCommand, parseCliArgs } from '../command.ts';

const USAGE = 'vigie scan [FICHIER|-] [--region FR] [--json] [--lines] [--list FICHIER]';

export interface ScanHit {
  start: number;
  end: number;
  raw: string;
  number: string;
  level: Level;
}

type ScanResult =
  | { input: string; found: ScanHit[] }
  | { input: string; error: { code: string; message: string; messageEn: string } };

export const command: CliCommand = {
  summary: 'trouver les numéros d’un texte / find the numbers in a text',
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(
      argv,
      {
        region: { type: 'string', default: 'FR' },
        json: { type: 'boolean', default: false },
        lines: { type: 'boolean', default: false },
        list: { type: 'string' },
      },
      USAGE,
    );
    if (positionals.length > 1) {
      io.err(`vigie scan: un seul fichier à la fois / one file at a time\nUsage: ${USAGE}\n`);
      return 2;
    }
    if (!/^[A-Z]{2}$/.test(values.region) || !isSupportedCountry(values.region)) {
      io.err(
        `vigie scan: région inconnue « ${values.region} » (ex. FR) / unknown region "${values.region}" (e.g. FR)\n`,
      );
      return 2;
    }
    const context: ClassifyContext = { region: values.region, operators: ARCEP_OPERATORS, now: Date.now() };
    if (values.list) {
      const { openList } = await import('../../../shared/list/reader.ts');
      try {
        context.list = openList(new Uint8Array(readFileSync(values.list)));
      } catch (error) {
        io.err(`vigie scan: liste illisible / unreadable list ${values.list}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    const file = positionals[0] ?? '-';
    let stream: NodeJS.ReadableStream = io.stdin;
    if (file !== '-') {
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        stream = createReadStream(file, { encoding: 'utf8' });
      } catch (error) {
        io.err(`vigie scan: fichier illisible / unreadable file ${file}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    const print = (result: ScanResult) => io.out(values.json ? `${JSON.stringify(result)}\n` : readable(result));
    if (values.lines) {
      const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) print(scanLine(line, context));
    } else {
      let text = '';
      for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      print({ input: text, found: scan(text, context) });
    }
    return 0;
  },
};

/** Every number of `text` a page would badge, with its level. */
export function scan(text: string, context: ClassifyContext): ScanHit[] {
  const hits: ScanHit[] = [];
  for (const f of findPhoneNumbers(text, context.region)) {
    const r = classify(f.number, context);
    if (r.ok) hits.push({ start: f.start, end: f.end, raw: f.raw, number: f.number, level: r.verdict.level });
  }
  return hits;
}

function scanLine(line: string, context: ClassifyContext): ScanResult {
  if (!line.startsWith('"')) return { input: line, found: scan(line, context) };
  let text: unknown;
  try {
    text = JSON.parse(line);
  } catch (error) {
    return {
      input: line,
      error: {
        code: 'invalid_json',
        message: `Ligne commençant par « " » mais pas une chaîne JSON valide : ${(error as Error).message}`,
        messageEn: `Line starts with '"' but is not a valid JSON string: ${(error as Error).message}`,
      },
    };
  }
  if (typeof text !== 'string') {
    return {
      input: line,
      error: {
        code: 'invalid_json',
        message: 'Ligne commençant par « " » mais pas une chaîne JSON.',
        messageEn: `Line starts with '"' but is not a JSON string.`,
      },
    };
  }
  return { input: text, found: scan(text, context) };
}

const ICONS: Record<Level, string> = { danger: '⛔', spam: '⚠', caution: '◐', unknown: '○', trusted: '✔' };

function readable(result: ScanResult): string {
  if ('error' in result) return `${result.error.message} / ${result.error.messageEn}\n`;
  if (result.found.length === 0) return 'Aucun numéro / no number\n';
  return result.found
    .map((h) => {
      const { line, column } = position(result.input, h.start);
      const label = LEVEL_LABELS[h.level];
      return `${ICONS[h.level]} ${h.raw}  ${h.number}  ${label.fr} / ${label.en}  (${line}:${column})\n`;
    })
    .join('');
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
