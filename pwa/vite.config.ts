/**
 * The PWA build: Preact shell + a hand-written Workbox service worker (injectManifest), output in `dist/pwa/`
 * only — `dist/chrome-mv3/` belongs to the extension build, so `emptyOutDir` must never reach above our folder.
 */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { drawIcon, ICONS, THEME_COLOR } from './build/png-icons.ts';

const pwaRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/pwa/', import.meta.url));

/** Emits the PNG icons drawn in build/png-icons.ts; the service worker's precache glob then picks them up. */
function pngIcons(): Plugin {
  return {
    name: 'vigie-png-icons',
    apply: 'build',
    generateBundle() {
      for (const icon of ICONS) {
        this.emitFile({ type: 'asset', fileName: icon.file, source: drawIcon(icon.size, icon.maskable) });
      }
    },
  };
}

export default defineConfig({
  root: pwaRoot,
  base: '/',
  // Only the service worker uses it; the update test builds a second variant by setting VIGIE_PWA_BUILD_ID.
  define: { __VIGIE_BUILD__: JSON.stringify(process.env.VIGIE_PWA_BUILD_ID ?? 'release') },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Size budget: the shell's first-load JS must stay ≤ 100 KB gzip (issue 5); libphonenumber is lazy.
    chunkSizeWarningLimit: 400,
  },
  plugins: [
    preact(),
    pngIcons(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      outDir,
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // The lazy classifier chunk carries libphonenumber's metadata; precache it too so look-ups work offline.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        rollupFormat: 'es',
      },
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Vigie — qui m’appelle ?',
        short_name: 'Vigie',
        description:
          'Identifier les appels indésirables, hors ligne, sans compte. / Identify unwanted callers, offline, no account.',
        lang: 'fr',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOR,
        background_color: '#ffffff',
        categories: ['utilities', 'security'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Android's share sheet ("Partager" on a number in the call log or on an SMS) opens `/?title&text&url`.
        // GET keeps it a plain navigation the service worker answers offline (docs/pwa.md).
        share_target: {
          action: '/',
          method: 'GET',
          enctype: 'application/x-www-form-urlencoded',
          params: { title: 'title', text: 'text', url: 'url' },
        },
        // `tel` is on the HTML safelist of schemes registerProtocolHandler accepts, so no `web+` prefix is
        // needed; Chromium honours manifest protocol_handlers for installed PWAs on desktop (docs/pwa.md).
        protocol_handlers: [{ protocol: 'tel', url: '/?tel=%s' }],
      },
    }),
  ],
});
