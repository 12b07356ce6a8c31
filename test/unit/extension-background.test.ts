/**
 * The background's message handlers on a fake IndexedDB and WXT's fake browser: batches drop unallocated
 * numbers and send slim verdicts, personal lists change verdicts, paused sites, settings validation, reports
 * queued offline, a pasted sentence in the look-up box.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));

const { handleMessage, classifyBatch } = await import('../../extension/lib/background/handlers.ts');
const state = await import('../../extension/lib/background/vigie-state.ts');
const { listOutbox } = await import('../../shared/store/outbox-store.ts');

const sender = {};

beforeEach(async () => {
  fakeBrowser.reset();
  // APIs the fake browser leaves unimplemented: no tab listens, no all-sites permission, nothing registered.
  const fake = fakeBrowser as unknown as {
    tabs: { sendMessage: unknown };
    permissions: { contains: unknown };
    scripting: {
      getRegisteredContentScripts: unknown;
      registerContentScripts: unknown;
      unregisterContentScripts: unknown;
    };
  };
  fake.tabs.sendMessage = vi.fn(async () => undefined);
  fake.permissions.contains = vi.fn(async () => false);
  fake.scripting.getRegisteredContentScripts = vi.fn(async () => []);
  fake.scripting.registerContentScripts = vi.fn(async () => undefined);
  fake.scripting.unregisterContentScripts = vi.fn(async () => undefined);
  // A fresh database per test: delete it and forget the worker's cached handles.
  const db = await state.vigieDb();
  db.close();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase('vigie');
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
  });
  state.resetForTests();
});

describe('classify batches', () => {
  it('answers with slim verdicts and drops numbers the plan does not allocate', async () => {
    const r = (await handleMessage(
      { type: 'classify', numbers: ['+33162123456', '+33400123456', '3179'] },
      sender,
    )) as {
      verdicts: Record<string, { number: string; level: string; label: { fr: string }; reasons?: unknown }>;
    };
    expect(Object.keys(r.verdicts).sort()).toEqual(['+33162123456', '3179']);
    expect(r.verdicts['+33162123456']).toEqual({
      number: '+33162123456',
      level: 'spam',
      label: expect.objectContaining({ fr: expect.any(String), en: expect.any(String) }),
    });
    expect(r.verdicts['+33162123456']!.reasons).toBeUndefined();
  });

  it('gives the full verdict for the card', async () => {
    const r = (await handleMessage({ type: 'details', number: '+33162123456' }, sender)) as {
      verdict: { reasons: { id: string }[] };
    };
    expect(r.verdict.reasons.length).toBeGreaterThan(0);
  });

  it('ignores junk in a batch', async () => {
    const out = await classifyBatch(['not a number', 42 as unknown as string, '']);
    expect(out).toEqual({});
  });
});

describe('personal lists', () => {
  it('block and allow change the verdict; removing restores it', async () => {
    expect((await classifyBatch(['+33612345678']))['+33612345678']!.level).toBe('unknown');
    const added = (await handleMessage({ type: 'personal-add', number: '06 12 34 56 78', kind: 'block' }, sender)) as {
      ok: boolean;
      pattern: string;
    };
    expect(added).toEqual({ ok: true, pattern: '+33612345678' });
    const blocked = (await classifyBatch(['+33612345678']))['+33612345678']!;
    expect(blocked.level).not.toBe('unknown');
    expect(blocked.reasons.some((x) => x.kind === 'personal')).toBe(true);

    await handleMessage({ type: 'personal-add', number: '01 62 12 34 56', kind: 'allow' }, sender);
    expect((await classifyBatch(['+33162123456']))['+33162123456']!.level).toBe('trusted');

    await handleMessage({ type: 'personal-remove', pattern: '+33612345678', kind: 'block' }, sender);
    expect((await classifyBatch(['+33612345678']))['+33612345678']!.level).toBe('unknown');
  });

  it('exports and imports CSV, and reports bad lines', async () => {
    await handleMessage({ type: 'personal-add', number: '+33612345678', kind: 'block', label: 'Isolation' }, sender);
    const { csv } = (await handleMessage({ type: 'personal-export' }, sender)) as { csv: string };
    expect(csv).toContain('+33612345678');
    const r = (await handleMessage({ type: 'personal-import', csv: '0756123456\nabc\n' }, sender)) as {
      imported: number;
      errors: { line: number }[];
    };
    expect(r.imported).toBe(1);
    expect(r.errors.map((e) => e.line)).toEqual([2]);
    const { entries } = (await handleMessage({ type: 'personal-list' }, sender)) as { entries: { pattern: string }[] };
    expect(entries.map((e) => e.pattern).sort()).toEqual(['+33612345678', '+33756123456']);
  });

  it('refuses a pattern that is not a number', async () => {
    const r = (await handleMessage({ type: 'personal-add', number: 'bonjour', kind: 'block' }, sender)) as {
      ok: boolean;
      error: { message: string; messageEn: string };
    };
    expect(r.ok).toBe(false);
    expect(r.error.message).not.toBe('');
    expect(r.error.messageEn).not.toBe('');
  });
});

describe('sites and settings', () => {
  it('pauses and resumes a site', async () => {
    const hello = () =>
      handleMessage({ type: 'hello', host: '127.0.0.1:8080' }, sender) as Promise<{ enabled: boolean }>;
    expect((await hello()).enabled).toBe(true);
    await handleMessage({ type: 'site-pause', host: '127.0.0.1:8080', paused: true }, sender);
    expect((await hello()).enabled).toBe(false);
    await handleMessage({ type: 'site-pause', host: '127.0.0.1:8080', paused: false }, sender);
    expect((await hello()).enabled).toBe(true);
  });

  it('validates settings with a clear error and keeps the old value', async () => {
    const bad = (await handleMessage({ type: 'settings-save', patch: { serverUrl: 'ftp://x/' } }, sender)) as {
      ok: boolean;
      error: string;
    };
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/serveur|server/);
    const good = (await handleMessage({ type: 'settings-save', patch: { language: 'en' } }, sender)) as {
      ok: boolean;
      settings: { language: string };
    };
    expect(good).toMatchObject({ ok: true, settings: { language: 'en' } });
    expect(((await handleMessage({ type: 'hello', host: 'x' }, sender)) as { lang: string }).lang).toBe('en');
  });
});

describe('look-up and reports', () => {
  it('finds the number inside a pasted sentence and records no network call without a service', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const r = (await handleMessage({ type: 'lookup', input: 'Bonjour, rappelez le 01 62 12 34 56 svp' }, sender)) as {
      ok: boolean;
      verdict: { number: string; level: string };
      online: unknown;
    };
    expect(r).toMatchObject({ ok: true, verdict: { number: '+33162123456', level: 'spam' }, online: null });
    const bad = (await handleMessage({ type: 'lookup', input: 'bonjour' }, sender)) as { ok: boolean };
    expect(bad.ok).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('queues a report when no service is set, and refuses a bad one', async () => {
    const r = (await handleMessage(
      { type: 'report', draft: { number: '01 62 12 34 56', category: 'telemarketing', comment: 'tous les jours' } },
      sender,
    )) as { ok: boolean; sent: boolean };
    expect(r).toEqual({ ok: true, sent: false });
    const outbox = await listOutbox(await state.vigieDb());
    expect(outbox.map((o) => o.body.number)).toEqual(['+33162123456']);
    const bad = (await handleMessage({ type: 'report', draft: { number: 'abc', category: 'scam' } }, sender)) as {
      ok: boolean;
      error: { message: string };
    };
    expect(bad.ok).toBe(false);
  });
});

describe('every-site mode', () => {
  it('registers the content script for all sites only while the permission is held', async () => {
    const { syncAllSitesScript } = await import('../../extension/lib/background/site-access.ts');
    const fake = fakeBrowser as unknown as {
      permissions: { contains: ReturnType<typeof vi.fn> };
      scripting: {
        registerContentScripts: ReturnType<typeof vi.fn>;
        getRegisteredContentScripts: ReturnType<typeof vi.fn>;
      };
    };
    expect(await syncAllSitesScript(true)).toBe(false);
    expect(fake.scripting.registerContentScripts).not.toHaveBeenCalled();
    fake.permissions.contains.mockResolvedValue(true);
    expect(await syncAllSitesScript(true)).toBe(true);
    const [[scripts]] = fake.scripting.registerContentScripts.mock.calls as [
      [{ matches: string[]; excludeMatches: string[]; js: string[] }[]],
    ];
    expect(scripts[0]!.matches).toEqual(['<all_urls>']);
    expect(scripts[0]!.excludeMatches).toContain('https://voice.google.com/*');
    expect(scripts[0]!.js).toEqual(['content-scripts/content.js']);
    expect(await syncAllSitesScript(false)).toBe(false);
  });
});

describe('context menu', () => {
  it('hands the selection to the popup through session storage, never a URL', async () => {
    const { onContextMenu } = await import('../../extension/lib/background/context-menu.ts');
    const fake = fakeBrowser as unknown as {
      action: { openPopup: unknown };
      tabs: { create: ReturnType<typeof vi.fn> };
    };
    fake.action.openPopup = vi.fn(async () => {
      throw new Error('no popup here');
    });
    fake.tabs.create = vi.fn(async () => ({}));
    await onContextMenu({ menuItemId: 'vigie-report', selectionText: 'Appel du 01 62 12 34 56' });
    const pending = await handleMessage({ type: 'take-pending-query' }, sender);
    expect(pending).toEqual({ input: 'Appel du 01 62 12 34 56', mode: 'report' });
    expect(await handleMessage({ type: 'take-pending-query' }, sender)).toBeNull();
    const [[opened]] = fake.tabs.create.mock.calls as [[{ url: string }]];
    expect(opened.url).not.toContain('62');
  });
});
