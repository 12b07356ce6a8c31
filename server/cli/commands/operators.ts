import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type CallCentreOperators, compileArcep } from '../../../shared/operators/compile-arcep.ts';
import { compileOverseasPrefixes } from '../../../shared/operators/derive-overseas.ts';
import { type CliCommand, parseCliArgs } from '../command.ts';

const USAGE =
  'vigie operators import <MAJNUM.csv[.gz]> <identifiants_CE.csv[.gz]> [--call-centres shared/operators/call-centre-operators.json] [-o shared/operators/arcep-table.json (overseas-prefixes.json goes beside it)]';

/** Refresh the operator table from a newer ARCEP download (UTF-8 or the original ISO-8859-1). */
export const command: CliCommand = {
  summary: "importer les fichiers ARCEP (MAJNUM, identifiants_CE) / import ARCEP's numbering files",
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(
      argv,
      { output: { type: 'string', short: 'o' }, 'call-centres': { type: 'string' } },
      USAGE,
    );
    const [sub, majnum, operators] = positionals;
    if (sub !== 'import' || !majnum || !operators) {
      io.err(`Usage: ${USAGE}\n`);
      return 2;
    }
    // The call-centre operators are compiled with the blocks, so a block newly allocated to one is covered too.
    const callCentrePath =
      values['call-centres'] ??
      new URL('../../../shared/operators/call-centre-operators.json', import.meta.url).pathname;
    const callCentre = JSON.parse(readFileSync(callCentrePath, 'utf8')) as CallCentreOperators;
    const table = compileArcep(readData(majnum), readData(operators), callCentre);
    const absent = callCentre.operators.filter((o) => !table.callCentre.includes(o.code)).map((o) => o.code);
    if (absent.length > 0) {
      io.err(`vigie operators: sans tranche dans ce MAJNUM / holding no block in this MAJNUM: ${absent.join(', ')}\n`);
    }
    const out = values.output ?? new URL('../../../shared/operators/arcep-table.json', import.meta.url).pathname;
    writeFileSync(out, `${JSON.stringify(table)}\n`);
    // Beside the number code: which national prefixes are overseas, from the same MAJNUM (derive-overseas.ts).
    const overseas = compileOverseasPrefixes(readData(majnum));
    const overseasOut = values.output
      ? join(dirname(out), 'overseas-prefixes.json')
      : new URL('../../../shared/number/overseas-prefixes.json', import.meta.url).pathname;
    // One pair a line, so a refresh reads as a short diff.
    const pairs = overseas.prefixes.map((pair) => `    ${JSON.stringify(pair)}`).join(',\n');
    writeFileSync(
      overseasOut,
      `{\n  "about": ${JSON.stringify(overseas.about)},\n  "dataDate": "${overseas.dataDate}",\n  "prefixes": [\n${pairs}\n  ]\n}\n`,
    );
    const ranges = Object.values(table.ranges).reduce((sum, flat) => sum + flat.length / 4, 0);
    io.out(
      `${out}: ${table.operators.length} opérateurs, ${ranges} tranches, ${table.callCentre.length} opérateurs pour centres d'appels, données du ${table.dataDate}\n`,
    );
    return 0;
  },
};

/** The repository keeps its MAJNUM copy gzip'd (test/fixtures/arcep/); ARCEP's downloads are plain CSV. */
function readData(path: string): Uint8Array {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}
