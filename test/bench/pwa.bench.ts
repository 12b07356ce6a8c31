/**
 * PWA figures (issue 5): the shell's first-load JS and CSS (gzip), and the time from an offline reload to the
 * first verdict with a 1M-entry crowd list in IndexedDB, in Chromium with the CPU slowed ×4 through the
 * DevTools protocol (Emulation.setCPUThrottlingRate, a mid-range phone), plus the storage the list takes.
 *
 * The 1M list is made here (seeded), written with the real list writer, and served with a signed manifest by a
 * small local server next to the built PWA, so the app downloads, verifies and stores it through its own
 * sync code. Baselines: the shell with the classifier loaded eagerly (what lazy loading saves), the raw list
 * file size (what storage adds), and the unthrottled time.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { canonicalJson } from '../../shared/api/schemas.ts';
import { sha256Hex } from '../../shared/hash.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { writeList } from '../../shared/list/writer.ts';
import { CATEGORIES } from '../../shared/verdict.ts';
import { ensurePwaBuilt, launchChromium, PWA_DIST, waitForReady } from '../e2e/pwa-harness.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const ENTRIES = 1_000_000;
/** Median of 5: the machine is shared, single runs swing by ×2. */
const RUNS = 5;

function gzipKb(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length / 1024;
}

/** The JS and CSS index.html loads before anything else (entry script, its static imports, styles). */
function shellAssets(): { js: string[]; css: string[]; lazy: string[] } {
  const html = readFileSync(join(PWA_DIST, 'index.html'), 'utf8');
  const js = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/rel="modulepreload"[^>]+href="\/([^"]+)"/g),
  ].map((m) => m[1]!);
  const css = [...html.matchAll(/rel="stylesheet"[^>]+href="\/([^"]+\.css)"/g)].map((m) => m[1]!);
  const all = new Set([...js, ...css]);
  const lazy = (readFileSync(join(PWA_DIST, 'service-worker.js'), 'utf8').match(/assets\/[\w.-]+\.js/g) ?? []).filter(
    (f) => !all.has(f),
  );
  return { js, css, lazy: [...new Set(lazy)] };
}

function makeEntries(): ListEntry[] {
  const random = seededRandom(20_251_122);
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  while (entries.length < ENTRIES) {
    // French mobiles and fixed lines, the bulk of real reports.
    const lead = ['6', '7', '1', '2', '3', '4', '5', '9'][Math.floor(random() * 8)]!;
    const pattern = `+33${lead}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    if (seen.has(pattern)) continue;
    seen.add(pattern);
    entries.push({
      pattern,
      payload: {
        category: CATEGORIES[Math.floor(random() * 8)]!,
        score: 85 + Math.floor(random() * 170),
        reports: 3 + Math.floor(random() * 200),
        lastReportDay: 20_000 + Math.floor(random() * 400),
      },
    });
  }
  return entries;
}

const MIME: { [ext: string]: string } = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** dist/pwa plus the three list endpoints the sync uses, on 127.0.0.1:0. */
async function serve(listBytes: Uint8Array): Promise<{ server: Server; url: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const rawKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
  const sha = await sha256Hex(listBytes);
  const unsigned = {
    format: 1 as const,
    version: 1,
    createdAt: new Date().toISOString(),
    count: ENTRIES,
    listSha256: sha,
    snapshot: { name: 'snapshot-1.bin', size: listBytes.length, sha256: sha },
    deltas: [],
    publicKey: rawKey,
  };
  const signature = sign(null, Buffer.from(canonicalJson(unsigned)), privateKey).toString('base64');
  const manifest = JSON.stringify({ ...unsigned, signature });
  const root = resolve(PWA_DIST);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/v1/list/manifest') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(manifest);
      return;
    }
    if (path === '/api/v1/list/files/snapshot-1.bin') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(listBytes);
      return;
    }
    if (path.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    let file = resolve(join(root, path === '/' ? 'index.html' : path.slice(1)));
    if (!file.startsWith(root + sep)) file = join(root, 'index.html');
    try {
      if (!statSync(file).isFile()) file = join(root, 'index.html');
    } catch {
      file = join(root, 'index.html');
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function (record: Record): Promise<void> {
  ensurePwaBuilt();
  const assets = shellAssets();
  const shellJs = assets.js.reduce((sum, f) => sum + gzipKb(join(PWA_DIST, f)), 0);
  const lazyJs = assets.lazy.reduce((sum, f) => sum + gzipKb(join(PWA_DIST, f)), 0);
  record('pwa.shell.js.gzip_kb', { value: shellJs, unit: 'KB', baseline: shellJs + lazyJs });
  record('pwa.shell.css.gzip_kb', { value: assets.css.reduce((s, f) => s + gzipKb(join(PWA_DIST, f)), 0), unit: 'KB' });

  const entries = makeEntries();
  const listBytes = writeList(entries, { version: 1 });
  const probe = entries[ENTRIES >> 1]!.pattern;
  const { server, url } = await serve(listBytes);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'fr-FR',
    });
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await waitForReady(page);
    const usage = await page.evaluate(async () => {
      const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
        usageDetails?: { indexedDB?: number };
      };
      return estimate.usageDetails?.indexedDB ?? estimate.usage ?? 0;
    });
    record('pwa.storage.list.1m.mb', { value: usage / 1e6, unit: 'MB', baseline: listBytes.length / 1e6 });

    await context.setOffline(true);
    const cdp = await context.newCDPSession(page);
    const firstVerdict = async (): Promise<number> => {
      await page.goto(`${url}/?n=${encodeURIComponent(probe)}`);
      await page.waitForSelector('[data-vigie-verdict]', { timeout: 60_000 });
      const level = await page.getAttribute('[data-vigie-verdict]', 'data-vigie-level');
      if (level === 'unknown') throw new Error(`probe ${probe} not found in the list`);
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])),
      );
      if (process.env.VIGIE_BENCH_VERBOSE) console.log('   ', JSON.stringify(marks));
      return marks['vigie:first-verdict'] ?? Number.NaN;
    };
    const unthrottled: number[] = [];
    for (let i = 0; i < RUNS; i++) unthrottled.push(await firstVerdict());
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const throttled: number[] = [];
    for (let i = 0; i < RUNS; i++) throttled.push(await firstVerdict());
    record('pwa.offline.first_verdict.1m.ms', {
      value: median(throttled),
      unit: 'ms (CPU ×4)',
      baseline: median(unthrottled),
    });
  } finally {
    await browser.close();
    server.close();
  }
}
