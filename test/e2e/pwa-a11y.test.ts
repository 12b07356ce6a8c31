/**
 * Accessibility, looks and language: axe-core on every main screen at 320 and 390 px wide, light and dark, with
 * no serious or critical issue; every French screen reads French (no English words, rule ids, ISO dates, "(s)"
 * plurals, E.164 numbers: french-text.ts); nothing wider than the screen; screenshots saved in test-results/ as
 * artefacts; touch targets ≥ 44 px.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchProblems } from './french-text.ts';
import {
  cspViolations,
  ensurePwaBuilt,
  launchChromium,
  lookUp,
  phoneContext,
  ROOT,
  type RunningService,
  resultsPath,
  seedReports,
  startVigie,
  waitForReady,
} from './pwa-harness.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const LISTED = '+33612345678';

let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  ensurePwaBuilt();
  service = await startVigie();
  await seedReports(service, [{ number: LISTED, category: 'telemarketing', comment: 'Isolation à 1 euro' }]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe violations on the page (the diary screen belongs to its own suite). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not an inline <script> tag, which the PWA's CSP refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script with no types here.
    const axe = (window as any).axe;
    const result = await axe.run({ exclude: [['[data-vigie-diary]']] }, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [width, scheme] of [
  [390, 'light'],
  [390, 'dark'],
  [320, 'light'],
  [320, 'dark'],
] as const) {
  describe(`PWA screens, ${width} px, ${scheme}`, () => {
    let page: Page;

    beforeAll(async () => {
      page = await (await phoneContext(browser, scheme, width)).newPage();
      await page.goto(`${service.url}/`);
      await waitForReady(page);
    });

    async function check(name: string): Promise<void> {
      await page.waitForTimeout(300);
      await page.screenshot({ path: resultsPath(`pwa-${name}-${width}-${scheme}.png`), fullPage: true });
      expect(await seriousViolations(page), `${name} (${width} px, ${scheme})`).toEqual([]);
      expect(cspViolations(page.context()), `${name} (${width} px, ${scheme}): CSP`).toEqual([]);
      expect(await frenchProblems(page.locator('body')), `${name} in French`).toEqual([]);
      // Nothing spills sideways: the page is never wider than the phone.
      const overflow = await page.evaluate(
        (w) => Math.max(document.documentElement.scrollWidth, window.innerWidth) - w,
        width,
      );
      expect(overflow, `${name} wider than ${width} px`).toBeLessThanOrEqual(0);
    }

    it('look-up screen and verdict card', async () => {
      await check('lookup-empty');
      expect(await lookUp(page, '06 12 34 56 78')).toEqual({ number: LISTED, level: 'spam' });
      await page.locator('.crowd li').first().waitFor({ timeout: 10_000 });
      await check('verdict');
    });

    it('report form', async () => {
      await page.getByRole('button', { name: 'Signaler ce numéro' }).click();
      await page.locator('[data-vigie-report-form] details summary').click();
      // One send button, the disclosure open or not.
      expect(await page.getByRole('button', { name: 'Envoyer le signalement' }).count()).toBe(1);
      await check('report');
      await page.getByRole('button', { name: 'Annuler' }).click();
    });

    it('history, lists, diary and settings', async () => {
      for (const [screen, label] of [
        ['history', 'Historique'],
        ['lists', 'Mes listes'],
        ['diary', 'Journal'],
        ['settings', 'Réglages'],
      ] as const) {
        await page.locator(`nav button[data-screen="${screen}"]`).click();
        await page.waitForSelector(`nav button[data-screen="${screen}"][aria-current="page"]`);
        expect(await page.locator(`nav button[data-screen="${screen}"]`).textContent()).toContain(label);
        await check(screen);
      }
    });

    it('gives every button and field a touch target of at least 44×44 px', async () => {
      await page.locator('nav button[data-screen="lookup"]').click();
      await lookUp(page, '06 12 34 56 78');
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button, input:not([type="checkbox"]):not([type="radio"]), select, summary')]
          .filter((el) => !el.closest('[data-vigie-diary]'))
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
          .map(({ el, box }) => `${el.outerHTML.slice(0, 60)} ${box.width}×${box.height}`),
      );
      expect(small).toEqual([]);
    });
  });
}

describe('Content-Security-Policy', () => {
  it('is enforced on the served PWA: an injected inline script is refused, and the refusal is seen', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${service.url}/`);
    await page.waitForSelector('input[name="number"]', { timeout: 30_000 });
    await page.addScriptTag({ content: 'window.vigieInlineRan = true;' }).catch(() => {});
    expect(await page.evaluate(() => 'vigieInlineRan' in window)).toBe(false);
    await expect.poll(() => cspViolations(context).join('\n'), { timeout: 5_000 }).toContain('script-src');
    await context.close();
  });
});
