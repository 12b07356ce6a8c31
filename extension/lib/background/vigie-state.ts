/**
 * What the background keeps in memory between messages: the database handle, the crowd list opened over its
 * stored bytes (no parse step: shared/list/reader.ts wraps typed arrays over the buffer), the personal lists
 * and the settings. The service worker may die between any two events (STYLE.md §5): everything here is a
 * cache that reloads from IndexedDB on the next wake.
 */

import type { ClassifyContext } from '../../../shared/classify/classify.ts';
import { openList } from '../../../shared/list/reader.ts';
import type { CrowdList } from '../../../shared/list/types.ts';
import { ARCEP_OPERATORS } from '../../../shared/operators/arcep-operators.ts';
import { PersonalLists } from '../../../shared/personal/personal-lists.ts';
import { openVigieDb, type VigieDb } from '../../../shared/store/db.ts';
import { loadList } from '../../../shared/store/list-store.ts';
import { listPersonal } from '../../../shared/store/personal-store.ts';
import { loadSettings, type Settings } from '../../../shared/store/settings-store.ts';
import { BUILT_SERVICE_URL } from '../build-config.ts';

let dbPromise: Promise<VigieDb> | null = null;
let listPromise: Promise<CrowdList | null> | null = null;
let personalPromise: Promise<PersonalLists> | null = null;
let settingsPromise: Promise<Settings> | null = null;

export function vigieDb(): Promise<VigieDb> {
  dbPromise ??= openVigieDb();
  return dbPromise;
}

export function crowdList(): Promise<CrowdList | null> {
  listPromise ??= (async () => {
    const stored = await loadList(await vigieDb());
    if (!stored) return null;
    try {
      return openList(stored.bytes);
    } catch {
      // A damaged record: classify without the crowd list rather than not at all (fail open, DESIGN.md §3).
      return null;
    }
  })();
  return listPromise;
}

export function personalLists(): Promise<PersonalLists> {
  personalPromise ??= (async () => new PersonalLists(await listPersonal(await vigieDb())))();
  return personalPromise;
}

/**
 * The settings, with the service the build was made for standing in for an empty service URL (a user's own
 * choice, stored, still wins).
 */
export function settings(): Promise<Settings> {
  settingsPromise ??= (async () => {
    const s = await loadSettings(await vigieDb());
    return s.serverUrl === '' && BUILT_SERVICE_URL !== '' ? { ...s, serverUrl: BUILT_SERVICE_URL } : s;
  })();
  return settingsPromise;
}

export function forgetList(): void {
  listPromise = null;
}
export function forgetPersonal(): void {
  personalPromise = null;
}
export function forgetSettings(): void {
  settingsPromise = null;
}

export async function classifyContext(): Promise<ClassifyContext> {
  const [s, list, personal] = await Promise.all([settings(), crowdList(), personalLists()]);
  return {
    region: s.region,
    list,
    personal,
    operators: ARCEP_OPERATORS,
    strictCallCentres: s.strictCallCentres,
    myNumbers: s.myNumbers,
    now: Date.now(),
  };
}

/** Tests only: forget every cached handle (the database was deleted). */
export function resetForTests(): void {
  dbPromise = null;
  listPromise = null;
  personalPromise = null;
  settingsPromise = null;
}
