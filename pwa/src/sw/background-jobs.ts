/**
 * The worker's background jobs, run with the same shared code as the page:
 * - Background Sync (`sync`): send the queued reports, with the same leases as the page
 *   (shared/sync/outbox.ts), so whichever runs first sends each report, once;
 * - Periodic Background Sync (`periodicsync`, Chromium, installed apps only): refresh the crowd list while the
 *   app is closed. Only with a key already set or pinned by the page: the worker never pins one itself.
 */
import { openVigieDb } from '../../../shared/store/db.ts';
import { loadSettings } from '../../../shared/store/settings-store.ts';
import { syncList } from '../../../shared/sync/list-sync.ts';
import { flushOutbox } from '../../../shared/sync/outbox.ts';

declare const self: ServiceWorkerGlobalScope;

export async function flushOutboxFromWorker(): Promise<{ remaining: number }> {
  const db = await openVigieDb();
  try {
    const settings = await loadSettings(db);
    const result = await flushOutbox({ serverUrl: settings.serverUrl || self.location.origin, db });
    return { remaining: result.retrying };
  } finally {
    db.close();
  }
}

/** True when a new list was installed. */
export async function syncListFromWorker(): Promise<boolean> {
  const db = await openVigieDb();
  try {
    const settings = await loadSettings(db);
    if (!settings.publicKey) return false;
    const result = await syncList({
      serverUrl: settings.serverUrl || self.location.origin,
      publicKey: settings.publicKey,
      db,
    });
    return result.status === 'updated';
  } finally {
    db.close();
  }
}
