/**
 * The PWA against the real crowd service, in Chromium: first visit online (service worker in control, list
 * synced), then offline — the app reloads from the worker, a look-up answers from the synced list, a report is
 * queued — then back online: the report reaches the service exactly once. Every request the page and its
 * worker make during look-ups is recorded and none carries the looked-up number in any format.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookUp, numberReports, type PwaSuite, type RunningService, startPwaSuite } from './pwa-harness.ts';

const LISTED = '+33612345678'; // telemarketing, three reporters, with comments
const SCAM = '+33756781234'; // scam, three reporters
const FRESH = '+33698765432'; // nobody reported it: the user's report is the first

let suite: PwaSuite | undefined;
let service: RunningService;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  suite = await startPwaSuite([
    { number: LISTED, category: 'telemarketing', comment: 'Propose des panneaux solaires', company: 'SolairePlus' },
    { number: SCAM, category: 'scam', comment: 'Se fait passer pour la banque' },
  ]);
  ({ service, context, page } = suite);
});

afterAll(async () => {
  await suite?.close();
});

/** Every way the number could be written in a URL, a header or a body. */
function numberForms(e164: string): string[] {
  const national = `0${e164.slice(3)}`;
  const nsn = e164.slice(3);
  const spaced = national.replace(/(\d{2})(?=\d)/g, '$1 ');
  return [
    e164,
    encodeURIComponent(e164),
    e164.slice(1),
    `0033${nsn}`,
    national,
    nsn,
    spaced,
    spaced.replace(/ /g, '.'),
  ];
}

async function leaks(request: Request, e164: string): Promise<string | null> {
  const nsn = e164.slice(3);
  const parts = [request.url(), JSON.stringify(await request.allHeaders()), request.postData() ?? ''];
  for (const part of parts) {
    for (const form of numberForms(e164)) if (part.includes(form)) return `${request.url()} carries "${form}"`;
    // Digits only, whatever separators or encoding: the national significant number must not appear.
    if (part.replace(/\D/g, '').includes(nsn)) return `${request.url()} carries the digits ${nsn}`;
  }
  return null;
}

describe('PWA online then offline against the real service', () => {
  it('answers online from the synced list and shows the crowd comments, leaking the number nowhere', async () => {
    // The status line says which list answers.
    await expect
      .poll(() => page.getAttribute('[data-vigie-list-status]', 'data-vigie-list-status'))
      .toMatch(/^[1-9]\d*$/);
    const requests: Request[] = [];
    const record = (r: Request) => requests.push(r);
    context.on('request', record);
    const verdict = await lookUp(page, '06 12 34 56 78');
    expect(verdict).toEqual({ number: LISTED, level: 'spam' });
    await expect
      .poll(() => page.locator('.crowd').textContent(), { timeout: 10_000 })
      .toContain('Propose des panneaux solaires');
    const scam = await lookUp(page, '+33 7 56 78 12 34');
    expect(scam).toEqual({ number: SCAM, level: 'danger' });
    await page.waitForTimeout(500);
    context.off('request', record);
    // The range look-ups did go out (so the recording works), by hash prefix only.
    const rangeCalls = requests.filter((r) => r.url().includes('/api/v1/range/'));
    expect(rangeCalls.length).toBeGreaterThanOrEqual(2);
    for (const call of rangeCalls) expect(call.url()).toMatch(/\/api\/v1\/range\/[0-9a-f]{5}$/);
    for (const request of requests) {
      expect(await leaks(request, LISTED)).toBeNull();
      expect(await leaks(request, SCAM)).toBeNull();
    }
  });

  it('reloads offline from the service worker and answers from the list in IndexedDB', async () => {
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('input[name="number"]', { timeout: 10_000 });
    // The network is really off for the page and its worker. (Chromium 150 reports navigator.onLine as true in a
    // document loaded after Playwright's setOffline, so the request itself is the test, not the flag.)
    expect(
      await page.evaluate(() =>
        fetch('/healthz').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    expect(await lookUp(page, '0612345678')).toEqual({ number: LISTED, level: 'spam' });
    expect(await lookUp(page, '0756781234')).toEqual({ number: SCAM, level: 'danger' });
    expect(await lookUp(page, '06 98 76 54 32')).toEqual({ number: FRESH, level: 'unknown' });
    await expect.poll(() => page.locator('.crowd').textContent()).toContain('Hors ligne');
  });

  it('queues a report offline, then delivers it exactly once when the network is back', async () => {
    expect(await numberReports(service, FRESH)).toBe(0);
    await page.getByRole('button', { name: 'Signaler ce numéro' }).click();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).first().click();
    await page.waitForSelector('[data-vigie-report-state="queued"]');
    // Still offline after a while: nothing went out, the report waits in the outbox.
    await page.waitForTimeout(1500);
    expect(await page.getAttribute('[data-vigie-report-state]', 'data-vigie-report-state')).toBe('queued');
    expect(await numberReports(service, FRESH)).toBe(0);

    await context.setOffline(false);
    await page.waitForSelector('[data-vigie-report-state="sent"]', { timeout: 20_000 });
    expect(await numberReports(service, FRESH)).toBe(1);
    // A reload and a second start flush again: nothing is sent twice.
    await page.reload();
    await page.waitForSelector('input[name="number"]');
    await page.waitForTimeout(2000);
    expect(await numberReports(service, FRESH)).toBe(1);
    const outbox = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('vigie');
          open.onsuccess = () => {
            const count = open.result.transaction('outbox').objectStore('outbox').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
    expect(outbox).toBe(0);
    await page.getByRole('button', { name: 'Historique' }).click();
    await expect
      .poll(() => page.locator('[data-history-kind="report"]').first().getAttribute('data-report-state'))
      .toBe('sent');
  });
});
