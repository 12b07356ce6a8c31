/**
 * Stock Firefox (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi, with the Firefox build of
 * the extension installed as a temporary add-on (BiDi `webExtension.install`, which takes unsigned builds).
 *
 * Firefox-only workarounds live here, and only here:
 * - The extension's pages have a random `moz-extension://<uuid>` origin: Firefox draws the UUID per install
 *   (MDN, "runtime.getURL": the internal UUID differs on every browser profile), and `installExtension` gives
 *   back only the add-on id. The profile pins it with the `extensions.webextensions.uuids` preference, so the
 *   test can open the popup page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ROOT, withBuildLock } from './extension-harness.ts';

export const FIREFOX = '/usr/bin/firefox-esr';
/** Its own output folder, so this build never replaces the Chrome one other suites use. */
export const FIREFOX_OUT = join(ROOT, 'dist', 'e2e-firefox');
export const FIREFOX_EXTENSION_DIR = join(FIREFOX_OUT, 'firefox-mv2');
/** The gecko id from wxt.config.ts. */
export const GECKO_ID = 'vigie@vigie.invalid';
/** The pinned moz-extension origin (see the header). */
export const EXTENSION_UUID = '7c1d8e2a-3b4f-4c5d-9e6f-a1b2c3d4e5f6';

export function ensureFirefoxBuilt(): void {
  withBuildLock(() => {
    const manifest = join(FIREFOX_EXTENSION_DIR, 'manifest.json');
    if (existsSync(manifest) && Date.now() - statSync(manifest).mtimeMs < 60_000) return;
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 300_000,
      env: { ...process.env, VIGIE_EXT_OUTDIR: FIREFOX_OUT },
    });
  });
}

export interface FirefoxWithExtension {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  const profile = mkdtempSync(join(tmpdir(), 'vigie-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    protocol: 'webDriverBiDi',
    protocolTimeout: 60_000,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
