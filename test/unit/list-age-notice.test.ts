// @vitest-environment happy-dom
/**
 * "Liste ancienne de N jours" where users see it: the PWA's list status line and the extension popup
 * (issue 12, defect 5), and the background's status answer the popup reads it from.
 */
import 'fake-indexeddb/auto';
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ListAgeNotice } from '../../extension/lib/ui/ListAgeNotice.tsx';
import { ListStatusLine } from '../../pwa/src/app/ListStatusLine.tsx';
import type { ListMeta } from '../../shared/store/db.ts';
import { replaceList } from '../../shared/store/list-store.ts';
import { SYNC_STATE_KEY, type SyncState } from '../../shared/sync/list-sync.ts';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

afterEach(() => {
  render(null, document.body);
});

const meta: ListMeta = { version: 7, sha256: 'a'.repeat(64), syncedAt: 0, publicKey: 'k', count: 12 };

describe('PWA list status line', () => {
  it('says "Liste ancienne de 5 jours" under the status when the list is 5 days old', () => {
    render(
      h(ListStatusLine, { lang: 'fr', meta, status: { kind: 'idle' }, online: true, age: { days: 5, old: true } }),
      document.body,
    );
    expect(document.querySelector('[data-vigie-list-age]')?.textContent).toBe('Liste ancienne de 5 jours');
  });

  it('says nothing for a 2-day-old list, and in English "List is 4 days old"', () => {
    render(
      h(ListStatusLine, { lang: 'fr', meta, status: { kind: 'idle' }, online: true, age: { days: 2, old: false } }),
      document.body,
    );
    expect(document.querySelector('[data-vigie-list-age]')).toBeNull();
    render(
      h(ListStatusLine, { lang: 'en', meta, status: { kind: 'idle' }, online: true, age: { days: 4, old: true } }),
      document.body,
    );
    expect(document.querySelector('[data-vigie-list-age]')?.textContent).toBe('List is 4 days old');
  });
});

describe('extension popup', () => {
  it('shows the notice from 3 days, nothing before or without a list', () => {
    render(h(ListAgeNotice, { lang: 'fr', days: 3 }), document.body);
    expect(document.querySelector('[role="status"]')?.textContent).toBe('Liste ancienne de 3 jours');
    render(h(ListAgeNotice, { lang: 'fr', days: 2 }), document.body);
    expect(document.querySelector('[role="status"]')).toBeNull();
    render(h(ListAgeNotice, { lang: 'en', days: null }), document.body);
    expect(document.querySelector('[role="status"]')).toBeNull();
  });

  it('the background status gives the age from the last manifest that vouched for the list', async () => {
    const { handleMessage } = await import('../../extension/lib/background/handlers.ts');
    const state = await import('../../extension/lib/background/vigie-state.ts');
    const db = await state.vigieDb();
    const { writeList } = await import('../../shared/list/writer.ts');
    const bytes = writeList([], { version: 7 });
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await replaceList(db, bytes, { ...meta, sha256, publishedAt: '2020-01-01T00:00:00.000Z' });
    const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000 - 60_000).toISOString();
    const sync: SyncState = {
      lastAttemptAt: Date.now(),
      result: { status: 'rejected', version: 7, reason: 'expired' },
      listPublishedAt: sixDaysAgo,
    };
    await db.put('meta', sync, SYNC_STATE_KEY);
    const status = (await handleMessage({ type: 'status' }, {})) as { listAgeDays: number | null };
    expect(status.listAgeDays).toBe(6);
  });
});
