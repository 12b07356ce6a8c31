/**
 * The CardDAV server at the HTTP level (RFC 6352, 6578, 6764, 4918): discovery, PROPFIND, GET with ETags, the
 * three REPORTs, options in the URL, and a clear 4xx for everything a read-only book refuses. The real clients
 * (tsdav, vdirsyncer) are in test/e2e/carddav-clients.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byName, listNumbers, parseVcards, publish } from './carddav-helpers.ts';
import { startTestService, type TestService } from './server-harness.ts';

let t: TestService;
const SCAM = ['+33199000601', '+33199000602'];
const TELEMARKETING = ['+33199000611'];

beforeAll(async () => {
  t = await startTestService({ trustProxy: true });
  await listNumbers(t.base, SCAM, 'scam');
  await listNumbers(t.base, TELEMARKETING, 'telemarketing');
  await publish(t.base);
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

const auth = { authorization: `Basic ${Buffer.from('anyone:anything').toString('base64')}` };

function dav(path: string, method: string, body?: string, headers: Record<string, string> = {}) {
  return fetch(`${t.base}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/xml; charset=utf-8', ...headers },
    redirect: 'manual',
    ...(body === undefined ? {} : { body }),
  });
}

const PROPFIND_PRINCIPAL = `<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/></D:prop></D:propfind>`;
const PROPFIND_HOME = `<propfind xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><prop><C:addressbook-home-set/></prop></propfind>`;
const PROPFIND_BOOK = `<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/"><d:prop><d:resourcetype/><d:displayname/><d:sync-token/><cs:getctag/><d:x-unknown/></d:prop></d:propfind>`;

function hrefs(xml: string): string[] {
  return [...xml.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1] as string);
}

describe('discovery from the server name alone', () => {
  it('/.well-known/carddav redirects to /carddav/ for GET and PROPFIND (RFC 6764 §5)', async () => {
    for (const method of ['GET', 'PROPFIND']) {
      const response = await dav('/.well-known/carddav', method, method === 'GET' ? undefined : PROPFIND_PRINCIPAL);
      expect(response.status).toBe(301);
      expect(new URL(response.headers.get('location') ?? '', t.base).pathname).toBe('/carddav/');
    }
  });

  it('PROPFIND / and /carddav/ name the principal; the principal names the home; the home lists the book', async () => {
    for (const path of ['/', '/carddav/']) {
      const response = await dav(path, 'PROPFIND', PROPFIND_PRINCIPAL, { depth: '0' });
      expect(response.status).toBe(207);
      expect(await response.text()).toContain('<d:current-user-principal><d:href>/carddav/principal/</d:href>');
    }
    const home = await dav('/carddav/principal/', 'PROPFIND', PROPFIND_HOME, { depth: '0' });
    expect(await home.text()).toContain('<card:addressbook-home-set><d:href>/carddav/</d:href>');
    const listing = await dav('/carddav/', 'PROPFIND', PROPFIND_BOOK, { depth: '1' });
    const xml = await listing.text();
    expect(hrefs(xml)).toEqual(['/carddav/', '/carddav/book/']);
    expect(xml).toContain('<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>');
    // An unknown property is a 404 propstat, not an error.
    expect(xml).toMatch(/<d:x-unknown\/><\/d:prop><d:status>HTTP\/1.1 404 Not Found/);
  });

  it('OPTIONS says DAV addressbook', async () => {
    const response = await dav('/carddav/book/', 'OPTIONS');
    expect(response.status).toBe(200);
    expect(response.headers.get('dav')).toContain('addressbook');
  });
});

describe('the address book', () => {
  it('lists one card per group at depth 1, and GET gives each card with its ETag', async () => {
    const listing = await dav(
      '/carddav/book/',
      'PROPFIND',
      '<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>',
      {
        depth: '1',
      },
    );
    const xml = await listing.text();
    const cards = hrefs(xml).filter((h) => h.endsWith('.vcf'));
    expect(cards.sort()).toEqual([
      '/carddav/book/vigie-danger-scam-1.vcf',
      '/carddav/book/vigie-spam-telemarketing-1.vcf',
    ]);
    const response = await dav('/carddav/book/vigie-danger-scam-1.vcf', 'GET');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/vcard');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9]+-[0-9a-f]+"$/);
    expect(xml).toContain(etag.replace(/"/g, '&quot;'));
    expect(byName(parseVcards(await response.text()))).toEqual({ '⛔ Vigie · Arnaque': SCAM });
    const again = await dav('/carddav/book/vigie-danger-scam-1.vcf', 'GET', undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const head = await dav('/carddav/book/vigie-danger-scam-1.vcf', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('GET on the book gives the whole book as one .vcf', async () => {
    const response = await dav('/carddav/book/', 'GET');
    expect(byName(parseVcards(await response.text()))).toEqual({
      '⛔ Vigie · Arnaque': SCAM,
      '⚠ Vigie · Démarchage': TELEMARKETING,
    });
  });

  it('addressbook-multiget and addressbook-query (RFC 6352 §8.6, §8.7)', async () => {
    const multiget = await dav(
      '/carddav/book/',
      'REPORT',
      `<C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/><C:address-data/></D:prop>
        <D:href>/carddav/book/vigie-danger-scam-1.vcf</D:href><D:href>/carddav/book/vigie-nothing-1.vcf</D:href></C:addressbook-multiget>`,
      { depth: '1' },
    );
    expect(multiget.status).toBe(207);
    const xml = await multiget.text();
    expect(xml).toContain('TEL:+33199000601');
    expect(xml).toMatch(/vigie-nothing-1\.vcf<\/d:href><d:status>HTTP\/1.1 404/);
    const query = await dav(
      '/carddav/book/',
      'REPORT',
      `<C:addressbook-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/></D:prop>
        <C:filter><C:prop-filter name="TEL"><C:text-match match-type="equals">+33199000611</C:text-match></C:prop-filter></C:filter></C:addressbook-query>`,
      { depth: '1' },
    );
    expect(hrefs(await query.text())).toEqual(['/carddav/book/vigie-spam-telemarketing-1.vcf']);
  });

  it('sync-collection: an empty token gives every card, the new token gives nothing, a foreign one is refused', async () => {
    const body = (token: string) =>
      `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
    const first = await (await dav('/carddav/book/', 'REPORT', body(''))).text();
    expect(hrefs(first).filter((h) => h.endsWith('.vcf'))).toHaveLength(2);
    const token = /<d:sync-token>([^<]+)<\/d:sync-token>/.exec(first)?.[1] ?? '';
    expect(token).not.toBe('');
    const second = await (await dav('/carddav/book/', 'REPORT', body(token))).text();
    expect(hrefs(second)).toEqual([]);
    const foreign = await dav('/carddav/book/', 'REPORT', body('http://example.com/other-server/1'));
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('valid-sync-token');
  });

  it('options in the URL choose the contents, and every href keeps them', async () => {
    const response = await dav('/carddav/o/min-danger,fr/book/', 'GET');
    expect(byName(parseVcards(await response.text()))).toEqual({ '⛔ Vigie · Arnaque': SCAM });
    const home = await dav('/carddav/o/min-danger,fr/', 'PROPFIND', PROPFIND_PRINCIPAL, { depth: '1' });
    const xml = await home.text();
    expect(hrefs(xml)).toContain('/carddav/o/min-danger,fr/principal/');
    expect(hrefs(xml)).toContain('/carddav/o/min-danger,fr/book/');
  });
});

describe('what a read-only book refuses, clearly', () => {
  it('one client gets at most 12 new option sets built a minute (503 with Retry-After); others are served', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let n = 1; n <= 14; n++) {
      const response = await dav(`/carddav/o/max-${n}/book/`, 'GET', undefined, from);
      statuses.push(response.status);
      if (response.status === 503) retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
    }
    expect(statuses).toEqual([...Array(12).fill(200), 503, 503]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another client still gets its book, even one the flood pushed out of memory.
    expect((await dav('/carddav/book/', 'GET', undefined, { 'x-forwarded-for': '198.51.100.9' })).status).toBe(200);
  });

  it('writes: 403 for PUT, DELETE, PROPPATCH; 405 for MKCOL, with Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PROPPATCH']) {
      const response = await dav('/carddav/book/vigie-danger-scam-1.vcf', method, 'BEGIN:VCARD');
      expect(response.status, method).toBe(403);
      expect(await response.text()).toContain('read-only');
    }
    const mkcol = await dav('/carddav/book/new/', 'MKCOL');
    expect(mkcol.status).toBe(405);
    expect(mkcol.headers.get('allow')).toContain('PROPFIND');
  });

  it('Depth: infinity (or none) is 403 propfind-finite-depth (RFC 4918 §9.1)', async () => {
    const response = await dav('/carddav/book/', 'PROPFIND', PROPFIND_PRINCIPAL, { depth: 'infinity' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('propfind-finite-depth');
    expect((await dav('/carddav/book/', 'PROPFIND', PROPFIND_PRINCIPAL)).status).toBe(403);
  });

  it('unknown paths 404, bad options 400, bad XML 400, unknown REPORT 403, huge bodies 413', async () => {
    expect((await dav('/carddav/nothing/', 'PROPFIND', PROPFIND_PRINCIPAL, { depth: '0' })).status).toBe(404);
    expect((await dav('/carddav/book/not-a-card.txt', 'GET')).status).toBe(404);
    expect((await dav('/carddav/book/vigie-spam-survey-9.vcf', 'GET')).status).toBe(404);
    const badOptions = await dav('/carddav/o/min-purple/book/', 'GET');
    expect(badOptions.status).toBe(400);
    expect(await badOptions.text()).toContain('Unknown level "purple"');
    const badXml = await dav('/carddav/book/', 'PROPFIND', '<d:propfind xmlns:d="DAV:"><d:prop>', { depth: '0' });
    expect(badXml.status).toBe(400);
    const entity = await dav('/carddav/book/', 'PROPFIND', '<!DOCTYPE x [<!ENTITY a "b">]><x/>', { depth: '0' });
    expect(entity.status).toBe(400);
    const unknownReport = await dav('/carddav/book/', 'REPORT', '<d:expand-property xmlns:d="DAV:"/>');
    expect(unknownReport.status).toBe(403);
    const huge = await dav('/carddav/book/', 'REPORT', `<d:x xmlns:d="DAV:">${'a'.repeat(600 * 1024)}</d:x>`);
    expect(huge.status).toBe(413);
  });
});
