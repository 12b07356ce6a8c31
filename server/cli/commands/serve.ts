import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PUBLISH_INTERVAL_SECONDS, startService } from '../../service.ts';
import { type CliCommand, parseCliArgs } from '../command.ts';

const USAGE =
  'vigie serve [--port 8787] [--host 127.0.0.1] [--data ./var] [--demo] [--trust-proxy] [--publish-interval SECONDS] [--pwa DIR]';

/** dist/pwa at the repository root, where `npm run build:pwa` puts the PWA. */
const DEFAULT_PWA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'pwa');

export const command: CliCommand = {
  summary: 'lancer le service et la PWA / run the crowd service and the PWA',
  async run(argv, io) {
    const { values } = parseCliArgs(
      argv,
      {
        // `PORT=8788 npm start` (and any host that sets PORT) without editing the command line.
        port: { type: 'string', default: process.env.PORT || '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: './var' },
        demo: { type: 'boolean', default: false },
        'trust-proxy': { type: 'boolean', default: false },
        'publish-interval': { type: 'string', default: String(DEFAULT_PUBLISH_INTERVAL_SECONDS) },
        pwa: { type: 'string', default: DEFAULT_PWA_DIR },
      },
      USAGE,
    );
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`vigie serve: port invalide / invalid port "${values.port}"\nUsage: ${USAGE}\n`);
      return 2;
    }
    const interval = Number(values['publish-interval']);
    if (!Number.isFinite(interval) || interval < 0) {
      io.err(`vigie serve: intervalle invalide / invalid --publish-interval "${values['publish-interval']}"\n`);
      return 2;
    }
    let service: Awaited<ReturnType<typeof startService>>;
    try {
      service = await startService({
        dataDir: resolve(values.data),
        port,
        host: values.host,
        demo: values.demo,
        trustProxy: values['trust-proxy'] || process.env.VIGIE_TRUST_PROXY === '1',
        adminToken: process.env.VIGIE_ADMIN_TOKEN || null,
        publishIntervalSeconds: interval,
        pwaDir: resolve(values.pwa),
        log: (line) => io.err(`vigie serve: ${line}\n`),
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const other = port === 65535 ? 8788 : port + 1;
      io.err(
        `vigie serve: le port ${port} est déjà utilisé (un autre vigie serve ?). Choisissez-en un autre : ` +
          `vigie serve --port ${other}, ou PORT=${other} npm start.\n` +
          `vigie serve: port ${port} is already in use (another vigie serve?). Pick another one: ` +
          `vigie serve --port ${other}, or PORT=${other} npm start.\n`,
      );
      return 1;
    }
    // The service already answers; the banner waits for the start-up publication so it can say which version.
    await service.firstPublication;
    const manifest = await service.publisher.current();
    io.out(
      [
        `Vigie écoute sur / listening on ${service.url}`,
        `Clé publique de signature (Ed25519, base64) / signing public key: ${service.publicKey}`,
        `Base / database: ${service.db.kind}${service.db.kind === 'pglite' ? ` (${resolve(values.data, 'pg')})` : ''}`,
        `Liste publiée / published list: v${manifest?.version ?? 0}, ${manifest?.count ?? 0} numéros / numbers`,
        service.demoLoaded ? 'Données de démonstration chargées / demo data loaded (demo: true)' : null,
        service.pwaServed ? `PWA: ${service.url}/` : 'PWA: non construite / not built (npm run build:pwa)',
        process.env.VIGIE_ADMIN_TOKEN ? 'Admin: activé / enabled' : 'Admin: désactivé / disabled (VIGIE_ADMIN_TOKEN)',
        '',
      ]
        .filter((l) => l !== null)
        .join('\n'),
    );
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.err('vigie serve: arrêt / shutting down\n');
    await service.close();
    return 0;
  },
};
