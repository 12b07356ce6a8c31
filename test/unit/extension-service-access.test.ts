// @vitest-environment happy-dom
/**
 * The options page's line on the crowd service's host permission (issue 10 §5): the state the browser reports,
 * followed when it changes elsewhere, and a button that asks for it. The browser's permissions API is a fake with
 * a hand-set answer; the Chromium end-to-end test (extension-first-run) checks it against the real one.
 */
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type HostPermissions, ServiceAccess, serviceOriginPattern } from '../../extension/lib/ui/ServiceAccess.tsx';

afterEach(() => {
  render(null, document.body);
});

function fakePermissions(initiallyGranted: boolean, answerToRequest: boolean) {
  const listeners = { added: new Set<() => void>(), removed: new Set<() => void>() };
  const state = { granted: initiallyGranted };
  const asked: string[][] = [];
  const permissions: HostPermissions = {
    contains: async () => state.granted,
    request: async ({ origins }) => {
      asked.push(origins);
      state.granted = answerToRequest;
      return answerToRequest;
    },
    onAdded: { addListener: (cb) => listeners.added.add(cb), removeListener: (cb) => listeners.added.delete(cb) },
    onRemoved: {
      addListener: (cb) => listeners.removed.add(cb),
      removeListener: (cb) => listeners.removed.delete(cb),
    },
  };
  const withdraw = () => {
    state.granted = false;
    for (const cb of listeners.removed) cb();
  };
  return { permissions, asked, withdraw, listeners };
}

const access = () => document.querySelector('[data-vigie-service-access]');

describe('serviceOriginPattern', () => {
  it('is the origin with /*, and null for anything but http(s)', () => {
    expect(serviceOriginPattern('https://vigie.example.org/base/')).toBe('https://vigie.example.org/*');
    expect(serviceOriginPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/*');
    expect(serviceOriginPattern('')).toBeNull();
    expect(serviceOriginPattern('ftp://vigie.example.org')).toBeNull();
    expect(serviceOriginPattern('pas une adresse')).toBeNull();
  });
});

describe('ServiceAccess', () => {
  it('says there is nothing to ask for without a service', () => {
    const { permissions } = fakePermissions(false, false);
    render(h(ServiceAccess, { serverUrl: '', lang: 'fr', permissions }), document.body);
    expect(access()?.getAttribute('data-vigie-service-access')).toBe('none');
    expect(access()?.textContent).toBe('Aucun service configuré : pas d’accès à demander.');
  });

  it('shows a granted access, and follows it when it is withdrawn in the browser', async () => {
    const fake = fakePermissions(true, true);
    render(
      h(ServiceAccess, { serverUrl: 'http://127.0.0.1:8787', lang: 'fr', permissions: fake.permissions }),
      document.body,
    );
    await vi.waitFor(() => expect(access()?.getAttribute('data-vigie-service-access')).toBe('granted'));
    expect(access()?.textContent).toBe('Accès du navigateur à http://127.0.0.1:8787 : autorisé.');
    fake.withdraw();
    await vi.waitFor(() => expect(access()?.getAttribute('data-vigie-service-access')).toBe('missing'));
    expect(access()?.querySelector('button')?.textContent).toBe('Autoriser l’accès au service');
  });

  it('asks for the service origin on a click, and shows the result', async () => {
    const fake = fakePermissions(false, true);
    render(
      h(ServiceAccess, { serverUrl: 'https://vigie.example.org', lang: 'fr', permissions: fake.permissions }),
      document.body,
    );
    await vi.waitFor(() => expect(access()?.getAttribute('data-vigie-service-access')).toBe('missing'));
    expect(access()?.querySelector('p')?.textContent).toBe(
      'Accès du navigateur à https://vigie.example.org : non autorisé. Sans lui, la liste ne se met pas à jour et les signalements ne partent pas.',
    );
    access()?.querySelector('button')?.click();
    await vi.waitFor(() => expect(access()?.getAttribute('data-vigie-service-access')).toBe('granted'));
    expect(fake.asked).toEqual([['https://vigie.example.org/*']]);
  });

  it('says so when the browser refuses, in English too', async () => {
    const fake = fakePermissions(false, false);
    render(
      h(ServiceAccess, { serverUrl: 'https://vigie.example.org', lang: 'en', permissions: fake.permissions }),
      document.body,
    );
    await vi.waitFor(() => expect(access()?.getAttribute('data-vigie-service-access')).toBe('missing'));
    expect(access()?.querySelector('p')?.textContent).toBe(
      'Browser access to https://vigie.example.org: not granted. Without it, the list does not update and reports are not sent.',
    );
    access()?.querySelector('button')?.click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toBe('Access refused by the browser.'),
    );
    expect(access()?.querySelector('button')?.textContent).toBe('Grant access to the service');
  });

  it('removes its listeners when it goes away', async () => {
    const fake = fakePermissions(true, true);
    render(
      h(ServiceAccess, { serverUrl: 'http://127.0.0.1:8787', lang: 'en', permissions: fake.permissions }),
      document.body,
    );
    await vi.waitFor(() => expect(access()?.textContent).toBe('Browser access to http://127.0.0.1:8787: granted.'));
    render(null, document.body);
    await vi.waitFor(() => expect(fake.listeners.added.size + fake.listeners.removed.size).toBe(0));
  });
});
