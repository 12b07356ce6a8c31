/**
 * WXT build of the extension (issue 4). `srcDir: 'extension'`, output in `dist/<browser>-mv<n>/`: `wxt build`
 * empties only that folder, so the PWA build in `dist/pwa/` survives (WXT's internal build removes
 * `config.outDir`, the per-browser folder; only `wxt clean` empties `dist/`). Permissions: docs/permissions.md.
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * VIGIE_SERVICE_URL: the crowd service this build is for (extension/lib/build-config.ts). `npm start` sets the
 * local one. A bad value stops the build with a message rather than shipping an extension that cannot sync.
 */
const serviceUrl = (process.env.VIGIE_SERVICE_URL ?? '').trim();
if (serviceUrl !== '' && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(serviceUrl.replace(/\/+$/, ''))) {
  throw new Error(`VIGIE_SERVICE_URL must be an http(s) URL, got "${serviceUrl}"`);
}
const builtService = serviceUrl.replace(/\/+$/, '');
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;
/** The built-in service needs host access from the start (the user chose it by installing this build). */
const serviceHost =
  builtService && !LOOPBACK.test(new URL(builtService).origin) ? [`${new URL(builtService).origin}/*`] : [];

export default defineConfig({
  srcDir: 'extension',
  // VIGIE_EXT_OUTDIR: tests build their variants (the Firefox build, a service-URL build) into their own
  // dist/<name> folder, so suites running side by side never rebuild each other's extension.
  outDir: process.env.VIGIE_EXT_OUTDIR ?? 'dist',
  // Preact with its hooks, no React compat layer.
  vite: () => ({ plugins: [preact()], define: { __VIGIE_SERVICE_URL__: JSON.stringify(builtService) } }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Vigie',
    description:
      'Repère les appels indésirables : badges de réputation sur les numéros des pages web, vérification et signalement. / Flags unwanted callers on web pages.',
    permissions: ['storage', 'alarms', 'contextMenus', ...(manifestVersion === 3 ? ['scripting'] : [])],
    // Loopback only: a crowd service started with `vigie serve` and local softphone pages. Any other crowd
    // service origin and "every site" are optional, asked for at runtime.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*', ...serviceHost],
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['<all_urls>'] }
      : { optional_permissions: ['<all_urls>'] }),
    action: { default_title: 'Vigie' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'vigie@vigie.invalid',
              strict_min_version: '142.0',
              // Firefox's data-collection consent: reports the user sends on purpose are the only data collected.
              data_collection_permissions: { required: ['none'], optional: ['technicalAndInteraction'] },
            },
          },
        }
      : {}),
  }),
});
