/**
 * "Sur mon téléphone" in Chromium: the guide opens from the look-up screen and at `/?ecran=telephone`, gives the
 * CardDAV address of this server (with the options chosen), and "Protéger mon téléphone" downloads a vCard file
 * that a parser nobody here wrote (ical.js) reads: the synced list's numbers under Vigie contacts, and the
 * personal block list's numbers, which never left the device. Screenshots for docs/phone.md go to test-results/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byName, parseVcards } from '../integration/carddav-helpers.ts';
import { lookUp, type PwaSuite, ROOT, resultsPath, startPwaSuite } from './pwa-harness.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let suite: PwaSuite | undefined;
let page: Page;

beforeAll(async () => {
  suite = await startPwaSuite([
    { number: '+33612345678', category: 'scam' },
    { number: '+33712345678', category: 'telemarketing' },
  ]);
  ({ page } = suite);
}, 240_000);

afterAll(async () => {
  await suite?.close();
});

describe('PWA phone guide', () => {
  it('gives the CardDAV address of this server, with the options chosen', async () => {
    await page.locator('button[data-screen="phone"]').click();
    await page.waitForSelector('[data-vigie-phone-guide]', { timeout: 30_000 });
    const url = page.locator('[data-vigie-carddav-url]');
    expect(await url.inputValue()).toBe(`${suite?.service.url}/carddav/`);
    await page.getByLabel('Numéros à inclure').selectOption('danger');
    await page.getByLabel('Numéros français seulement').check();
    expect(await url.inputValue()).toBe(`${suite?.service.url}/carddav/o/min-danger,fr/`);
    await page.getByLabel('Numéros à inclure').selectOption('caution');
    await page.getByLabel('Numéros français seulement').uncheck();
    await page.screenshot({ path: resultsPath('phone-guide-fr.png'), fullPage: true });
    // axe-core: no serious or critical violation on the guide.
    // Through the DevTools protocol: the PWA's CSP (rightly) refuses an inline script tag.
    await page.evaluate(AXE);
    const serious = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script with no types here.
      const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
      return (result.violations as { id: string; impact: string }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(serious).toEqual([]);
  });

  it('"Protéger mon téléphone" downloads the list and the personal block list as vCards', async () => {
    await page.goto(`${suite?.service.url}/`);
    expect(await lookUp(page, '06 98 76 54 32')).toEqual({ number: '+33698765432', level: 'unknown' });
    await page.getByRole('button', { name: 'Bloquer' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-vigie-verdict]')?.getAttribute('data-vigie-level') !== 'unknown',
      null,
      { timeout: 10_000 },
    );
    // The guide's own address opens it directly (the extension's link and QR code point there).
    await page.goto(`${suite?.service.url}/?ecran=telephone`);
    await page.waitForSelector('[data-vigie-phone-guide]', { timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.locator('button[data-vigie-protect]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vigie-contacts-v\d+-\d{4}-\d{2}-\d{2}\.vcf$/);
    const path = resultsPath('phone-download.vcf');
    await download.saveAs(path);
    const cards = parseVcards(readFileSync(path, 'utf8'));
    expect(byName(cards)).toEqual({
      '⛔ Vigie · Arnaque': ['+33612345678'],
      '⚠ Vigie · Démarchage': ['+33712345678'],
      '🚫 Vigie · Ma liste de blocage': ['+33698765432'],
    });
    await page.waitForSelector('[data-vigie-protect-done]', { timeout: 10_000 });
    expect(await page.locator('[data-vigie-protect-done]').textContent()).toContain('1 de votre liste de blocage');
  });
});
