/**
 * The shell's first-load budget (issue 5): the JS index.html loads before anything else — the entry script and
 * what it imports statically — stays ≤ 100 KB gzip, and libphonenumber's metadata is not in it (it comes with
 * the lazy engine chunk, after the first paint). The service worker precaches that chunk, so look-ups still
 * work offline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePwaBuilt, PWA_DIST } from './pwa-harness.ts';

let html: string;
let shellFiles: string[];

/** Static imports of a built chunk (`import{…}from"./x.js"` / `import"./x.js"`), followed recursively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(PWA_DIST, file), 'utf8');
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},\s*]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)) {
    staticClosure(`assets/${match[1]}`, seen);
  }
  return seen;
}

beforeAll(() => {
  ensurePwaBuilt();
  html = readFileSync(join(PWA_DIST, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/rel="modulepreload"[^>]+href="\/([^"]+)"/g),
  ].map((m) => m[1]!);
  const all = new Set<string>();
  for (const entry of entries) for (const file of staticClosure(entry)) all.add(file);
  shellFiles = [...all];
});

describe('PWA first-load budget', () => {
  it('loads at most 100 KB of gzipped JS before the first paint', () => {
    expect(shellFiles.length).toBeGreaterThan(0);
    const gzipKb = shellFiles.reduce((sum, f) => sum + gzipSync(readFileSync(join(PWA_DIST, f))).length, 0) / 1024;
    expect(gzipKb).toBeLessThanOrEqual(100);
  });

  it('keeps libphonenumber metadata out of the shell and in a precached lazy chunk', () => {
    const metadataMarker = 'country_calling_codes';
    for (const file of shellFiles) expect(readFileSync(join(PWA_DIST, file), 'utf8')).not.toContain(metadataMarker);
    const sw = readFileSync(join(PWA_DIST, 'service-worker.js'), 'utf8');
    const precached = [...sw.matchAll(/assets\/[\w.-]+\.js/g)].map((m) => m[0]);
    const withMetadata = precached.filter((f) => readFileSync(join(PWA_DIST, f), 'utf8').includes(metadataMarker));
    expect(withMetadata.length).toBeGreaterThan(0);
  });
});
