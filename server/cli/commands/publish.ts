import { resolve } from 'node:path';
import { openStore } from '../../db/open-store.ts';
import { maintainReportPartitions } from '../../db/report-partitions.ts';
import { Publisher } from '../../publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../publish/signing-key.ts';
import { type CliCommand, parseCliArgs } from '../command.ts';

const USAGE = 'vigie publish [--data ./var] [--full]';

export const command: CliCommand = {
  summary: 'publier la liste maintenant / publish the list now',
  async run(argv, io) {
    const { values } = parseCliArgs(
      argv,
      { data: { type: 'string', default: './var' }, full: { type: 'boolean', default: false } },
      USAGE,
    );
    const dataDir = resolve(values.data);
    const db = await openStore({ dataDir });
    try {
      const key = loadOrCreateSigningKey(dataDir);
      // As the service does before each publication: next months' partitions, months past the window dropped.
      await maintainReportPartitions(db, Date.now());
      const { manifest, changed } = await new Publisher(db, key, { dataDir }).publish({ full: values.full });
      io.out(
        `${changed ? 'Nouvelle version / new version' : 'Inchangée / unchanged'} v${manifest.version}: ` +
          `${manifest.count} numéros / numbers, ${manifest.deltas.length} deltas, snapshot ${manifest.snapshot.size} o/bytes\n` +
          `listSha256 ${manifest.listSha256}\nClé publique / public key: ${manifest.publicKey}\n`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
