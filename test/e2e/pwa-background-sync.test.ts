/**
 * The service worker's background jobs, with no page of the app open: Background Sync sends a report queued
 * offline once the network is back (Chromium fires the sync event by itself when DevTools' offline emulation
 * ends), and Periodic Background Sync installs a newer crowd list (fired through the DevTools protocol,
 * ServiceWorker.dispatchPeriodicSyncEvent, as the browser would on its schedule for an installed app).
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lookUp,
  numberReports,
  type PwaSuite,
  type RunningService,
  seedReports,
  startPwaSuite,
} from './pwa-harness.ts';

const LISTED = '+33612345678';
const FRESH = '+33698765432';
const LATER = '+33755443322';

let suite: PwaSuite | undefined;
let service: RunningService;
let context: BrowserContext;
/** Who sent each report POST: 'worker' or 'page'. */
const reportSenders: string[] = [];

beforeAll(async () => {
  suite = await startPwaSuite([{ number: LISTED, category: 'telemarketing' }]);
  ({ service, context } = suite);
  const { page } = suite;
  await context.setOffline(true);
  await lookUp(page, '06 98 76 54 32');
  await page.getByRole('button', { name: 'Signaler ce numéro' }).click();
  await page.getByRole('button', { name: 'Envoyer le signalement' }).first().click();
  await page.waitForSelector('[data-vigie-report-state="queued"]');
  // No page of the app stays open: only the worker can send it now.
  await page.close();
  context.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/reports')) {
      reportSenders.push(request.serviceWorker() ? 'worker' : 'page');
    }
  });
  await context.setOffline(false);
});

afterAll(async () => {
  await suite?.close();
});

/** A same-origin page outside the app (the worker's navigation route skips /healthz) to read IndexedDB. */
async function probePage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${service.url}/healthz`);
  return page;
}

async function registrationId(cdp: CDPSession): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on(
      'ServiceWorker.workerRegistrationUpdated',
      (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
        const registration = event.registrations.find((r) => r.scopeURL === `${service.url}/` && !r.isDeleted);
        if (registration) resolve(registration.registrationId);
      },
    );
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

async function listVersion(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('vigie');
        open.onsuccess = () => {
          const get = open.result.transaction('list').objectStore('list').get('current');
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result?.meta.version ?? 0);
          };
        };
      }),
  );
}

describe('PWA service worker background jobs', () => {
  it('Background Sync sends the queued report once the network is back, with no page open', async () => {
    await expect.poll(() => numberReports(service, FRESH), { timeout: 20_000 }).toBe(1);
    expect(reportSenders).toEqual(['worker']);
    const page = await probePage();
    const cdp = await context.newCDPSession(page);
    const id = await registrationId(cdp);
    // Another sync event (the browser retrying, a second tab) finds nothing left to send.
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: service.url,
      registrationId: id,
      tag: 'vigie-outbox',
      lastChance: false,
    });
    await page.waitForTimeout(1500);
    expect(await numberReports(service, FRESH)).toBe(1);
    await page.close();
  });

  it('Periodic Background Sync installs a newer list, with no page open', async () => {
    const page = await probePage();
    const before = await listVersion(page);
    expect(before).toBeGreaterThanOrEqual(1);
    await seedReports(service, [
      { number: LISTED, category: 'telemarketing' },
      { number: LATER, category: 'scam' },
    ]);
    const cdp = await context.newCDPSession(page);
    const id = await registrationId(cdp);
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: service.url,
      registrationId: id,
      tag: 'vigie-list',
    });
    await expect.poll(() => listVersion(page), { timeout: 20_000 }).toBeGreaterThan(before);
    await page.close();
    // The app, opened offline, answers from the list the worker installed.
    await context.setOffline(true);
    const app = await context.newPage();
    await app.goto(`${service.url}/?n=${encodeURIComponent(LATER)}`);
    const verdict = await app.waitForSelector('[data-vigie-verdict]');
    expect(await verdict.getAttribute('data-vigie-level')).toBe('danger');
    await context.setOffline(false);
  });
});
