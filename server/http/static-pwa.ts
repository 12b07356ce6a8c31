import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

/** Vite names built assets `name-<hash>.ext` (8+ url-safe characters): such a name never changes content. */
const HASHED_ASSET = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Cache policy: files whose name carries a content hash are immutable for a year; everything else (index.html,
 * sw.js, the web manifest, icons) is revalidated every time, so a new deployment reaches installed PWAs — a
 * cached sw.js or index.html would pin users to an old version.
 */
export function cacheControlFor(relativePath: string): string {
  const name = relativePath.split('/').pop() ?? '';
  if (
    name === 'index.html' ||
    name === 'sw.js' ||
    name === 'service-worker.js' ||
    name.endsWith('.webmanifest') ||
    name === 'manifest.json'
  )
    return 'no-cache';
  if (relativePath.startsWith('assets/') && HASHED_ASSET.test(name)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/**
 * Serves the built PWA (`dist/pwa/`) for GET and HEAD outside `/api/`. A missing path without an extension is a
 * client-side route: it gets index.html (SPA fallback); a missing file with an extension is a 404.
 * Returns null when the request is not for the PWA.
 */
export async function servePwa(c: Context, rootDir: string): Promise<Response | null> {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null;
  const root = resolve(rootDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  let relative = pathname.replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const absolute = resolve(join(root, relative));
  if (absolute !== root && !absolute.startsWith(root + sep)) return null;
  if (isFile(absolute)) return fileResponse(c, absolute, relative);
  if (extname(relative) !== '') return null;
  const index = join(root, 'index.html');
  if (!isFile(index)) return null;
  return fileResponse(c, index, 'index.html');
}

export function pwaAvailable(rootDir: string): boolean {
  return existsSync(join(rootDir, 'index.html'));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function fileResponse(c: Context, absolute: string, relative: string): Promise<Response> {
  const body = await readFile(absolute);
  const headers = {
    'Content-Type': MIME[extname(absolute).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControlFor(relative),
    'X-Content-Type-Options': 'nosniff',
  };
  if (c.req.method === 'HEAD') return c.body(null, 200, { ...headers, 'Content-Length': String(body.byteLength) });
  return c.body(body, 200, headers);
}
