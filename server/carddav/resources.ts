/**
 * The CardDAV URL space (docs/phone.md):
 *
 *   /carddav/                  context root and address-book home (RFC 6352 §7.1.1)
 *   /carddav/principal/        the one principal every login maps to
 *   /carddav/book/             the address book
 *   /carddav/book/<uid>.vcf    one contact
 *
 * and the same under `/carddav/o/<options>/` for a book with options (shared/phonebook/options.ts), so a
 * phone's account URL carries them and every href the server gives keeps them.
 */
import { type BookOptions, parseBookOptions } from '../../shared/phonebook/options.ts';

export const CARDDAV_ROOT = '/carddav/';

export type Resource =
  | { kind: 'root' | 'principal' | 'book'; base: string }
  | { kind: 'card'; base: string; uid: string };

export type ResolveResult =
  | { ok: true; resource: Resource; options: BookOptions; optionsKey: string }
  | { ok: false; status: 400 | 404; message: string };

const UID = /^[a-z0-9-]{1,80}$/;

/** Resolves a decoded path under /carddav/; collections are accepted with or without their final slash. */
export function resolvePath(pathname: string): ResolveResult {
  if (!pathname.startsWith(CARDDAV_ROOT)) return { ok: false, status: 404, message: 'not a CardDAV path' };
  let rest = pathname.slice(CARDDAV_ROOT.length);
  let base = CARDDAV_ROOT;
  let optionsKey = '';
  if (rest.startsWith('o/')) {
    const end = rest.indexOf('/', 2);
    optionsKey = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end + 1);
    base = `${CARDDAV_ROOT}o/${encodeURIComponent(optionsKey).replace(/%2C/g, ',').replace(/%2B/g, '+')}/`;
  }
  const parsed = parseBookOptions(optionsKey);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.messageEn };
  const found = (resource: Resource): ResolveResult => ({ ok: true, resource, options: parsed.options, optionsKey });
  if (rest === '') return found({ kind: 'root', base });
  if (rest === 'principal' || rest === 'principal/') return found({ kind: 'principal', base });
  if (rest === 'book' || rest === 'book/') return found({ kind: 'book', base });
  if (rest.startsWith('book/') && rest.endsWith('.vcf')) {
    const uid = rest.slice(5, -4);
    if (UID.test(uid)) return found({ kind: 'card', base, uid });
  }
  return { ok: false, status: 404, message: 'no such CardDAV resource' };
}

export function hrefOf(resource: Resource): string {
  switch (resource.kind) {
    case 'root':
      return resource.base;
    case 'principal':
      return `${resource.base}principal/`;
    case 'book':
      return `${resource.base}book/`;
    case 'card':
      return `${resource.base}book/${resource.uid}.vcf`;
  }
}
