import { readFileSync, writeFileSync } from 'node:fs';
import { compileArcep } from '../../../shared/operators/compile-arcep.ts';
import { type CliCommand, parseCliArgs } from '../command.ts';

const USAGE = 'vigie operators import <MAJNUM.csv> <identifiants_CE.csv> [-o shared/operators/arcep-table.json]';

/** Refresh the operator table from a newer ARCEP download (UTF-8 or the original ISO-8859-1). */
export const command: CliCommand = {
  summary: "importer les fichiers ARCEP (MAJNUM, identifiants_CE) / import ARCEP's numbering files",
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, { output: { type: 'string', short: 'o' } }, USAGE);
    const [sub, majnum, operators] = positionals;
    if (sub !== 'import' || !majnum || !operators) {
      io.err(`Usage: ${USAGE}\n`);
      return 2;
    }
    const table = compileArcep(readFileSync(majnum), readFileSync(operators));
    const out = values.output ?? new URL('../../../shared/operators/arcep-table.json', import.meta.url).pathname;
    writeFileSync(out, `${JSON.stringify(table)}\n`);
    const ranges = Object.values(table.ranges).reduce((sum, flat) => sum + flat.length / 4, 0);
    io.out(`${out}: ${table.operators.length} opérateurs, ${ranges} tranches, données du ${table.dataDate}\n`);
    return 0;
  },
};
