import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore } from '../../db/open-store.ts';
import { detectFormat, type ImportFormat, importReports } from '../../import/import-reports.ts';
import { type CliCommand, parseCliArgs } from '../command.ts';

const USAGE = 'vigie import <file.csv> [--format vigie|ftc] [--data ./var]';

export const command: CliCommand = {
  summary: 'importer des signalements (CSV Vigie ou FTC) / import reports (Vigie or FTC CSV)',
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(
      argv,
      { format: { type: 'string' }, data: { type: 'string', default: './var' } },
      USAGE,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.err(`Usage: ${USAGE}\n`);
      return 2;
    }
    if (values.format !== undefined && values.format !== 'vigie' && values.format !== 'ftc') {
      io.err(`vigie import: format inconnu / unknown format "${values.format}" (vigie, ftc)\n`);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      io.err(`vigie import: fichier illisible / cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    const format: ImportFormat = (values.format as ImportFormat | undefined) ?? detectFormat(text);
    const db = await openStore({ dataDir: resolve(values.data) });
    try {
      const summary = await importReports(db, text, format);
      io.out(
        `Format ${summary.format}: ${summary.read} lignes lues / rows read, ${summary.imported} importées / imported, ` +
          `${summary.duplicates} déjà présentes / already there, ${summary.rejected} refusées / rejected\n`,
      );
      for (const problem of summary.problems) io.err(`  ${problem}\n`);
      if (summary.imported > 0)
        io.out(
          'La liste sera republiée au prochain cycle, ou: vigie publish / the list updates at the next run, or: vigie publish\n',
        );
      // Failure only when the file held no valid row at all (a wrong file or format).
      return summary.read > 0 && summary.imported + summary.duplicates === 0 ? 1 : 0;
    } finally {
      await db.close();
    }
  },
};
