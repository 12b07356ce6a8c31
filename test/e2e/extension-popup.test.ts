/**
 * The popup, the options page and the crowd service, in real Chromium with a running `vigie serve --demo`:
 * settings saved through the options page, list sync, look-up (with the private range look-up on), personal
 * lists changing verdicts and page badges, reports from the popup and from a badge's card reaching the service,
 * pause on a site, axe-core on the popup. Privacy: Chromium's own NetLog (every request of every process, the
 * extension's service worker included) is searched for every looked-up and annotated number in every format.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrowdService,
  type ExtensionBrowser,
  ensureExtensionBuilt,
  type FixtureServer,
  fixtureTruth,
  launchWithExtension,
  RESULTS_DIR,
  ROOT,
  readNetLog,
  settledBadges,
  startCrowdService,
  startFixtureServer,
} from './extension-harness.ts';

let server: FixtureServer;
let service: CrowdService;
let browser: ExtensionBrowser | null = null;
let tmp: string;
let netLogPath: string;
let page: Page;
let tabId: number;

const LOOKED_UP = ['+33199000102', '+33612345678', '+33162123456'];
const REPORTED = ['+33199000106', '+33899234567'];

beforeAll(async () => {
  ensureExtensionBuilt();
  mkdirSync(RESULTS_DIR, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'vigie-popup-'));
  netLogPath = join(tmp, 'netlog.json');
  [server, service] = await Promise.all([startFixtureServer(), startCrowdService(['--demo'])]);
  browser = await launchWithExtension({ netLog: netLogPath });
});

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function aggregateReports(number: string): Promise<number> {
  const res = await fetch(`${service.url}/api/v1/numbers/${encodeURIComponent(number)}`);
  const body = (await res.json()) as { reports: number };
  return body.reports;
}

async function openPopup(): Promise<Page> {
  const popup = await browser!.context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${browser!.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('tab', { name: 'Vérifier' }).waitFor();
  return popup;
}

async function openPopupIn(tabName: string): Promise<Page> {
  const popup = await browser!.context.newPage();
  await popup.goto(`chrome-extension://${browser!.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('tab', { name: tabName }).waitFor();
  return popup;
}

async function lookUp(popup: Page, input: string): Promise<string> {
  await popup.getByRole('tab', { name: 'Vérifier' }).click();
  await popup.fill('input[name="lookup"]', input);
  await popup.getByRole('button', { name: 'Vérifier', exact: true }).last().click();
  const verdict = popup.locator('[data-vigie-verdict]');
  await verdict.waitFor();
  return (await verdict.getAttribute('data-vigie-verdict')) ?? '';
}

const badgeLevel = (n: string) =>
  page.locator(`vigie-badge[data-vigie-number="${n}"]`).first().getAttribute('data-vigie-level');

describe('popup, options and the crowd service', () => {
  it('saves the service in the options page and syncs the list', async () => {
    const options = await browser!.context.newPage();
    await options.goto(`chrome-extension://${browser!.extensionId}/options.html`);
    await options.fill('input[name="serverUrl"]', service.url);
    await options.fill('input[name="publicKey"]', service.publicKey);
    await options.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toBe('Enregistré.');
    // The phone guide (issue 9): a link and a QR code to the PWA's page on this service.
    const guide = `${service.url}/?ecran=telephone`;
    await expect.poll(() => options.locator('[data-vigie-phone-link]').getAttribute('href')).toBe(guide);
    expect(await options.locator('[data-vigie-phone-qr]').getAttribute('data-vigie-phone-qr')).toBe(guide);
    await options.getByRole('checkbox', { name: /Recherche en ligne privée/ }).check();
    await expect.poll(() => options.locator('input[name="rangeLookups"]').isChecked()).toBe(true);
    await options.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect.poll(() => options.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/updated|current/);
    await expect
      .poll(() => options.locator('[data-vigie-list-version]').getAttribute('data-vigie-list-version'))
      .not.toBe('0');
    await options.close();
  });

  it('looks up a pasted number with the synced list and lists the numbers on the page', async () => {
    page = await browser!.context.newPage();
    await page.goto(`${server.httpOrigin}/call-history.html`);
    await settledBadges(page, fixtureTruth('call-history.html').numbers.length);
    tabId = await browser!.worker.evaluate(async () => {
      const c = (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }
      ).chrome;
      const tabs = await c.tabs.query({});
      return tabs.find((t) => t.url?.includes('call-history.html'))!.id;
    });
    // The toolbar shows how many distinct danger/spam numbers the page has.
    const dangerous = new Set(
      await page.$$eval('vigie-badge', (els) =>
        els
          .filter((e) => ['danger', 'spam'].includes(e.getAttribute('data-vigie-level') ?? ''))
          .map((e) => e.getAttribute('data-vigie-number')),
      ),
    );
    expect(dangerous.size).toBeGreaterThan(0);
    await expect
      .poll(() =>
        browser!.worker.evaluate(async (id) => {
          const c = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } })
            .chrome;
          return c.action.getBadgeText({ tabId: id });
        }, tabId),
      )
      .toBe(String(dangerous.size));
    const popup = await openPopup();
    const level = await lookUp(popup, 'Tél. : 01 99 00 01 02');
    expect(['danger', 'spam']).toContain(level);
    expect(await popup.locator('[data-vigie-verdict]').textContent()).toContain('01 99 00 01 02');

    const distinct = new Set(fixtureTruth('call-history.html').numbers);
    await popup.getByRole('tab', { name: /Cette page/ }).click();
    await expect.poll(() => popup.locator('ul.numbers li').count()).toBe(distinct.size);
    expect(
      await popup.locator('ul.numbers li[data-vigie-number="+33899234567"]').getAttribute('data-vigie-level'),
    ).toBe('danger');
    // A bad input gets a clear message.
    await popup.getByRole('tab', { name: 'Vérifier' }).click();
    await popup.fill('input[name="lookup"]', 'bonjour');
    await popup.getByRole('button', { name: 'Vérifier', exact: true }).last().click();
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/numéro/i);
    await popup.close();
  });

  it('changes verdicts and page badges through the personal lists, and back', async () => {
    const popup = await openPopup();
    expect(await lookUp(popup, '06 12 34 56 78')).toBe('unknown');
    await popup.getByRole('button', { name: 'Bloquer' }).click();
    await expect
      .poll(() => popup.locator('[data-vigie-verdict]').getAttribute('data-vigie-verdict'))
      .not.toBe('unknown');
    const blockedLevel = await popup.locator('[data-vigie-verdict]').getAttribute('data-vigie-verdict');
    await expect.poll(() => badgeLevel('+33612345678')).toBe(blockedLevel);

    expect(await lookUp(popup, '01 62 12 34 56')).toBe('spam');
    await popup.getByRole('button', { name: 'Toujours autoriser' }).click();
    await expect.poll(() => popup.locator('[data-vigie-verdict]').getAttribute('data-vigie-verdict')).toBe('trusted');
    await expect.poll(() => badgeLevel('+33162123456')).toBe('trusted');

    // The options page lists both entries and removes them; the page goes back to the core's verdicts.
    const options = await browser!.context.newPage();
    await options.goto(`chrome-extension://${browser!.extensionId}/options.html`);
    await expect.poll(() => options.locator('tr[data-personal-pattern]').count()).toBe(2);
    await options.getByRole('button', { name: 'Retirer +33612345678' }).click();
    await options.getByRole('button', { name: 'Retirer +33162123456' }).click();
    await expect.poll(() => options.locator('tr[data-personal-pattern]').count()).toBe(0);
    await expect.poll(() => badgeLevel('+33612345678')).toBe('unknown');
    await expect.poll(() => badgeLevel('+33162123456')).toBe('spam');
    await options.close();
    await popup.close();
  });

  it('sends a report from the popup and one from a badge card; both reach the service', async () => {
    const before = await aggregateReports(REPORTED[0]!);
    const popup = await openPopup();
    await lookUp(popup, '01 99 00 01 06');
    await popup.getByRole('button', { name: 'Signaler', exact: true }).click();
    await popup.selectOption('select[name="category"]', 'telemarketing');
    await popup.fill('textarea[name="comment"]', 'Appelle tous les jours à 12h');
    await popup.fill('input[name="company"]', 'Isolation Express');
    await popup.fill('input[name="calledAt"]', '2026-11-20T12:05');
    await popup.screenshot({ path: join(RESULTS_DIR, 'extension-popup.png') });
    // The popup's CSP forbids injected <script>: evaluate axe's source through the DevTools protocol instead.
    await popup.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    const violations = await popup.evaluate(async () => {
      type R = { violations: { id: string; impact: string }[] };
      const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<R> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await popup.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => popup.locator('form [role="status"]').textContent()).toBe('Signalement envoyé. Merci !');
    expect(await aggregateReports(REPORTED[0]!)).toBe(before + 1);
    await popup.close();

    const beforeCard = await aggregateReports(REPORTED[1]!);
    await page.bringToFront();
    await page.locator('#row-3 vigie-badge').click();
    const card = page.locator('vigie-card [role="dialog"]');
    await card.getByRole('button', { name: 'Signaler', exact: true }).click();
    await card.locator('select[name="category"]').selectOption('premium_callback');
    await card.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect.poll(() => card.locator('[role="status"]').textContent()).toBe('Signalement envoyé. Merci !');
    expect(await aggregateReports(REPORTED[1]!)).toBe(beforeCard + 1);
    await page.keyboard.press('Escape');
  });

  it('pauses Vigie on the site from the popup and resumes it', async () => {
    const popup = await openPopup();
    const pause = popup.getByRole('checkbox', { name: /Mettre Vigie en pause/ });
    await pause.check();
    await expect.poll(() => page.locator('vigie-badge').count()).toBe(0);
    await pause.uncheck();
    await expect.poll(() => page.locator('vigie-badge').count()).toBeGreaterThan(0);
    await popup.close();
  });

  it('switches badges, card and popup to English from the options page, and back', async () => {
    const options = await browser!.context.newPage();
    await options.goto(`chrome-extension://${browser!.extensionId}/options.html`);
    await options.selectOption('select[name="language"]', 'en');
    await expect.poll(() => options.getByRole('heading', { level: 1 }).textContent()).toBe('Vigie — settings');
    const badge = page.locator('#row-1 vigie-badge');
    await expect.poll(() => badge.getAttribute('data-vigie-lang')).toBe('en');
    expect(await badge.evaluate((b) => getComputedStyle(b, '::before').content)).toBe('"⚠ Spam"');
    expect(await badge.getAttribute('aria-label')).toMatch(/Show Vigie details/);
    const popup = await openPopupIn('Check');
    await popup.close();
    await options.selectOption('select[name="language"]', 'fr');
    await expect.poll(() => badge.getAttribute('data-vigie-lang')).toBe('fr');
    await options.close();
  });

  it('sends no looked-up or annotated number in any request, in any format (Chromium NetLog)', async () => {
    await browser!.close();
    browser = null;
    const { urls, sent } = readNetLog(netLogPath);
    const serviceUrls = urls.filter((u) => u.startsWith(service.url));
    const allowed = /^\/api\/v1\/(list\/manifest|list\/files\/[\w.-]+|range\/[0-9a-f]{5}|reports)$/;
    for (const u of serviceUrls) expect(new URL(u).pathname, u).toMatch(allowed);
    expect(serviceUrls.some((u) => /\/range\/[0-9a-f]{5}$/.test(u))).toBe(true);
    expect(serviceUrls.some((u) => u.endsWith('/api/v1/reports'))).toBe(true);

    const formats = (e164: string): string[] => {
      const nsn = e164.slice(3);
      const national = `0${nsn}`;
      const pairs = national.match(/../g)!;
      return [e164, encodeURIComponent(e164), e164.slice(1), national, pairs.join(' '), pairs.join('.'), nsn];
    };
    const annotated = fixtureTruth('call-history.html').numbers.filter((n) => n.startsWith('+33'));
    const secret = [...new Set([...LOOKED_UP, ...annotated])].filter((n) => !REPORTED.includes(n));
    const haystacks = [...urls, ...sent.values()];
    for (const n of secret) {
      for (const f of formats(n)) {
        expect(haystacks.filter((h) => h.includes(f)).length, `${n} as "${f}"`).toBe(0);
      }
    }
    // The reported numbers leave only inside report requests.
    for (const n of REPORTED) {
      for (const [, bytes] of sent) {
        if (bytes.includes(n)) expect(bytes).toContain('POST /api/v1/reports');
      }
      for (const u of urls) expect(u.includes(n), u).toBe(false);
    }
  });
});
