/**
 * A read-only CardDAV server (RFC 6352) for the phone book: discovery from the server name (RFC 6764's
 * `/.well-known/carddav`, and PROPFIND on `/` for clients that start there), PROPFIND at depth 0 and 1,
 * GET/HEAD with ETags, and the REPORTs phones use: sync-collection (RFC 6578), addressbook-multiget and
 * addressbook-query (RFC 6352 §8).
 *
 * Any Basic login is accepted and none is required: the book is public and holds no personal data, but
 * phones insist on a user name. Nothing here logs a path, a header or a body (the service writes no request
 * log at all, server/app.ts).
 */
import type { Context, Hono } from 'hono';
import type { Manifest } from '../../shared/api/schemas.ts';
import type { BookCard } from '../../shared/phonebook/book.ts';
import { type BookOptions, DEFAULT_BOOK_OPTIONS } from '../../shared/phonebook/options.ts';
import { foldLine } from '../../shared/phonebook/vcard.ts';
import { AddressHasher, clientAddress } from '../abuse/address-hash.ts';
import { readLimitedBody } from '../http/read-limited-body.ts';
import { BookCache, BooksBusyError, type ServedBook } from './book-cache.ts';
import { matchesFilter } from './query-filter.ts';
import { CARDDAV_ROOT, hrefOf, type Resource, resolvePath } from './resources.ts';
import {
  CALSERVER,
  CARDDAV,
  child,
  children,
  DAV,
  escapeXml,
  parseXml,
  type XmlElement,
  type XmlError,
} from './xml.ts';

export interface CardDavDeps {
  dataDir: string;
  currentManifest: () => Promise<Manifest | null>;
  trustProxy: boolean;
}

/** A multiget of every card of a 200,000-number book (4,000 hrefs) fits; anything bigger is not a phone. */
const MAX_DAV_BODY = 512 * 1024;
const ALLOW = 'OPTIONS, GET, HEAD, PROPFIND, REPORT';
const WRITES = new Set(['PUT', 'DELETE', 'PROPPATCH', 'MOVE', 'COPY', 'LOCK', 'UNLOCK']);
/** Changes whenever the card format changes, so tokens from an older server are refused, not misread. */
const TOKEN_PREFIX = 'urn:x-vigie:carddav-sync:1:';

type Answer = Response;

/** Salted, daily-rotated hashes of client addresses (never the address itself) for the new-book limit. */
const hasher = new AddressHasher();

/** How often the books in memory are checked against the published version (BookCache.refresh). */
const REFRESH_MS = 30_000;

export interface CardDavHandle {
  /** Builds the current version's books now (the timer does it within REFRESH_MS of a publication). */
  refresh(): Promise<void>;
}

export function registerCardDav(app: Hono, deps: CardDavDeps): CardDavHandle {
  const books = new BookCache(deps.dataDir, deps.currentManifest);
  // unref: the timer never keeps a process alive; errors (a snapshot file gone) are retried at the next tick.
  setInterval(() => void books.refresh().catch(() => undefined), REFRESH_MS).unref();

  // RFC 6764 §5: the well-known URI redirects to the context path, for every method (PROPFIND included).
  app.all('/.well-known/carddav', (c) => c.redirect(CARDDAV_ROOT, 301));
  app.all('/.well-known/carddav/', (c) => c.redirect(CARDDAV_ROOT, 301));
  app.all('/carddav', (c) => c.redirect(CARDDAV_ROOT, 301));

  // Clients given only the server name (vdirsyncer, macOS) ask `/` for the current user principal first.
  app.on(['PROPFIND', 'OPTIONS'], '/', (c) => {
    if (c.req.method === 'OPTIONS') return options(c);
    return handle(
      c,
      deps,
      books,
      { resource: { kind: 'root', base: CARDDAV_ROOT }, options: DEFAULT_BOOK_OPTIONS, optionsKey: '' },
      '/',
    );
  });

  app.all(`${CARDDAV_ROOT}*`, async (c) => {
    // Writes are refused wherever they aim: a read-only book has no path a write could create.
    const refused = refuseMethod(c);
    if (refused) return refused;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return text(c, 400, 'Chemin illisible. / Unreadable path.');
    }
    const resolved = resolvePath(pathname);
    if (!resolved.ok) return text(c, resolved.status, resolved.message);
    return handle(c, deps, books, resolved, hrefOf(resolved.resource));
  });
  return { refresh: () => books.refresh() };
}

