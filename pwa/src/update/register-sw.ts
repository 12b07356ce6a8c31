/**
 * Service worker registration through workbox-window (vite-plugin-pwa's `injectRegister: false`).
 *
 * A new version is never forced on the user mid-task: the new worker waits, the page shows "nouvelle version
 * disponible" and only on "Recharger" tells it to skip waiting, then reloads once it controls the page.
 */
import { Workbox } from 'workbox-window';

export interface ServiceWorkerHooks {
  /** A new version is installed and waiting; call `apply` to switch to it and reload. */
  onUpdateWaiting(apply: () => void): void;
  /** First install finished: the shell is cached, the app works offline from now on. */
  onOfflineReady(): void;
  /** A message from the worker (e.g. the outbox was flushed by Background Sync). */
  onMessage(data: unknown): void;
}

/** Checking for a new version this often keeps an installed app that is never closed up to date. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(hooks: ServiceWorkerHooks): Workbox | null {
  if (!('serviceWorker' in navigator)) return null;
  const wb = new Workbox('/service-worker.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    hooks.onUpdateWaiting(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) hooks.onOfflineReady();
  });
  wb.addEventListener('message', (event) => hooks.onMessage(event.data));
  wb.register().catch((error: unknown) => console.warn('vigie: service worker registration failed', error));
  const check = () => {
    if (document.visibilityState === 'visible' && navigator.onLine) wb.update().catch(() => undefined);
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', check);
  return wb;
}
