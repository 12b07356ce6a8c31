/**
 * Shared set-up for the extension's end-to-end tests and benchmark: build the unpacked Chrome extension if it is
 * stale, serve the fixture pages (HTTP on 127.0.0.1, and HTTPS for the adapters' real host names, which
 * Chromium maps to 127.0.0.1 with --host-resolver-rules), launch Debian's Chromium with the extension loaded,
 * and optionally start a crowd service (`vigie serve`) on a temporary data folder.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTENSION_DIR = join(ROOT, 'dist', 'chrome-mv3');
export const PAGES_DIR = join(ROOT, 'test', 'fixtures', 'pages');
export const RESULTS_DIR = join(ROOT, 'test-results');

/** Adapter host names served by the local HTTPS server. */
export const ADAPTER_HOSTS = [
  'voice.google.com',
  'web.whatsapp.com',
  'teams.microsoft.com',
  'espace-client.orange.fr',
  'espace-client.sfr.fr',
  'www.bouyguestelecom.fr',
  'mobile.free.fr',
];

/** A host no content script matches (baselines without the extension), also mapped to 127.0.0.1. */
export const PLAIN_HOST = 'plain.vigie.test';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/chrome-mv3 when it is missing or older than the extension or core sources. Test files run in
 * parallel workers: a lock folder (mkdir is atomic) keeps two builds from writing the same folder at once.
 */
export function ensureExtensionBuilt(): void {
  withBuildLock(buildIfStale);
}

/** Runs `build` while holding the build lock (WXT builds also rewrite `.wxt/`: one at a time). */
export function withBuildLock(build: () => void): void {
  const lock = join(ROOT, 'dist', '.chrome-mv3-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const waitStarted = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the build timeout was left by a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - waitStarted > 600_000) throw new Error('extension build lock: gave up waiting');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function buildIfStale(): void {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const sources = Math.max(
    newestMtime(join(ROOT, 'extension')),
    newestMtime(join(ROOT, 'shared')),
    statSync(join(ROOT, 'wxt.config.ts')).mtimeMs,
  );
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
}

/**
 * Builds the Chrome extension for a crowd service, as `npm start` does (VIGIE_SERVICE_URL), into its own
 * dist/<name> folder so the shared dist/chrome-mv3 is left alone. Always rebuilt: the URL changes per run.
 */
export function buildExtensionFor(serviceUrl: string, name: string): string {
  const outDir = join(ROOT, 'dist', name);
  withBuildLock(() => {
    execFileSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 300_000,
      env: { ...process.env, VIGIE_SERVICE_URL: serviceUrl, VIGIE_EXT_OUTDIR: outDir },
    });
  });
  return join(outDir, 'chrome-mv3');
}

/** Awaits `work`, or fails after `ms` naming the step, so a stuck browser or service says where it stuck. */
export async function step<T>(name: string, ms: number, work: Promise<T> | (() => Promise<T>)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${name}" did not finish in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([typeof work === 'function' ? work() : work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
};

export interface FixtureServer {
  httpOrigin: string;
  httpsPort: number;
  /** Every request the fixture servers received (path and body), for privacy checks. */
  requests: { url: string; body: string }[];
  /** Extra routes for tests (generated pages). */
  pages: Map<string, string>;
  close(): Promise<void>;
}

function makeCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=vigie-test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const requests: { url: string; body: string }[] = [];
  const pages = new Map<string, string>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      requests.push({ url: req.url ?? '', body });
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      const generated = pages.get(path);
      if (generated !== undefined) {
        res.writeHead(200, { 'content-type': TYPES['.html']! });
        res.end(generated);
        return;
      }
      const file = join(PAGES_DIR, path.replace(/^\/+/, ''));
      if (!file.startsWith(PAGES_DIR) || !existsSync(file) || statSync(file).isDirectory()) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
  };
  const http = createHttpServer(handler);
  const https = createHttpsServer(makeCert(), handler);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  const close = (s: Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });
  return {
    httpOrigin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    httpsPort: (https.address() as AddressInfo).port,
    requests,
    pages,
    close: async () => {
      await Promise.all([close(http), close(https as unknown as Server)]);
    },
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Remote-debugging port, when launched with `remoteDebugging`. */
  cdpPort?: number;
  close(): Promise<void>;
}

/**
 * `netLog`: a file for Chromium's own network log (`--log-net-log`, capture mode Everything: every URL request
 * of every process, the extension's service worker included, with the bytes sent), written when it closes.
 */
