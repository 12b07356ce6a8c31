/**
 * `vigie serve`, `vigie publish` and `vigie import` as a user runs them: a real process, its printed URL and
 * key, the data-folder lock, and a clean stop on SIGTERM. On PGlite by default; against PostgreSQL when
 * `VIGIE_TEST_DATABASE_URL` is set, through `DATABASE_URL` as a user sets it, in a schema of this file's own
 * (named by the URL's standard `options=-c search_path=…` parameter).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL } from './server-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const VIGIE = join(ROOT, 'bin', 'vigie.mjs');
const SCHEMA = `vigie_cli_${randomBytes(6).toString('hex')}`;

/** DATABASE_URL for the commands: this file's schema on the test PostgreSQL, or none (PGlite). */
function databaseUrl(): string | undefined {
  if (!POSTGRES_URL) return undefined;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${SCHEMA}`);
  return url.toString();
}

function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  const url = databaseUrl();
  if (url) env.DATABASE_URL = url;
  return env;
}

async function onTestPostgres(sql: string): Promise<void> {
  if (!POSTGRES_URL) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function vigie(args: string[]) {
  return spawnSync(process.execPath, [VIGIE, ...args], { cwd: ROOT, env: cliEnv(), encoding: 'utf8', timeout: 60_000 });
}

/** `vigie lookup` of a demo number with its own cache folder (XDG_CACHE_HOME), as a user would run it. */
const CACHE = mkdtempSync(join(tmpdir(), 'vigie-cli-cache-'));
function lookupVia(args: string[]) {
  const env = { ...process.env, XDG_CACHE_HOME: CACHE };
  return spawnSync(process.execPath, [VIGIE, 'lookup', '01 99 00 01 02', '--json', ...args], {
    cwd: CACHE,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.skipIf(POSTGRES_URL !== undefined)('vigie serve: the port', () => {
  it('takes PORT from the environment, and says so clearly when the port is in use', async () => {
    const busy = createServer();
    const port = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as AddressInfo).port)),
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-cli-port-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
      delete env.DATABASE_URL;
      const child = spawn(process.execPath, [VIGIE, 'serve', '--data', dataDir, '--pwa', dataDir], { cwd: ROOT, env });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`le port ${port} est déjà utilisé`);
      expect(stderr).toContain(`port ${port} is already in use`);
      expect(stderr).toContain(`PORT=${port + 1} npm start`);
    } finally {
      busy.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe(`vigie serve / publish / import (${POSTGRES_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let dataDir: string;
  let child: ChildProcessWithoutNullStreams;
  let output = '';
  let url = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
    await onTestPostgres(`CREATE SCHEMA ${SCHEMA}`);
    const env = cliEnv({ VIGIE_ADMIN_TOKEN: 'cli-test-token-0123456789' });
    child = spawn(
      process.execPath,
      [VIGIE, 'serve', '--port', '0', '--data', dataDir, '--demo', '--publish-interval', '0', '--pwa', dataDir],
      { cwd: ROOT, env },
    );
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      output += d;
    });
    url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        output += d;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`vigie serve exited (${code}): ${output}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await onTestPostgres(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  });

  it('prints its URL and the public key it signs with, and answers', async () => {
    const publicKey = readFileSync(join(dataDir, 'keys', 'ed25519-public.txt'), 'utf8').trim();
    expect(Buffer.from(publicKey, 'base64')).toHaveLength(32);
    expect(output).toContain(publicKey);
    expect(output).toContain('demo data loaded');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const manifest = (await (await fetch(`${url}/api/v1/list/manifest`)).json()) as { publicKey: string };
    expect(manifest.publicKey).toBe(publicKey);
    expect(output).toContain(POSTGRES_URL ? 'database: postgres' : 'database: pglite');
  });

  it('`vigie lookup --service` uses the service’s signed list and says which version', () => {
    const publicKey = readFileSync(join(dataDir, 'keys', 'ed25519-public.txt'), 'utf8').trim();
    const r = lookupVia(['--service', url, '--key', publicKey]);
    expect(r.status).toBe(0);
    // Demo set: +33199000102, scam, 14 reporters (server/demo/demo-reports.ts).
    expect(JSON.parse(r.stdout)).toMatchObject({ number: '+33199000102', level: 'danger', category: 'scam' });
    expect(r.stderr).toMatch(/liste de http:\/\/\S+, version \d+/);
    // Without --key it still checks the signature, with the manifest's key, and says the key is not pinned.
    expect(lookupVia(['--service', url]).stderr).toContain('pin it with --key');
    // A wrong key is refused.
    const wrong = lookupVia(['--service', url, '--key', Buffer.alloc(32, 1).toString('base64')]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('manifeste refusé');
  });

  it.skipIf(POSTGRES_URL !== undefined)(
    'refuses a second process on the same PGlite folder, with a clear message',
    () => {
      const result = vigie(['publish', '--data', dataDir]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('the data folder is in use');
    },
  );

  it.skipIf(POSTGRES_URL === undefined)('lets a second process publish beside the server on PostgreSQL', () => {
    const result = vigie(['publish', '--data', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/v1: \d+ numéros \/ numbers/);
  });

  it('stops cleanly on SIGTERM and releases the folder', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, 'vigie.lock'))).toBe(false);
  }, 30_000);

  it('`vigie lookup --service` uses its cached copy when the service is unreachable', () => {
    const r = lookupVia(['--service', url]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ level: 'danger' });
    expect(r.stderr).toContain('cached list');
  });

  it('publishes and imports from the command line once the server is stopped', () => {
    const published = vigie(['publish', '--data', dataDir]);
    expect(published.status).toBe(0);
    expect(published.stdout).toMatch(/v1: \d+ numéros \/ numbers/);
    const imported = vigie(['import', join(ROOT, 'test', 'fixtures', 'reports-sample.csv'), '--data', dataDir]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('18 importées / imported');
    const bad = vigie(['serve', '--port', 'abc', '--data', dataDir]);
    expect(bad.status).toBe(2);
  }, 120_000);
});
