/**
 * When the page syncs the crowd list and sends queued reports: at start, when the network comes back
 * (`online`), on a timer (the settings' interval), and right after a report is queued. Where the browser has
 * Background Sync (Chromium), the service worker is also asked to send the outbox, which works after the page
 * is closed; elsewhere the next start or `online` event does it. The sync code itself (shared/sync) is loaded
 * lazily: it is not needed for the first paint.
 */
import type { Settings } from '../../../shared/store/settings-store.ts';
import { emit } from '../app/events.ts';

export const OUTBOX_SYNC_TAG = 'vigie-outbox';
export const LIST_SYNC_TAG = 'vigie-list';
/** The list changes a few times a day at most; the browser decides the real interval (site engagement). */
const LIST_PERIODIC_MIN_MS = 12 * 3600_000;

export type ListSyncStatus =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; changed: boolean }
  | { kind: 'failed'; message: string };

let flushing: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let currentSettings: Settings | null = null;

function runner() {
  return import('./sync-runner.ts');
}

export function setSyncSettings(settings: Settings): void {
  currentSettings = settings;
}

/** Send what is due in the outbox now (one flush at a time in this page). */
export function flushReports(): Promise<void> {
  if (!currentSettings || !navigator.onLine) return Promise.resolve();
  const settings = currentSettings;
  flushing ??= runner()
    .then((r) => r.flushOutboxNow(settings))
    .then((nextAttemptAt) => {
      // A report is waiting for its backoff (server down, flaky network): come back when it is due, so it
      // does not wait for the next start or `online` event. One timer at a time.
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (nextAttemptAt !== null) {
        retryTimer = setTimeout(() => void flushReports(), Math.max(1000, nextAttemptAt - Date.now()));
      }
    })
    .catch((error: unknown) => console.warn('vigie: outbox flush failed', error))
    .finally(() => {
      flushing = null;
      emit('outbox-changed');
    });
  return flushing;
}

/** After queueing: ask for Background Sync (survives closing the page) and try right away if online. */
export function flushReportsSoon(): void {
  void registerBackgroundSync();
  void flushReports();
}

interface SyncManager {
  register(tag: string, options?: { minInterval: number }): Promise<void>;
}

async function registerBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: SyncManager };
    await registration.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Not supported or refused (e.g. private mode): the `online` event and the next start cover it.
  }
}

export async function syncCrowdList(): Promise<ListSyncStatus> {
  if (!currentSettings) return { kind: 'idle' };
  if (!navigator.onLine) return { kind: 'failed', message: 'offline' };
  try {
    const changed = await (await runner()).syncListNow(currentSettings);
    if (changed) emit('list-changed');
    return { kind: 'done', changed };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Periodic Background Sync refreshes the list while the app is closed. Chromium offers it to installed apps
 * only, and rejects the registration otherwise: that is expected, the page's own schedule covers it.
 */
async function registerPeriodicListSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      periodicSync?: SyncManager;
    };
    await registration.periodicSync?.register(LIST_SYNC_TAG, { minInterval: LIST_PERIODIC_MIN_MS });
  } catch {
    // Not installed, or permission not granted.
  }
}

/** Start, `online`, and the periodic timer. Returns a stop function. */
export function startBackgroundWork(onListStatus: (status: ListSyncStatus) => void): () => void {
  const run = async () => {
    void flushReports();
    onListStatus({ kind: 'running' });
    onListStatus(await syncCrowdList());
  };
  void run();
  void registerPeriodicListSync();
  window.addEventListener('online', run);
  const minutes = currentSettings?.syncIntervalMinutes ?? 360;
  // ±10 % jitter so many installs opened at the same moment do not hit the service together.
  const timer = setInterval(run, minutes * 60_000 * (0.9 + Math.random() * 0.2));
  return () => {
    window.removeEventListener('online', run);
    clearInterval(timer);
  };
}
