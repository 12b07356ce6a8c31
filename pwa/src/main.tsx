/**
 * Start-up: open the database and read the settings, paint, then (after the first frame) register the service
 * worker, ask for persistent storage and load the look-up engine. `?n=`, `tel:` and share-target entries
 * start their look-up at once instead of waiting for idle time.
 */
import { render } from 'preact';
import { App, type EntryLookup, type ShellSignals } from './app/App.tsx';
import { emit } from './app/events.ts';
import { db } from './data/db.ts';
import { readEntryRequest } from './entry/entry-params.ts';
import { getEngine } from './lookup/engine-client.ts';
import { loadPwaSettings } from './settings/settings.ts';
import { registerServiceWorker } from './update/register-sw.ts';
import './styles.css';

const signals: ShellSignals = { updateReady: null, offlineReady: false, persisted: null };
const root = document.getElementById('app')!;

async function start(): Promise<void> {
  // Opened on a number (`?n=`, `tel:`, share): fetch the engine and the list now, while the settings load and
  // the first frame paints, rather than after.
  const entryRequest = readEntryRequest(window.location.search);
  if (entryRequest) void getEngine().catch(() => undefined);
  performance.mark('vigie:start');
  const settings = await loadPwaSettings(await db());
  performance.mark('vigie:settings');
  // The look-up itself starts now, not after the first render and its effects (two frames on a slow phone).
  const entry: EntryLookup | null = entryRequest
    ? {
        text: entryRequest.text,
        outcome: getEngine()
          .then((e) => e.lookup(entryRequest.text, settings))
          .finally(() => performance.mark('vigie:entry-answer')),
      }
    : null;
  entry?.outcome.catch(() => undefined); // App reports a failure; no unhandled rejection before it awaits.
  const paint = () => render(<App initialSettings={settings} signals={{ ...signals }} entry={entry} />, root);
  paint();
  requestAnimationFrame(() =>
    setTimeout(() => {
      registerServiceWorker({
        onUpdateWaiting(apply) {
          signals.updateReady = apply;
          paint();
        },
        onOfflineReady() {
          signals.offlineReady = true;
          paint();
        },
        onMessage(data) {
          // The worker sent queued reports (Background Sync) or installed a list: refresh what shows them.
          if (data && typeof data === 'object' && 'type' in data) {
            if (data.type === 'vigie:outbox-changed') emit('outbox-changed');
            if (data.type === 'vigie:list-changed') emit('list-changed');
          }
        },
      });
      void askPersistentStorage().then((persisted) => {
        signals.persisted = persisted;
        paint();
      });
    }, 0),
  );
}

/**
 * Without persistence the browser may evict the list under storage pressure (Storage Standard, "best effort"
 * buckets). Chromium grants it silently to installed or often-used sites; Firefox asks the user.
 */
async function askPersistentStorage(): Promise<boolean | null> {
  if (!navigator.storage?.persist) return null;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

start().catch((error: unknown) => {
  console.error('vigie: start failed', error);
  root.textContent =
    'Vigie n’a pas pu démarrer (stockage du navigateur indisponible ?). / Vigie could not start (browser storage unavailable?).';
});
