#!/usr/bin/env node
/**
 * README screenshots, taken by the end-to-end tests in Chromium: runs the suites that save them (PWA at 390 px,
 * light; the extension's badges, card and popup) under the machine's browser lock, then copies the ones the
 * README shows into docs/screenshots/. Usage: `node bin/readme-screenshots.mjs` (add `--copy-only` to copy what
 * test-results/ already holds).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'test-results');
const OUT = join(ROOT, 'docs', 'screenshots');

/** test-results name → docs/screenshots name. */
const SHOTS = {
  'pwa-lookup-empty-390-light.png': 'pwa-lookup.png',
  'pwa-verdict-390-light.png': 'pwa-verdict.png',
  'pwa-verdict-390-dark.png': 'pwa-verdict-dark.png',
  'pwa-report-390-light.png': 'pwa-report.png',
  'pwa-diary-findings.png': 'pwa-diary.png',
  'pwa-diary-evidence.png': 'pwa-evidence.png',
  'extension-call-history.png': 'extension-badges.png',
  'extension-card.png': 'extension-card.png',
  'extension-popup.png': 'extension-popup.png',
};

if (!process.argv.includes('--copy-only')) {
  const suites = ['pwa-a11y', 'pwa-diary', 'extension-annotate', 'extension-popup'].map((s) => `test/e2e/${s}.test.ts`);
  execFileSync('flock', ['/tmp/vigie-browser.lock', 'npx', 'vitest', 'run', ...suites], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
mkdirSync(OUT, { recursive: true });
const missing = [];
for (const [from, to] of Object.entries(SHOTS)) {
  const source = join(RESULTS, from);
  if (existsSync(source)) copyFileSync(source, join(OUT, to));
  else missing.push(from);
}
if (missing.length > 0) {
  console.error(`readme-screenshots: not found in test-results/: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`readme-screenshots: ${Object.keys(SHOTS).length} images in docs/screenshots/`);
