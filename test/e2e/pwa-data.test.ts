/**
 * The user's own data in the PWA: personal lists (block, allow, temporary allow, prefixes) change the verdict;
 * settings (language) apply at once; export → wipe → import brings the lists and history back; a bad import
 * file gets a clear error.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookUp, type PwaSuite, startPwaSuite } from './pwa-harness.ts';

const LISTED = '+33612345678';

let suite: PwaSuite | undefined;
let page: Page;

beforeAll(async () => {
  suite = await startPwaSuite([{ number: LISTED, category: 'telemarketing' }]);
  ({ page } = suite);
});

afterAll(async () => {
  await suite?.close();
});

async function reasons(): Promise<string[]> {
  return page
    .locator('[data-vigie-verdict] [data-reason]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-reason') ?? ''));
}

async function tab(screen: string): Promise<void> {
  await page.locator(`nav button[data-screen="${screen}"]`).click();
  await page.waitForSelector(`nav button[data-screen="${screen}"][aria-current="page"]`);
}

describe('PWA personal lists, settings and data', () => {
  it('block and allow from the verdict card change the verdict; allow wins', async () => {
    expect(await lookUp(page, '0698765432')).toEqual({ number: '+33698765432', level: 'unknown' });
    await page.getByRole('button', { name: 'Bloquer' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-vigie-verdict]')?.getAttribute('data-vigie-level') !== 'unknown',
    );
    expect(await reasons()).toContainEqual(expect.stringMatching(/^personal:/));
    expect(await lookUp(page, '0612345678')).toEqual({ number: LISTED, level: 'spam' });
    await page.getByRole('button', { name: 'Autoriser 2 h' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-vigie-verdict]')?.getAttribute('data-vigie-level') === 'trusted',
    );
    await tab('lists');
    // Numbers as people write them, the end of a temporary allow as people say it ("jusqu’au 2 déc. à 10 h 30").
    await expect.poll(() => page.locator('[data-personal="allow"]').textContent()).toContain('06 12 34 56 78');
    expect(await page.locator('[data-personal="allow"]').textContent()).toMatch(/jusqu’au \d+ \S+ à \d+ h \d\d/);
    expect(await page.locator('[data-personal="block"]').textContent()).toContain('06 98 76 54 32');
  });

  it('adds a prefix block from the lists screen and refuses a bad pattern with a clear message', async () => {
    await page.fill('input[name="pattern"]', 'bonjour');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    expect(await page.locator('#pattern-error').textContent()).toMatch(/Saisissez un numéro/);
    // A prefix written as the screen suggests it, with "…".
    await page.fill('input[name="pattern"]', '01 44 55…');
    await page.fill('input[name="label"]', 'Centre d’appels');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect
      .poll(() => page.locator('[data-personal="block"]').allTextContents())
      .toContainEqual(expect.stringContaining('01 44 55…'));
    await tab('lookup');
    await lookUp(page, '01 44 55 66 77');
    expect(await reasons()).toContainEqual(expect.stringMatching(/^personal:/));
  });

  it('switches the whole interface to English from the settings', async () => {
    await tab('settings');
    await page.selectOption('select[name="language"]', 'en');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('nav button[data-screen="settings"]:has-text("Settings")');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.fill('input[name="region"]', 'F1');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('form [role="alert"]').textContent()).toMatch(/region/i);
    await page.fill('input[name="region"]', 'FR');
    await page.selectOption('select[name="language"]', 'fr');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('nav button[data-screen="settings"]:has-text("Réglages")');
  });

  it('exports, wipes and imports the user data', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter mes données (JSON)' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      format: string;
      personal: { pattern: string }[];
      history: unknown[];
    };
    expect(exported.format).toBe('vigie-pwa-export');
    expect(exported.personal.map((p) => p.pattern)).toEqual(
      expect.arrayContaining([LISTED, '+33698765432', '+3314455*']),
    );
    expect(exported.history.length).toBeGreaterThan(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Effacer toutes mes données' }).click(),
    ]);
    await page.waitForSelector('input[name="number"]');
    await tab('lists');
    await expect.poll(() => page.locator('[data-personal]').count()).toBe(0);

    await tab('settings');
    await page.setInputFiles('input[type="file"]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"something-else","version":1}'),
    });
    expect(await page.locator('[role="alert"]').first().textContent()).toMatch(/pas un export Vigie/);
    await Promise.all([
      page.waitForEvent('load'),
      page.setInputFiles('input[type="file"]', {
        name: 'vigie.json',
        mimeType: 'application/json',
        buffer: readFileSync((await download.path())!),
      }),
    ]);
    await page.waitForSelector('input[name="number"]');
    await tab('lists');
    await expect.poll(() => page.locator('[data-personal]').count()).toBe(exported.personal.length);
    await tab('history');
    await expect.poll(() => page.locator('[data-history-kind]').count()).toBe(exported.history.length);
  });
});
