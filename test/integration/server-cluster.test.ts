/**
 * The path past one machine (issue 12, scale): two service processes behind one port (Node's cluster module, as
 * test/integration/processes/cluster-serve.ts runs them) on one PostgreSQL. Every request opens its own
 * connection, so the cluster hands them to both processes in turn; rate limits, address salts, duplicate
 * detection and publication must then hold as for one process. PostgreSQL only: PGlite is one process's database.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/db/open-store.ts';
import { dropTestStorage, newReporter, POSTGRES_URL } from './server-harness.ts';

const ADMIN = 'cluster-admin-token-0123456789';
let child: ChildProcessWithoutNullStreams;
let port = 0;
let pids: number[] = [];
let dataDir = '';
const schema = `vigie_test_${randomBytes(6).toString('hex')}`;
const lines: string[] = [];
let waiters: ((line: string) => void)[] = [];

function nextLine(what: string, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster-serve.ts: no ${what} within ${timeoutMs} ms`)), timeoutMs);
    const take = (line: string) => {
      clearTimeout(timer);
      resolve(line);
    };
    const ready = lines.shift();
    if (ready !== undefined) take(ready);
    else waiters.push(take);
  });
}

/** One request on a connection of its own (no keep-alive), so the cluster may give it to either process. */
function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const text = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          data += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : null }));
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer within 60 s`)));
    req.on('error', reject);
    req.end(text);
  });
}

const reportFrom = (number: string, from: string, id = randomUUID(), reporter = newReporter()) =>
  send('POST', '/api/v1/reports', { id, reporter, number, category: 'telemarketing' }, { 'x-forwarded-for': from });

describe.skipIf(!POSTGRES_URL)('two service processes behind one port on one PostgreSQL', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigie-cluster-'));
    // Migrations once before the processes start (they would take turns on the migration lock anyway).
    const db = await openStore({ dataDir, databaseUrl: POSTGRES_URL, schema });
    await db.close();
    const script = join(import.meta.dirname, 'processes', 'cluster-serve.ts');
    child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, POSTGRES_URL ?? '', schema], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const waiter = waiters.shift();
        if (waiter) waiter(line);
        else lines.push(line);
        nl = buffered.indexOf('\n');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const ready = JSON.parse(await nextLine('listening line')) as { port: number; pids: number[] };
    port = ready.port;
    pids = ready.pids;
  }, 180_000);

  afterAll(async () => {
    waiters = [];
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.write('stop\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    // The schema is made after the folder: no folder, nothing to drop.
    if (dataDir) await dropTestStorage(dataDir, schema);
  }, 60_000);

  it('both processes answer on the one port', async () => {
    expect(pids).toHaveLength(2);
    for (let i = 0; i < 6; i++) expect((await send('GET', '/healthz')).status).toBe(200);
    child.stdin.write('served\n');
    const { served } = JSON.parse(await nextLine('served counts', 30_000)) as { served: Record<string, number> };
    const counts = Object.values(served);
    expect(counts).toHaveLength(2);
    for (const count of counts) expect(count).toBeGreaterThan(0);
  });

  it('one address’s rate limit holds across both processes: the sixth report is refused', async () => {
    const from = '198.51.100.77';
    for (let i = 0; i < 5; i++) expect((await reportFrom(`+3319900070${i}`, from)).status).toBe(201);
    expect((await reportFrom('+33199000706', from)).status).toBe(429);
    expect((await reportFrom('+33199000707', from)).status).toBe(429);
  });

  it('three reporters behind one address count as one network, whichever process took each', async () => {
    const from = '198.51.100.78';
    const number = '+33199000710';
    for (let i = 0; i < 3; i++) expect((await reportFrom(number, from)).status).toBe(201);
    const { status, body } = await send('GET', `/api/v1/numbers/${encodeURIComponent(number)}`);
    expect(status).toBe(200);
    // One shared weekly salt: the three reports hash to one network, so the number is not listed.
    expect(body).toMatchObject({ reports: 1, listed: false });
  });

  it('a retry through the other process is a duplicate (200), not a second vote', async () => {
    const id = randomUUID();
    const reporter = newReporter();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await reportFrom('+33199000720', '198.51.100.79', id, reporter)).status);
    expect(statuses).toEqual([201, 200, 200, 200]);
  });

  it('two publications at once through the port: one version, both answered with it', async () => {
    const numbers = ['+33199000730', '+33199000731'];
    let address = 80;
    for (const number of numbers)
      for (let i = 0; i < 3; i++) expect((await reportFrom(number, `198.51.100.${address++}`)).status).toBe(201);
    const headers = { authorization: `Bearer ${ADMIN}` };
    const before = (await send('GET', '/api/v1/list/manifest')).body as { version: number } | null;
    const [a, b] = await Promise.all([
      send('POST', '/api/v1/admin/publish', {}, headers),
      send('POST', '/api/v1/admin/publish', {}, headers),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const versions = [(a.body as { version: number }).version, (b.body as { version: number }).version];
    expect(versions[0]).toBe(versions[1]);
    expect(versions[0]).toBe((before?.version ?? 0) + 1);
  }, 120_000);
});