async function handle(
  c: Context,
  deps: CardDavDeps,
  books: BookCache,
  target: { resource: Resource; options: BookOptions; optionsKey: string },
  selfHref: string,
): Promise<Answer> {
  const { resource } = target;
  const method = c.req.method;
  if (method === 'OPTIONS') return options(c);
  const refused = refuseMethod(c);
  if (refused) return refused;
  const client = hasher.hash(
    clientAddress(c.req.header('x-forwarded-for'), c.env?.incoming?.socket?.remoteAddress, deps.trustProxy),
    Date.now(),
  );
  const served = () => books.get(target.options, target.optionsKey, siteUrlOf(c, deps.trustProxy), client);
  try {
    return await answer(c, method, resource, selfHref, served);
  } catch (error) {
    if (!(error instanceof BooksBusyError)) throw error;
    c.header('Retry-After', String(error.retryAfterSeconds));
    return c.text(
      `Trop de carnets différents demandés en même temps ; réessayez dans ${error.retryAfterSeconds} s. / Too many different address books at once; retry in ${error.retryAfterSeconds} s.\n`,
      503,
    );
  }
}

async function answer(
  c: Context,
  method: string,
  resource: Resource,
  selfHref: string,
  served: () => Promise<ServedBook>,
): Promise<Answer> {
  if (method === 'GET' || method === 'HEAD') return get(c, resource, await served());

  const body = await readLimitedBody(c.req.raw, MAX_DAV_BODY);
  if (!body.ok) {
    if (body.reason === 'too_large') {
      c.header('Connection', 'close');
      return text(c, 413, 'Corps de requête trop gros (512 Ko au plus). / Request body too large (512 KB at most).');
    }
    return text(c, 400, 'Corps de requête illisible (UTF-8 attendu). / Unreadable request body (UTF-8 expected).');
  }
  let xml: XmlElement | null = null;
  if (body.text.trim() !== '') {
    try {
      xml = parseXml(body.text);
    } catch (error) {
      return text(
        c,
        400,
        `XML invalide : ${(error as XmlError).message}. / Invalid XML: ${(error as XmlError).message}.`,
      );
    }
  }
  if (method === 'PROPFIND') return propfind(c, resource, selfHref, xml, served);
  return report(c, resource, xml, await served());
}

function refuseMethod(c: Context): Answer | null {
  const method = c.req.method;
  if (WRITES.has(method))
    return davError(
      c,
      403,
      'need-privileges',
      'Le carnet Vigie est en lecture seule. / The Vigie address book is read-only.',
    );
  if (!['GET', 'HEAD', 'PROPFIND', 'REPORT', 'OPTIONS'].includes(method)) {
    c.header('Allow', ALLOW);
    return text(
      c,
      405,
      `${method} n’est pas accepté ici (lecture seule). / ${method} is not allowed here (read-only).`,
    );
  }
  return null;
}

function options(c: Context): Answer {
  c.header('Allow', ALLOW);
  c.header('DAV', '1, 3, addressbook');
  return c.body(null, 200);
}

function text(c: Context, status: 400 | 403 | 404 | 405 | 413, message: string): Answer {
  return c.text(`${message}\n`, status);
}

function davError(c: Context, status: 400 | 403, condition: string, message: string): Answer {
  return c.body(
    `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:"><d:${condition}/><d:responsedescription>${escapeXml(message)}</d:responsedescription></d:error>\n`,
    status,
    { 'Content-Type': 'application/xml; charset=utf-8' },
  );
}

