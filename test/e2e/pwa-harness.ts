/**
 * Shared set-up for the PWA end-to-end suites (test/e2e/pwa-*.test.ts): build the PWA once (a lock so two
 * test files do not build into dist/pwa together), start the real crowd service (`vigie serve`) on a random
 * port with a fresh data folder, seed it with reports from three independent reporters, and launch Debian's
 * Chromium headless.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PWA_DIST = join(ROOT, 'dist', 'pwa');
export const RESULTS_DIR = join(ROOT, 'test-results');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Build dist/pwa unless it is newer than every source it comes from. */
export function ensurePwaBuilt(): void {
  const lock = join(ROOT, 'dist', '.pwa-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than 2 minutes is a crashed build.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error('timed out waiting for the PWA build lock');
      sleepSync(500);
    }
  }
  try {
    const sources = Math.max(newestMtime(join(ROOT, 'pwa')), newestMtime(join(ROOT, 'shared')));
    let built = 0;
    try {
      built = statSync(join(PWA_DIST, 'service-worker.js')).mtimeMs;
    } catch {}
    if (built > sources) return;
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'pwa/vite.config.ts'],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunningService {
  url: string;
  publicKey: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `vigie serve` on 127.0.0.1, port 0, trusting X-Forwarded-For so seeded reporters look independent. */
export async function startVigie(options: { pwaDir?: string } = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-pwa-e2e-'));
  const args = [
    join(ROOT, 'bin', 'vigie.mjs'),
    'serve',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--data',
    dataDir,
    '--trust-proxy',
    '--publish-interval',
    '1',
  ];
  if (options.pwaDir) args.push('--pwa', options.pwaDir);
  // Its own process group, so stop() ends the service and nothing else.
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const deadline = Date.now() + 90_000;
  while (!/listening on (http:\/\/\S+)/.test(out) || !/public key: (\S+)/.test(out)) {
    if (child.exitCode !== null) throw new Error(`vigie serve exited: ${err}`);
    if (Date.now() > deadline) throw new Error(`vigie serve did not start: ${out} ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  const publicKey = /public key: (\S+)/.exec(out)![1]!;
  return {
    url,
    publicKey,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Seed {
  number: string;
  category: string;
  comment?: string;
  company?: string;
}

/** Three reporters behind three addresses report each seed; resolves once the list publishes them all. */
export async function seedReports(service: RunningService, seeds: Seed[]): Promise<void> {
  for (let r = 1; r <= 3; r++) {
    const reporter = `e2e-reporter-${r}-${'x'.repeat(20)}`;
    for (const seed of seeds) {
      const body = { id: crypto.randomUUID(), reporter, region: 'FR', ...seed };
      const response = await fetch(`${service.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${r}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`seed report: HTTP ${response.status} ${await response.text()}`);
    }
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const manifest = (await (await fetch(`${service.url}/api/v1/list/manifest`)).json()) as { count: number };
    if (manifest.count >= seeds.length) return;
    if (Date.now() > deadline) throw new Error(`list not published: count ${manifest.count}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function numberReports(service: RunningService, e164: string): Promise<number> {
  const response = await fetch(`${service.url}/api/v1/numbers/${encodeURIComponent(e164)}`);
  const body = (await response.json()) as { reports: number };
  return body.reports;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

const cspLogs = new WeakMap<BrowserContext, string[]>();

/**
 * What Chromium refused in this context because of the service's Content-Security-Policy (it logs each refusal
 * as a console error naming the policy). The PWA must pass its own policy: suites expect this to stay empty.
 */
export function cspViolations(context: BrowserContext): string[] {
  return cspLogs.get(context) ?? [];
}

/**
 * A phone: 390 px wide (a common phone) unless a width is asked for (320 px: the narrowest in use); watched for
 * CSP refusals.
 */
export async function phoneContext(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
  width = 390,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme,
    locale: 'fr-FR',
  });
  const log: string[] = [];
  cspLogs.set(context, log);
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) log.push(message.text());
  });
  return context;
}

/** The service worker controls the page and the crowd list is in IndexedDB (version ≥ 1). */
export async function waitForReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('vigie');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('list')) {
            db.close();
            resolve(false);
            return;
          }
          const get = db.transaction('list').objectStore('list').get('current');
          get.onsuccess = () => {
            db.close();
            resolve(Boolean(get.result && get.result.meta.version >= 1));
          };
          get.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
    null,
    { timeout: 30_000, polling: 250 },
  );
}

/** The answer shown now (verdict or error) and its sequence number. */
async function answerSeq(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-vigie-verdict], [data-vigie-error]');
    return el ? Number(el.getAttribute('data-vigie-seq')) : 0;
  });
}

/** Type a number in the contract's field and submit; resolves with the verdict element's attributes. */
export async function lookUp(page: Page, text: string): Promise<{ number: string | null; level: string | null }> {
  const before = await answerSeq(page);
  await page.fill('input[name="number"]', text);
  await page.press('input[name="number"]', 'Enter');
  await page.waitForFunction((prev) => {
    const el = document.querySelector('[data-vigie-verdict], [data-vigie-error]');
    return el !== null && Number(el.getAttribute('data-vigie-seq')) > prev;
  }, before);
  const verdict = page.locator('[data-vigie-verdict]');
  if ((await verdict.count()) === 0) {
    return { number: null, level: `error: ${await page.locator('[data-vigie-error]').textContent()}` };
  }
  return {
    number: await verdict.getAttribute('data-vigie-number'),
    level: await verdict.getAttribute('data-vigie-level'),
  };
}

export function resultsPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}

export interface PwaSuite {
  service: RunningService;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Closes Chromium, then stops the service and deletes its data. */
  close(): Promise<void>;
}

/**
 * The usual start of a PWA suite: build dist/pwa, start `vigie serve` seeded with `seeds`, launch Chromium with a
 * phone-sized context and open the app; unless `ready` is false, wait until the worker controls the page and the
 * list is synced. What was started is stopped again if a later step fails.
 */
export async function startPwaSuite(seeds: Seed[], options: { ready?: boolean } = {}): Promise<PwaSuite> {
  ensurePwaBuilt();
  const service = await startVigie();
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    const refused = context ? [...cspViolations(context)] : [];
    await browser?.close();
    await service.stop();
    if (refused.length > 0) throw new Error(`the PWA broke its Content-Security-Policy:\n${refused.join('\n')}`);
  };
  try {
    await seedReports(service, seeds);
    browser = await launchChromium();
    context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${service.url}/`);
    if (options.ready ?? true) await waitForReady(page);
    return { service, browser, context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