export async function launchWithExtension(
  options: { netLog?: string; remoteDebugging?: boolean; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'vigie-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors: true,
    viewport: { width: 1100, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${[...ADAPTER_HOSTS, PLAIN_HOST].map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.netLog ? [`--log-net-log=${options.netLog}`, '--net-log-capture-mode=Everything'] : []),
      // A second CDP client (the benchmark's heap probe of the service worker) connects through this port.
      ...(options.remoteDebugging ? ['--remote-debugging-port=0', '--remote-debugging-address=127.0.0.1'] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  let cdpPort: number | undefined;
  if (options.remoteDebugging) {
    const portFile = join(profile, 'DevToolsActivePort');
    for (let i = 0; i < 50 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
    cdpPort = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
  }
  return {
    context,
    worker,
    extensionId,
    ...(cdpPort ? { cdpPort } : {}),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface CrowdService {
  url: string;
  publicKey: string;
  close(): Promise<void>;
}

/** `vigie serve` on port 0 and a temporary data folder; resolves once it prints its URL and key. */
export async function startCrowdService(extraArgs: string[] = []): Promise<CrowdService> {
  const data = mkdtempSync(join(tmpdir(), 'vigie-serve-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'vigie.mjs'), 'serve', '--port', '0', '--data', data, ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const ready = await new Promise<{ url: string; publicKey: string }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`vigie serve did not start:\n${out}\n${err}`)), 120_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const key = /public key: ([A-Za-z0-9+/=]+)/.exec(out)?.[1];
      if (url && key) {
        clearTimeout(timer);
        resolveReady({ url, publicKey: key });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vigie serve exited with ${code}:\n${out}\n${err}`));
    });
  });
  return {
    ...ready,
    close: async () => {
      child.removeAllListeners('exit');
      if (child.pid !== undefined && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** The numbers a fixture page declares as the truth (`<script id="vigie-truth">`). */
export function fixtureTruth(name: string): { numbers: string[]; large?: string[] } {
  const html = readFileSync(join(PAGES_DIR, name), 'utf8');
  const json = /<script type="application\/json" id="vigie-truth">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`${name} has no vigie-truth block`);
  return JSON.parse(json) as { numbers: string[]; large?: string[] };
}

export interface BadgeInfo {
  number: string;
  level: string;
  size: string | null;
}

export async function badgesOn(page: Page): Promise<BadgeInfo[]> {
  return page.$$eval('vigie-badge', (els) =>
    els.map((e) => ({
      number: e.getAttribute('data-vigie-number') ?? '',
      level: e.getAttribute('data-vigie-level') ?? '',
      size: e.getAttribute('data-vigie-size'),
    })),
  );
}

/** Waits until the badge count stops changing (annotation is done in idle time). */
export async function settledBadges(page: Page, atLeast = 0, timeoutMs = 10_000): Promise<BadgeInfo[]> {
  const end = Date.now() + timeoutMs;
  let last = -1;
  let stable = 0;
  for (;;) {
    const n = await page.locator('vigie-badge').count();
    if (n === last && n >= atLeast) stable++;
    else stable = 0;
    last = n;
    if (stable >= 3 || Date.now() > end) break;
    await page.waitForTimeout(100);
  }
  return badgesOn(page);
}

/** Multiset precision/recall of badge numbers against the truth. */
export function precisionRecall(found: string[], truth: string[]): { tp: number; fp: number; fn: number } {
  const left = new Map<string, number>();
  for (const n of truth) left.set(n, (left.get(n) ?? 0) + 1);
  let tp = 0;
  let fp = 0;
  for (const n of found) {
    const k = left.get(n) ?? 0;
    if (k > 0) {
      tp++;
      left.set(n, k - 1);
    } else fp++;
  }
  const fn = [...left.values()].reduce((a, b) => a + b, 0);
  return { tp, fp, fn };
}

export interface NetLogContent {
  /** Every URL a request was made for. */
  urls: string[];
  /** Bytes sent on each socket (decoded as latin1), keyed by the socket's source id. */
  sent: Map<number, string>;
}

/** Reads the URLs requested and the bytes sent from a Chromium NetLog file. */
export function readNetLog(path: string): NetLogContent {
  const log = JSON.parse(readFileSync(path, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number; source: { id: number }; params?: { url?: string; bytes?: string } }[];
  };
  const types = log.constants.logEventTypes;
  // Sent bytes only (received ones hold the fixture pages, full of numbers); TLS ones in clear text.
  const sentTypes = new Set([types.SOCKET_BYTES_SENT, types.SSL_SOCKET_BYTES_SENT, types.UDP_BYTES_SENT]);
  const urls: string[] = [];
  const sent = new Map<number, string>();
  for (const e of log.events) {
    if (e.params?.url) urls.push(e.params.url);
    if (e.params?.bytes && sentTypes.has(e.type)) {
      const text = Buffer.from(e.params.bytes, 'base64').toString('latin1');
      sent.set(e.source.id, (sent.get(e.source.id) ?? '') + text);
    }
  }
  return { urls, sent };
}