function siteUrlOf(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const proto = trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`;
  return `${url.origin}/`;
}

function tokenOf(version: number): string {
  return `${TOKEN_PREFIX}${version}`;
}

// ─── GET / HEAD ────────────────────────────────────────────────────────────────────────────────────────────

function get(c: Context, resource: Resource, served: ServedBook): Answer {
  if (resource.kind === 'card') {
    const card = served.book.cards.get(resource.uid);
    if (!card) return text(c, 404, 'Ce contact n’existe pas (ou plus). / No such contact (any more).');
    return entity(c, card.vcard, `"${card.etag}"`, card.stamp.createdAt);
  }
  if (resource.kind === 'book') {
    // The whole book as one .vcf: what a phone that only imports files can take (it will not update itself).
    c.header('Content-Disposition', 'inline; filename="vigie-contacts.vcf"');
    const all = [...served.book.cards.values()].map((card) => card.vcard).join('');
    return entity(c, all, `"${tokenOf(served.book.version)}"`, null);
  }
  return c.text(
    'Carnet d’adresses Vigie (CardDAV). Ajoutez cette adresse comme compte CardDAV sur votre téléphone.\n' +
      'Vigie address book (CardDAV). Add this address as a CardDAV account on your phone.\n',
  );
}

function entity(c: Context, body: string, etag: string, lastModified: string | null): Answer {
  const headers: Record<string, string> = {
    'Content-Type': 'text/vcard; charset=utf-8',
    ETag: etag,
    'Cache-Control': 'no-cache',
  };
  if (lastModified) headers['Last-Modified'] = new Date(lastModified).toUTCString();
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*'))
    return c.body(null, 304, headers);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(body, 200, headers);
}

// ─── PROPFIND ──────────────────────────────────────────────────────────────────────────────────────────────

type PropRequest = { kind: 'allprop' } | { kind: 'propname' } | { kind: 'prop'; names: XmlElement[] };

async function propfind(
  c: Context,
  resource: Resource,
  selfHref: string,
  xml: XmlElement | null,
  served: () => Promise<ServedBook>,
): Promise<Answer> {
  const depth = c.req.header('depth') ?? 'infinity';
  if (depth !== '0' && depth !== '1') {
    if (depth.toLowerCase() === 'infinity')
      return davError(
        c,
        403,
        'propfind-finite-depth',
        'Depth: infinity n’est pas accepté ; utilisez 0 ou 1. / Depth: infinity is not supported; use 0 or 1.',
      );
    return text(c, 400, `En-tête Depth « ${depth} » invalide : 0 ou 1. / Invalid Depth header "${depth}": 0 or 1.`);
  }
  const request = propRequestOf(xml);
  if (!request)
    return text(
      c,
      400,
      'Corps PROPFIND inattendu : <propfind> avec <prop>, <allprop> ou <propname>. / Unexpected PROPFIND body.',
    );
  const needsBook = resource.kind === 'book' || resource.kind === 'card' || (resource.kind === 'root' && depth === '1');
  const book = needsBook || wantsBook(request) ? await served() : null;
  const members: { href: string; resource: Resource }[] = [{ href: selfHref, resource }];
  if (resource.kind === 'card' && !book?.book.cards.has(resource.uid))
    return text(c, 404, 'Ce contact n’existe pas (ou plus). / No such contact (any more).');
  if (depth === '1') {
    if (resource.kind === 'root') {
      const bookResource: Resource = { kind: 'book', base: resource.base };
      members.push({ href: hrefOf(bookResource), resource: bookResource });
    } else if (resource.kind === 'book' && book) {
      for (const uid of book.book.cards.keys()) {
        const card: Resource = { kind: 'card', base: resource.base, uid };
        members.push({ href: hrefOf(card), resource: card });
      }
    }
  }
  const parts = members.map((m) => responseXml(m.href, m.resource, request, book));
  return multistatus(c, parts.join(''));
}

function wantsBook(request: PropRequest): boolean {
  return (
    request.kind === 'prop' &&
    request.names.some((p) => p.name === 'getetag' || p.name === 'sync-token' || p.name === 'getctag')
  );
}

function propRequestOf(xml: XmlElement | null): PropRequest | null {
  if (!xml) return { kind: 'allprop' };
  if (xml.ns !== DAV || xml.name !== 'propfind') return null;
  if (child(xml, DAV, 'propname')) return { kind: 'propname' };
  const prop = child(xml, DAV, 'prop');
  if (prop) return { kind: 'prop', names: prop.children };
  if (child(xml, DAV, 'allprop')) return { kind: 'allprop' };
  return null;
}

// ─── Properties ────────────────────────────────────────────────────────────────────────────────────────────

const NS_PREFIX: Record<string, string> = { [DAV]: 'd', [CARDDAV]: 'card', [CALSERVER]: 'cs' };

/** The value of one property as XML, or null when the resource has no such property. */
function propertyXml(
  ns: string,
  name: string,
  resource: Resource,
  served: ServedBook | null,
  request: XmlElement | null,
): string | null {
  const principal = `<d:href>${escapeXml(`${resource.base}principal/`)}</d:href>`;
  const book = served?.book ?? null;
  const card = resource.kind === 'card' ? book?.cards.get(resource.uid) : undefined;
  if (ns === DAV) {
    switch (name) {
      case 'resourcetype':
        if (resource.kind === 'root') return '<d:collection/>';
        if (resource.kind === 'principal') return '<d:principal/>';
        if (resource.kind === 'book') return '<d:collection/><card:addressbook/>';
        return '';
      case 'displayname':
        if (resource.kind === 'book') return 'Vigie';
        if (resource.kind === 'card') return card ? escapeXml(card.name) : null;
        return 'Vigie';
      case 'current-user-principal':
      case 'principal-URL':
        return principal;
      case 'owner':
        return resource.kind === 'book' ? principal : null;
      case 'current-user-privilege-set':
        return '<d:privilege><d:read/></d:privilege><d:privilege><d:read-current-user-privilege-set/></d:privilege>';
      case 'supported-report-set':
        if (resource.kind !== 'book') return null;
        return ['<d:sync-collection/>', '<card:addressbook-multiget/>', '<card:addressbook-query/>']
          .map((r) => `<d:supported-report><d:report>${r}</d:report></d:supported-report>`)
          .join('');
      case 'sync-token':
        return resource.kind === 'book' && book ? escapeXml(tokenOf(book.version)) : null;
      case 'getetag':
        if (card) return escapeXml(`"${card.etag}"`);
        return resource.kind === 'book' && book ? escapeXml(`"${tokenOf(book.version)}"`) : null;
      case 'getcontenttype':
        return card ? 'text/vcard; charset=utf-8' : null;
      case 'getcontentlength':
        return card ? String(Buffer.byteLength(card.vcard)) : null;
      case 'getlastmodified':
        return card ? new Date(card.stamp.createdAt).toUTCString() : null;
    }
    return null;
  }
  if (ns === CARDDAV) {
    switch (name) {
      case 'addressbook-home-set':
        return resource.kind === 'card' ? null : `<d:href>${escapeXml(resource.base)}</d:href>`;
      case 'principal-address':
        return null;
      case 'addressbook-description':
        return resource.kind === 'book' ? escapeXml(describe(served)) : null;
      case 'supported-address-data':
        return resource.kind === 'book' ? '<card:address-data-type content-type="text/vcard" version="3.0"/>' : null;
      case 'max-resource-size':
        return resource.kind === 'book' ? String(256 * 1024) : null;
      case 'address-data':
        return card ? escapeXml(addressData(card, request)) : null;
    }
    return null;
  }
  if (ns === CALSERVER && name === 'getctag')
    return resource.kind === 'book' && book ? escapeXml(tokenOf(book.version)) : null;
  return null;
}

function describe(served: ServedBook | null): string {
  const book = served?.book;
  if (!book) return 'Vigie';
  const skipped =
    book.skippedRanges > 0
      ? ` ${book.skippedRanges} plages de numéros trop larges pour un carnet (la recherche Vigie les couvre).`
      : '';
  const capped = book.cappedOut > 0 ? ` ${book.cappedOut} numéros au-delà de la limite choisie.` : '';
  return `Numéros signalés par la communauté Vigie, liste v${book.version} : ${book.numberCount} numéros.${capped}${skipped}`;
}

/** RFC 6352 §10.4: address-data may name the properties wanted; FN, N, UID and VERSION are always kept. */
function addressData(card: BookCard, request: XmlElement | null): string {
  const wanted = request ? children(request, CARDDAV, 'prop') : [];
  if (wanted.length === 0) return card.vcard;
  const names = new Set(['BEGIN', 'END', 'VERSION', 'UID', 'FN', 'N']);
  for (const p of wanted) if (p.attrs.name) names.add(p.attrs.name.toUpperCase());
  if (names.size === 6) return card.vcard;
  return card.vcard
    .replace(/\r\n /g, '')
    .split('\r\n')
    .filter((line) => line === '' || names.has(line.split(/[;:]/)[0]?.toUpperCase() ?? ''))
    .map(foldLine)
    .join('\r\n');
}

function defaultProps(resource: Resource): [string, string][] {
  const common: [string, string][] = [
    [DAV, 'resourcetype'],
    [DAV, 'displayname'],
    [DAV, 'current-user-principal'],
  ];
  if (resource.kind === 'card')
    return [...common, [DAV, 'getetag'], [DAV, 'getcontenttype'], [DAV, 'getcontentlength'], [DAV, 'getlastmodified']];
  if (resource.kind === 'book')
    return [
      ...common,
      [DAV, 'sync-token'],
      [DAV, 'getetag'],
      [CALSERVER, 'getctag'],
      [CARDDAV, 'addressbook-description'],
      [DAV, 'supported-report-set'],
    ];
  return [...common, [DAV, 'principal-URL'], [CARDDAV, 'addressbook-home-set']];
}

function responseXml(href: string, resource: Resource, request: PropRequest, served: ServedBook | null): string {
  const wanted: { ns: string; name: string; element: XmlElement | null }[] =
    request.kind === 'prop'
      ? request.names.map((e) => ({ ns: e.ns, name: e.name, element: e }))
      : defaultProps(resource).map(([ns, name]) => ({ ns, name, element: null }));
  const found: string[] = [];
  const missing: string[] = [];
  const extraNs = new Map<string, string>();
  const tag = (ns: string, name: string) => {
    let prefix = NS_PREFIX[ns];
    if (!prefix) {
      prefix = extraNs.get(ns) ?? `x${extraNs.size}`;
      extraNs.set(ns, prefix);
    }
    return `${prefix}:${name}`;
  };
  for (const w of wanted) {
    const value = request.kind === 'propname' ? '' : propertyXml(w.ns, w.name, resource, served, w.element);
    const t = tag(w.ns, w.name);
    if (value === null) missing.push(`<${t}/>`);
    else found.push(value === '' ? `<${t}/>` : `<${t}>${value}</${t}>`);
  }
  const ns = [...extraNs].map(([uri, prefix]) => ` xmlns:${prefix}="${escapeXml(uri)}"`).join('');
  let out = `<d:response${ns}><d:href>${escapeXml(href)}</d:href>`;
  if (found.length)
    out += `<d:propstat><d:prop>${found.join('')}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`;
  if (missing.length)
    out += `<d:propstat><d:prop>${missing.join('')}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>`;
  return `${out}</d:response>`;
}

function multistatus(c: Context, inner: string, syncToken?: string): Answer {
  const token = syncToken === undefined ? '' : `<d:sync-token>${escapeXml(syncToken)}</d:sync-token>`;
  return c.body(
    `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:card="${CARDDAV}" xmlns:cs="${CALSERVER}">${inner}${token}</d:multistatus>\n`,
    207,
    { 'Content-Type': 'application/xml; charset=utf-8' },
  );
}

// ─── REPORT ────────────────────────────────────────────────────────────────────────────────────────────────

function report(c: Context, resource: Resource, xml: XmlElement | null, served: ServedBook): Answer {
  if (!xml) return text(c, 400, 'REPORT sans corps. / REPORT without a body.');
  if (resource.kind !== 'book')
    return davError(
      c,
      403,
      'supported-report',
      'Les REPORT ne sont acceptés que sur le carnet. / REPORTs are supported on the address book only.',
    );
  const props = child(xml, DAV, 'prop');
  const request: PropRequest = props ? { kind: 'prop', names: props.children } : { kind: 'allprop' };
  const cardHref = (uid: string) => hrefOf({ kind: 'card', base: resource.base, uid });
  const cardResponse = (uid: string) =>
    responseXml(cardHref(uid), { kind: 'card', base: resource.base, uid }, request, served);

  if (xml.ns === DAV && xml.name === 'sync-collection') {
    const depth = c.req.header('depth');
    if (depth !== undefined && depth !== '0')
      return text(
        c,
        400,
        'sync-collection se fait avec Depth: 0 (RFC 6578 §3.2). / sync-collection requires Depth: 0.',
      );
    const level = child(xml, DAV, 'sync-level')?.text.trim() ?? '1';
    if (level !== '1' && level !== 'infinite')
      return text(c, 400, `sync-level « ${level} » invalide : 1. / Invalid sync-level "${level}": 1.`);
    const token = child(xml, DAV, 'sync-token')?.text.trim() ?? '';
    const current = served.book;
    let since: Map<string, string> | null = null;
    if (token !== '') {
      const version = token.startsWith(TOKEN_PREFIX) ? Number(token.slice(TOKEN_PREFIX.length)) : Number.NaN;
      if (version === current.version) since = new Map([...current.cards].map(([uid, card]) => [uid, card.etag]));
      else since = served.history.get(version) ?? null;
      if (!since)
        return davError(
          c,
          403,
          'valid-sync-token',
          'Jeton de synchronisation inconnu ou trop ancien : resynchronisez tout. / Unknown or expired sync token: do a full sync.',
        );
    }
    const parts: string[] = [];
    for (const [uid, card] of current.cards) if (since?.get(uid) !== card.etag) parts.push(cardResponse(uid));
    if (since)
      for (const uid of since.keys())
        if (!current.cards.has(uid))
          parts.push(
            `<d:response><d:href>${escapeXml(cardHref(uid))}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`,
          );
    return multistatus(c, parts.join(''), tokenOf(current.version));
  }

  if (xml.ns === CARDDAV && xml.name === 'addressbook-multiget') {
    const parts: string[] = [];
    for (const h of children(xml, DAV, 'href')) {
      const href = h.text.trim();
      let uid: string | null = null;
      try {
        const resolved = resolvePath(decodeURIComponent(new URL(href, c.req.url).pathname));
        if (resolved.ok && resolved.resource.kind === 'card' && resolved.resource.base === resource.base)
          uid = resolved.resource.uid;
      } catch {
        uid = null;
      }
      if (uid && served.book.cards.has(uid)) parts.push(cardResponse(uid));
      else
        parts.push(
          `<d:response><d:href>${escapeXml(href)}</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`,
        );
    }
    return multistatus(c, parts.join(''));
  }

  if (xml.ns === CARDDAV && xml.name === 'addressbook-query') {
    const filter = child(xml, CARDDAV, 'filter') ?? null;
    const limitElement = child(xml, CARDDAV, 'limit');
    const limit = Number((limitElement && child(limitElement, CARDDAV, 'nresults')?.text) ?? Number.NaN);
    const parts: string[] = [];
    for (const [uid, card] of served.book.cards) {
      if (Number.isInteger(limit) && parts.length >= limit) break;
      if (!filter || matchesFilter(card.vcard, filter)) parts.push(cardResponse(uid));
    }
    return multistatus(c, parts.join(''));
  }

  return davError(
    c,
    403,
    'supported-report',
    `REPORT ${xml.name} non pris en charge. / REPORT ${xml.name} is not supported.`,
  );
}
