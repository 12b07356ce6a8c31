/**
 * Background Sync's job in the worker: send the queued reports with the same code and the same leases as the
 * page (shared/sync/outbox.ts), so whichever runs first sends each report, once.
 */
import { openVigieDb } from '../../../shared/store/db.ts';
import { loadSettings } from '../../../shared/store/settings-store.ts';
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
