/// <reference lib="webworker" />
/**
 * The PWA's service worker (Workbox, injectManifest). It precaches the app shell — HTML, JS (the lazy
 * classifier chunk with libphonenumber's metadata too), CSS, icons, manifest — so the app starts with no
 * network from the second visit on; the crowd list is not a file here but bytes in IndexedDB, synced by
 * shared/sync. Navigations (`/`, `/?n=…`, `/?tel=…`, share-target GETs) are answered with the cached
 * `index.html`, so a number in a URL never reaches the network once the app is installed.
 *
 * Background Sync (Chromium) sends queued reports after the page is gone; the page does the same on start and
 * on `online` elsewhere. Updates wait for the user: the page posts SKIP_WAITING from its "Recharger" button.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { flushOutboxFromWorker, syncListFromWorker } from './background-jobs.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

/** Must match OUTBOX_SYNC_TAG and LIST_SYNC_TAG in src/sync/sync-client.ts. */
const OUTBOX_SYNC_TAG = 'vigie-outbox';
const LIST_SYNC_TAG = 'vigie-list';

async function tellClients(type: string): Promise<void> {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type });
}

console.debug(`vigie service worker ${__VIGIE_BUILD__}`);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The API is never served from the cache: look-ups by range, reports and list files go to the network (the
// sync code keeps its own copy of the list in IndexedDB).
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/healthz/] }));

// First install: take control of the page that registered us, so the very first visit is already offline
// capable. Later versions wait for the user's "Recharger" (SKIP_WAITING below).
clientsClaim();
self.addEventListener('install', () => {
  if (!self.registration.active) void self.skipWaiting();
});

self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== OUTBOX_SYNC_TAG) return;
  sync.waitUntil(
    flushOutboxFromWorker().then(async (result) => {
      await tellClients('vigie:outbox-changed');
      // Reports still due (server down, 5xx): reject so the browser retries the sync later with its backoff.
      if (result.remaining > 0) throw new Error(`${result.remaining} reports still queued`);
    }),
  );
});

self.addEventListener('periodicsync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== LIST_SYNC_TAG) return;
  sync.waitUntil(
    syncListFromWorker().then(async (changed) => {
      if (changed) await tellClients('vigie:list-changed');
    }),
  );
});
