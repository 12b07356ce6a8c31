/**
 * One publication in a process of its own, as `vigie publish` from cron does, on the PostgreSQL schema given:
 * `node --import tsx publish-once.ts <dataDir> <url> <schema>`. Prints `{version, changed}` as JSON.
 */
import { openStore } from '../../../server/db/open-store.ts';
import { Publisher } from '../../../server/publish/publisher.ts';
import { loadOrCreateSigningKey } from '../../../server/publish/signing-key.ts';

const [dataDir, databaseUrl, schema] = process.argv.slice(2);
if (!dataDir || !databaseUrl || !schema) throw new Error('usage: publish-once.ts <dataDir> <url> <schema>');
const db = await openStore({ dataDir, databaseUrl, schema });
try {
  const { manifest, changed } = await new Publisher(db, loadOrCreateSigningKey(dataDir), { dataDir }).publish();
  process.stdout.write(`${JSON.stringify({ version: manifest.version, changed })}\n`);
} finally {
  await db.close();
}
