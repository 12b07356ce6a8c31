/**
 * An app update shows "nouvelle version disponible" with a reload button, and the button switches to the new
 * version. The service serves a copy of the built PWA; the test then changes the served service worker, as a
 * deployment would, and reloads.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensurePwaBuilt,
  launchChromium,
  PWA_DIST,
  phoneContext,
  type RunningService,
  startVigie,
} from './pwa-harness.ts';

let service: RunningService;
let browser: Browser;
let page: Page;
let pwaCopy: string;

beforeAll(async () => {
  ensurePwaBuilt();
  pwaCopy = mkdtempSync(join(tmpdir(), 'vigie-pwa-copy-'));
  cpSync(PWA_DIST, pwaCopy, { recursive: true });
  service = await startVigie({ pwaDir: pwaCopy });
  browser = await launchChromium();
  page = await (await phoneContext(browser)).newPage();
  await page.goto(`${service.url}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  if (pwaCopy) rmSync(pwaCopy, { recursive: true, force: true });
});

async function activeScriptBytes(): Promise<number> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const url = registration?.active?.scriptURL;
    if (!url) return -1;
    return (await (await fetch(url, { cache: 'no-store' })).text()).length;
  });
}

describe('PWA update', () => {
  it('shows no update prompt while the version is unchanged', async () => {
    await page.reload();
    await page.waitForSelector('input[name="number"]');
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-vigie-update]').count()).toBe(0);
  });

  it('offers the new version with a reload button, which switches to it', async () => {
    const swPath = join(pwaCopy, 'service-worker.js');
    const before = readFileSync(swPath, 'utf8').length;
    appendFileSync(swPath, `\n// second deployment ${Date.now()}\n`);
    await page.reload();
    const banner = await page.waitForSelector('[data-vigie-update]', { timeout: 30_000 });
    expect(await banner.textContent()).toContain('Nouvelle version disponible');
    // The old worker still serves this page until the user says so.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(
      true,
    );
    await Promise.all([
      page.waitForEvent('load', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Recharger' }).click(),
    ]);
    await page.waitForSelector('input[name="number"]');
    await page.waitForFunction(async () => !(await navigator.serviceWorker.getRegistration())?.waiting);
    expect(await page.locator('[data-vigie-update]').count()).toBe(0);
    expect(await activeScriptBytes()).toBeGreaterThan(before);
  });
});
