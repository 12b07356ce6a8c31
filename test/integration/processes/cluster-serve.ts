/**
 * Two service processes behind one port, as Node's cluster module runs them (the primary accepts connections
 * and hands them to its workers in turn): `node --import tsx cluster-serve.ts <dataDir> <url> <schema>`.
 * Every worker is a whole service on the same PostgreSQL schema and data folder. The primary prints
 * `{"port": …, "pids": […]}` once both listen, and answers `served` on stdin with how many requests each
 * worker answered, so a test can tell that both served.
 */
import cluster from 'node:cluster';
import { createInterface } from 'node:readline';
import { startService } from '../../../server/service.ts';

const WORKERS = 2;
const HOUR = 3_600_000;
const [dataDir, databaseUrl, schema] = process.argv.slice(2);
if (!dataDir || !databaseUrl || !schema) throw new Error('usage: cluster-serve.ts <dataDir> <url> <schema>');

if (cluster.isPrimary) {
  const ports = new Map<number, number>();
  const served = new Map<number, number>();
  const workers = Array.from({ length: WORKERS }, () => cluster.fork());
  for (const worker of workers) {
    worker.on('message', (message: { type: string; port?: number; served?: number }) => {
      const pid = worker.process.pid ?? 0;
      if (message.type === 'listening') {
        ports.set(pid, message.port ?? 0);
        if (ports.size === WORKERS) {
          const distinct = new Set(ports.values());
          if (distinct.size !== 1) throw new Error(`workers listen on different ports: ${[...distinct]}`);
          process.stdout.write(`${JSON.stringify({ port: [...distinct][0], pids: [...ports.keys()] })}\n`);
        }
      }
      if (message.type === 'served') {
        served.set(pid, message.served ?? 0);
        if (served.size === WORKERS) {
          process.stdout.write(`${JSON.stringify({ served: Object.fromEntries(served) })}\n`);
          served.clear();
        }
      }
    });
    worker.on('exit', (code) => {
      if (code !== 0) process.stderr.write(`worker ${worker.process.pid} exited with ${code}\n`);
    });
  }
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'served') for (const worker of workers) worker.send({ type: 'served' });
    if (line === 'stop') for (const worker of workers) worker.send({ type: 'stop' });
  });
  let exited = 0;
  cluster.on('exit', () => {
    if (++exited === WORKERS) process.exit(0);
  });
} else {
  const service = await startService({
    dataDir,
    databaseUrl,
    schema,
    // Port 0 in cluster workers: the primary picks one port and every worker shares it.
    port: 0,
    host: '127.0.0.1',
    trustProxy: true,
    publishIntervalSeconds: 0,
    adminToken: 'cluster-admin-token-0123456789',
    pwaDir: null,
    // Five reports an hour per address, so that a limit shared by both processes shows at the sixth.
    rateLimits: {
      reporter: [{ limit: 20, windowMs: HOUR }],
      address: [{ limit: 5, windowMs: HOUR }],
      lookup: [{ limit: 600, windowMs: 60_000 }],
    },
  });
  let served = 0;
  service.httpServer.on('request', () => {
    served++;
  });
  await service.firstPublication;
  process.send?.({ type: 'listening', port: service.port });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'served') process.send?.({ type: 'served', served });
    if (message.type === 'stop') void service.close().then(() => process.exit(0));
  });
}
