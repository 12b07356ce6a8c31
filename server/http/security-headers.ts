/**
 * Response headers that make the browser refuse what the service never means to serve (hono/secure-headers):
 * every answer is `X-Content-Type-Options: nosniff`, so a JSON answer or a list file holding attacker text (a
 * comment, a company name) is never sniffed into HTML or script.
 *
 * - **API** (`/api/*`, `/healthz`): `default-src 'none'`. A JSON answer opened as a page can load and run nothing.
 *   `Cross-Origin-Resource-Policy: cross-origin` because the extension and PWAs on other origins call it.
 * - **PWA** (everything else): the app loads only its own files: scripts, styles, icons, the manifest and the
 *   service worker from this origin, no inline script or style, no plugin, no framing. `connect-src` also allows
 *   any HTTPS origin and loopback HTTP, because Settings lets a user point the app at another Vigie service.
 *
 * No Strict-Transport-Security: the service speaks plain HTTP behind its TLS proxy, which owns that decision.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

const COMMON = {
  strictTransportSecurity: false,
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
} as const;

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const apiHeaders = secureHeaders({
  ...COMMON,
  crossOriginResourcePolicy: 'cross-origin',
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
});

const pwaHeaders = secureHeaders({
  ...COMMON,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

function isApiPath(path: string): boolean {
  return path === '/healthz' || path === '/api' || path.startsWith('/api/');
}

/** One middleware for the whole app: the API's headers under /api and /healthz, the PWA's elsewhere. */
export const securityHeaders: MiddlewareHandler = (c, next) =>
  isApiPath(new URL(c.req.url).pathname) ? apiHeaders(c, next) : pwaHeaders(c, next);
