/**
 * The diary end to end in Chromium: log five calls from one company in the PWA (Paris time), see the rules each
 * broke, open the printable evidence page and save screenshots (screen and print media) in test-results/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PwaSuite, ROOT, resultsPath, startPwaSuite } from './pwa-harness.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Serious and critical axe-core violations inside `selector`, details opened so their content is checked too. */
async function seriousViolations(selector: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, not an inline <script> tag, which the PWA's CSP refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const violations = await page.evaluate(async (sel) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script with no types here.
    const axe = (window as any).axe;
    const result = await axe.run({ include: [[sel]] }, { resultTypes: ['violations'] });
    return result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Reported by three other users with a company name: the diary suggests it for this number.
const CROWD_NUMBER = '+33162999999';

let suite: PwaSuite | undefined;
let page: Page;

beforeAll(async () => {
  suite = await startPwaSuite(
    [{ number: CROWD_NUMBER, category: 'telemarketing', comment: 'Isolation à 1 euro', company: 'Eco Habitat' }],
    { ready: false },
  );
  ({ page } = suite);
  await page.click('button[data-screen="diary"]');
  await page.waitForSelector('[data-vigie-diary-form]');
  await page.selectOption('select[name="timeZone"]', 'Europe/Paris');
});

afterAll(async () => {
  await suite?.close();
});

interface Call {
  number: string;
  time: string;
  company?: string;
  refused?: boolean;
}

async function logCall(call: Call): Promise<void> {
  const form = page.locator('[data-vigie-diary-form]');
  await form.locator('input[name="number"]').fill(call.number);
  await form.locator('input[name="time"]').fill(call.time);
  if (call.company !== undefined) await form.locator('input[name="company"]').fill(call.company);
  if (call.refused) await form.locator('input[name="refused"]').check();
  const entries = await page.locator('[data-vigie-entry]').count();
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-vigie-entry]').length === n + 1, entries);
}

describe('PWA diary', () => {
  it('logs five calls, groups them by company and shows the rules each broke', async () => {
    // Monday 2 March 2026 09:30: before 10:00; the user says no.
    await logCall({ number: '01 62 00 00 01', time: '2026-03-02T09:30', company: 'Isolation Plus', refused: true });
    // Same number again: the company is suggested from the first entry.
    await page.locator('[data-vigie-diary-form] input[name="number"]').fill('0162000001');
    await expect
      .poll(() => page.locator('[data-vigie-diary-form] input[name="company"]').inputValue())
      .toBe('Isolation Plus');
    // Saturday 7 March: weekend, and within 60 days of the refusal.
    await logCall({ number: '0162000001', time: '2026-03-07T11:00' });
    await logCall({ number: '0948000002', time: '2026-03-10T11:00', company: 'isolation plus' });
    await logCall({ number: '0948000002', time: '2026-03-11T11:00', company: 'Isolation Plus' });
    // 5th call in 30 days, from a premium number.
    await logCall({ number: '0899123456', time: '2026-03-12T11:00', company: 'Isolation Plus' });

    const companies = page.locator('[data-vigie-company]');
    await expect.poll(() => companies.count()).toBe(1);
    const card = companies.first();
    expect(
      Number(await card.locator('[data-vigie-law-count]').getAttribute('data-vigie-law-count')),
    ).toBeGreaterThanOrEqual(8);
    const rules = await card
      .locator('.diary-findings [data-vigie-finding]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-vigie-finding')));
    for (const rule of [
      'outside-hours',
      'weekend',
      'within-60-days-of-refusal',
      'over-4-in-30-days',
      'forbidden-caller-id',
    ]) {
      expect(rules).toContain(rule);
    }
    // Ready-made actions: a SignalConso case per kind of finding, the 33700 SMS and the letter.
    expect(await card.locator('[data-vigie-action="signalconso"]').count()).toBe(4);
    expect(await card.locator('[data-vigie-action="33700"]').count()).toBe(1);
    expect(await card.locator('[data-vigie-action="letter"]').count()).toBe(1);
    await page.screenshot({ path: resultsPath('pwa-diary-findings.png'), fullPage: true });
  }, 90_000);

  it('has no serious or critical accessibility issue (axe-core), light and dark', async () => {
    expect(await seriousViolations('[data-vigie-diary]')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations('[data-vigie-diary]')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  }, 60_000);

  it('opens the printable evidence page for the company', async () => {
    await page.click('[data-vigie-open-evidence]');
    const evidence = page.locator('[data-vigie-evidence]');
    await evidence.waitFor();
    expect(await evidence.locator('[data-vigie-call]').count()).toBe(5);
    const text = await evidence.textContent();
    expect(text).toContain('Isolation Plus');
    expect(text).toContain('le lundi 2 mars 2026 à 9 h 30');
    // A plain document: rule names in words, never their ids.
    expect(text).not.toMatch(/outside-hours|no-prior-consent|within-60-days/);
    expect(text).toContain('Code de la consommation, art. D.223-9');
    expect(await seriousViolations('[data-vigie-evidence]')).toEqual([]);
    await page.screenshot({ path: resultsPath('pwa-diary-evidence.png'), fullPage: true });
    // In print media only the evidence page is visible (the tab bar and tools are hidden).
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.tabs').evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    expect(await page.locator('.diary-evidence-tools').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await evidence.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    await page.screenshot({ path: resultsPath('pwa-diary-evidence-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('suggests the company other users reported for a number the diary does not know', async () => {
    await page.click('[data-vigie-evidence] button:not(.primary)');
    const form = page.locator('[data-vigie-diary-form]');
    await form.locator('input[name="number"]').fill('01 62 99 99 99');
    await expect
      .poll(() => form.locator('input[name="company"]').inputValue(), { timeout: 10_000 })
      .toBe('Eco Habitat');
    expect(await form.textContent()).toContain('Suggéré d’après les signalements d’autres utilisateurs');
  }, 30_000);
});
