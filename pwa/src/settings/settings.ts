/**
 * The PWA reads and writes the shared, validated settings (shared/store/settings-store.ts). What is specific to
 * the PWA: the crowd service defaults to this site's own origin (`vigie serve` serves the app and the API
 * together), and private range look-ups are switched on at first start (docs/pwa.md explains why).
 */

import type { VigieDb } from '../../../shared/store/db.ts';
import {
  loadSettings as loadSharedSettings,
  type Settings,
  saveSettings,
} from '../../../shared/store/settings-store.ts';

export type { Settings } from '../../../shared/store/settings-store.ts';

const FIRST_RUN_KEY = 'pwa:firstRunDone';

export async function loadPwaSettings(db: VigieDb): Promise<Settings> {
  if ((await db.get('meta', FIRST_RUN_KEY)) !== true) {
    const language = /^en\b/i.test(navigator.language) ? 'en' : 'fr';
    await saveSettings(db, { rangeLookups: true, language });
    await db.put('meta', true, FIRST_RUN_KEY);
  }
  return loadSharedSettings(db);
}

/** The crowd service base URL actually used. */
export function serviceBase(settings: Settings): string {
  return settings.serverUrl || window.location.origin;
}
