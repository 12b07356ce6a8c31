import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReporterSchema } from '../../shared/api/schemas.ts';
import { openVigieDb } from '../../shared/store/db.ts';
import {
  DEFAULT_SETTINGS,
  getReporterId,
  loadSettings,
  makeReporterId,
  resetSettings,
  SettingsError,
  saveSettings,
} from '../../shared/store/settings-store.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('settings', () => {
  it('starts from the defaults (French, FR, range look-ups off)', async () => {
    const db = await openVigieDb('t');
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.language).toBe('fr');
    expect(DEFAULT_SETTINGS.rangeLookups).toBe(false);
    db.close();
  });

  it('stores only what differs from the defaults, and layers session over stored over defaults', async () => {
    const db = await openVigieDb('t');
    await saveSettings(db, { language: 'en', region: 'FR', serverUrl: 'https://vigie.example' });
    expect(await db.get('meta', 'settings')).toEqual({ language: 'en', serverUrl: 'https://vigie.example' });
    const s = await loadSettings(db, { region: 'GP' });
    expect(s).toMatchObject({ language: 'en', region: 'GP', serverUrl: 'https://vigie.example' });
    await saveSettings(db, { language: 'fr' });
    expect(await db.get('meta', 'settings')).toEqual({ serverUrl: 'https://vigie.example' });
    await resetSettings(db);
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
    db.close();
  });

  it('refuses bad values with a message naming the key, storing nothing', async () => {
    const db = await openVigieDb('t');
    const bad: Array<Record<string, unknown>> = [
      { language: 'de' },
      { region: 'france' },
      { serverUrl: 'ftp://x' },
      { serverUrl: 'https://x/' },
      { publicKey: 'short' },
      { rangeLookups: 'yes' },
      { syncIntervalMinutes: 1 },
      { disabledSites: ['<script>'] },
      { unknownKey: 1 },
    ];
    for (const patch of bad) {
      await expect(saveSettings(db, patch as never)).rejects.toThrow(SettingsError);
    }
    await expect(saveSettings(db, { language: 'de' as 'fr' })).rejects.toThrow(/language/);
    expect(await db.get('meta', 'settings')).toBeUndefined();
    db.close();
  });

  it('ignores a stored value this release no longer accepts, keeping the rest', async () => {
    const db = await openVigieDb('t');
    await db.put('meta', { language: 'en', region: 42 }, 'settings');
    const s = await loadSettings(db);
    expect(s.language).toBe('en');
    expect(s.region).toBe('FR');
    db.close();
  });
});

describe('reporter id', () => {
  it('is 32 base64url characters accepted by the API schema, different each time', () => {
    const a = makeReporterId();
    const b = makeReporterId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v.safeParse(ReporterSchema, a).success).toBe(true);
    expect(a).not.toBe(b);
  });

  it('is made once per install and kept across restarts, even with concurrent callers', async () => {
    const db = await openVigieDb('t');
    const [a, b] = await Promise.all([getReporterId(db), getReporterId(db)]);
    expect(a).toBe(b);
    db.close();
    const again = await openVigieDb('t');
    expect(await getReporterId(again)).toBe(a);
    again.close();
  });
});
