/**
 * How a number reaches the PWA from outside: `/?n=`, the `tel:` protocol handler (`/?tel=tel:…`), and the Web
 * Share Target (`/?title=&text=&url=` from Android's share sheet, e.g. a whole SMS). Each must show the verdict
 * for the right number, online and, once installed, offline. The web app manifest must declare both.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PwaSuite, type RunningService, startPwaSuite } from './pwa-harness.ts';

const LISTED = '+33612345678';

let suite: PwaSuite | undefined;
let service: RunningService;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  suite = await startPwaSuite([{ number: LISTED, category: 'telemarketing' }]);
  ({ service, context, page } = suite);
});

afterAll(async () => {
  await suite?.close();
});

async function verdictAt(path: string): Promise<{ number: string | null; level: string | null }> {
  await page.goto(`${service.url}${path}`);
  const verdict = await page.waitForSelector('[data-vigie-verdict]', { timeout: 15_000 });
  return {
    number: await verdict.getAttribute('data-vigie-number'),
    level: await verdict.getAttribute('data-vigie-level'),
  };
}

describe('PWA entry points', () => {
  it('declares the share target and the tel: handler in the web app manifest', async () => {
    const manifest = (await (await fetch(`${service.url}/manifest.webmanifest`)).json()) as {
      share_target: { action: string; method: string; params: Record<string, string> };
      protocol_handlers: { protocol: string; url: string }[];
      icons: { purpose?: string; sizes: string }[];
    };
    expect(manifest.share_target).toMatchObject({
      action: '/',
      method: 'GET',
      params: { title: 'title', text: 'text', url: 'url' },
    });
    expect(manifest.protocol_handlers).toContainEqual({ protocol: 'tel', url: '/?tel=%s' });
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-512.png']) {
      const response = await fetch(`${service.url}${icon}`);
      expect(response.headers.get('content-type')).toContain('image/png');
      expect(new Uint8Array(await response.arrayBuffer()).slice(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    }
  });

  it('is installable: Chromium parses the manifest without error and reports no installability error', async () => {
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: { message: string }[]; url: string };
    expect(manifest.url).toBe(`${service.url}/manifest.webmanifest`);
    expect(manifest.errors, JSON.stringify(manifest.errors)).toEqual([]);
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's contexts are off-the-record profiles, where Chromium never offers installation
    // (`in-incognito`); every other reason (manifest fields, icons, service worker, start URL) must be absent.
    const errors = installability.installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
    expect(errors, JSON.stringify(errors)).toEqual([]);
    await cdp.detach();
  });

  it('?n= shows the verdict for the number directly', async () => {
    expect(await verdictAt(`/?n=${encodeURIComponent('06 12 34 56 78')}`)).toEqual({ number: LISTED, level: 'spam' });
    expect(await verdictAt('/?n=3179')).toMatchObject({ number: '3179' });
  });

  it('the tel: handler opens the verdict before calling', async () => {
    // What Chromium navigates to for <a href="tel:+33612345678"> once the installed app handles tel:.
    expect(await verdictAt(`/?tel=${encodeURIComponent('tel:+33-6-12-34-56-78')}`)).toEqual({
      number: LISTED,
      level: 'spam',
    });
    expect(await verdictAt(`/?tel=${encodeURIComponent('tel:0698765432;phone-context=+33')}`)).toMatchObject({
      number: '+33698765432',
    });
  });

  it('the share target finds the number in a shared SMS or call-log entry', async () => {
    const sms = 'Bonjour, rappelez-nous au 06 12 34 56 78 avant le 12/03 pour votre colis. STOP 36111';
    expect(await verdictAt(`/?title=&text=${encodeURIComponent(sms)}&url=`)).toEqual({ number: LISTED, level: 'spam' });
    expect(await verdictAt(`/?title=${encodeURIComponent('+33 6 98 76 54 32')}`)).toMatchObject({
      number: '+33698765432',
    });
    expect(await verdictAt(`/?url=${encodeURIComponent('tel:+33612345678')}`)).toMatchObject({ number: LISTED });
  });

  it('registers as tel: handler at run time too (browsers that ignore the manifest entry)', async () => {
    await page.goto(`${service.url}/`);
    await page.locator('nav button[data-screen="settings"]').click();
    await page.getByRole('button', { name: 'Ouvrir les liens tel: avec Vigie' }).click();
    // Chromium accepted the scheme and the URL template (it throws a SecurityError or SyntaxError otherwise).
    await expect
      .poll(() => page.locator('[aria-labelledby="tel-heading"] [role="status"]').textContent())
      .toContain('Demande envoyée');
  });

  it('shows a clear error when the shared text holds no number', async () => {
    await page.goto(
      `${service.url}/?text=${encodeURIComponent('Votre colis arrive demain, merci de votre confiance.')}`,
    );
    const error = await page.waitForSelector('[data-vigie-error]');
    expect(await error.textContent()).toMatch(/numéro/i);
  });

  it('opens entry points offline too, from the service worker', async () => {
    await context.setOffline(true);
    try {
      expect(await verdictAt(`/?n=${encodeURIComponent('+33612345678')}`)).toEqual({ number: LISTED, level: 'spam' });
      expect(await verdictAt(`/?tel=${encodeURIComponent('tel:+33612345678')}`)).toEqual({
        number: LISTED,
        level: 'spam',
      });
      expect(await verdictAt(`/?text=${encodeURIComponent('Appel manqué 06 12 34 56 78')}`)).toEqual({
        number: LISTED,
        level: 'spam',
      });
    } finally {
      await context.setOffline(false);
    }
  });
});
