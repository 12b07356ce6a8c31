/**
 * The crowd service's HTTP contract (DESIGN.md §4, docs/api.md) against the real service: every endpoint, the
 * error shape, idempotency, bad inputs, body limits and the PWA's static serving.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from '../../server/abuse/address-hash.ts';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { AggregateSchema, ApiErrorSchema, ManifestSchema, RangeAnswerSchema } from '../../shared/api/schemas.ts';
import {
  getJson,
  newReporter,
  nextAddress,
  postReport,
  report,
  startTestService,
  type TestService,
} from './server-harness.ts';

let t: TestService;
let pwaDir: string;

beforeAll(async () => {
  pwaDir = mkdtempSync(join(tmpdir(), 'vigie-pwa-'));
  mkdirSync(join(pwaDir, 'assets'));
  writeFileSync(join(pwaDir, 'index.html'), '<!doctype html><title>Vigie</title>');
  writeFileSync(join(pwaDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(pwaDir, 'manifest.webmanifest'), '{"name":"Vigie"}');
  writeFileSync(join(pwaDir, 'assets', 'index-Bx7kQ9aZ.js'), 'console.log(1);');
  writeFileSync(join(pwaDir, 'assets', 'style-D2fG8hJk.css'), 'body{}');
  t = await startTestService({ trustProxy: true, pwaDir });
});

afterAll(async () => {
  await t?.cleanup();
  rmSync(pwaDir, { recursive: true, force: true });
});

/** A stored report row as the API would write it (no HTTP: the writer is driven directly). */
function reportRow(number: string): ReportRow {
  return {
    id: crypto.randomUUID(),
    number,
    reporter: newReporter(),
    category: 'telemarketing',
    comment: null,
    company: null,
    region: 'FR',
    calledAt: null,
    reportedAt: new Date().toISOString(),
    source: 'api',
    demo: false,
    addrHash: null,
  };
}

function expectApiError(body: unknown, code: string): void {
  expect(v.is(ApiErrorSchema, body)).toBe(true);
  expect((body as { error: { code: string } }).error.code).toBe(code);
}

/** Sends raw bytes with node:http, to control Content-Length and chunking exactly. */
function rawPost(
  path: string,
  chunks: Buffer[],
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, t.base);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may answer 413 and close before the whole body is sent: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('health', () => {
  it('GET /healthz answers 200 when the database answers', async () => {
    const { status, body } = await getJson<{ ok: boolean }>(`${t.base}/healthz`);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
  });
});

describe('POST /api/v1/reports', () => {
  it('accepts a report (201) and the same id again once (200, not a second report)', async () => {
    const reporter = newReporter();
    const body = report('01 99 00 03 01', reporter, { comment: 'Démarchage isolation', company: 'Fictive SA' });
    const first = await postReport(t.base, body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: body.id, duplicate: false });
    const again = await postReport(t.base, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: body.id, duplicate: true });
    const upper = await postReport(t.base, { ...body, id: body.id.toUpperCase() });
    expect(upper.status).toBe(200);
    const { body: aggregate } = await getJson<{ reports: number }>(`${t.base}/api/v1/numbers/%2B33199000301`);
    expect(aggregate.reports).toBe(1);
  });

  it('stores one report when the same id arrives many times at once', async () => {
    const body = report('+33199000302', newReporter());
    const statuses = await Promise.all(Array.from({ length: 8 }, () => postReport(t.base, body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
  });

  it('refuses invalid JSON with 400 {error:{code,message}}', async () => {
    for (const text of ['{', 'not json', '{"id": }', '']) {
      const response = await postReport(t.base, text);
      expect(response.status).toBe(400);
      expectApiError(await response.json(), 'invalid_json');
    }
  });

  it('refuses wrong types, missing and unknown fields', async () => {
    const good = report('+33199000303', newReporter());
    const bad: [Record<string, unknown>, string][] = [
      [{ ...good, number: 33199000303 }, 'number'],
      [{ ...good, category: 'spam' }, 'category'],
      [{ ...good, category: null }, 'category'],
      [{ ...good, reporter: 'short' }, 'reporter'],
      [{ ...good, reporter: 'x'.repeat(65) }, 'reporter'],
      [{ ...good, reporter: 'has spaces in it, not base64url!!' }, 'reporter'],
      [{ ...good, id: 'not-a-uuid' }, 'id'],
      [{ ...good, id: 42 }, 'id'],
      [{ ...good, region: 'france' }, 'region'],
      [{ ...good, calledAt: 'yesterday' }, 'calledAt'],
      [{ ...good, comment: 'x'.repeat(501) }, 'comment'],
      [{ ...good, comment: ['array'] }, 'comment'],
      [{ ...good, isAdmin: true }, 'unknown field "isAdmin"'],
      [{ reporter: good.reporter, number: good.number, category: good.category }, 'id'],
    ];
    for (const [body, mentioned] of bad) {
      const response = await postReport(t.base, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expectApiError(answer, 'invalid_report');
      expect(answer.error.message).toContain(mentioned);
    }
    for (const body of [[], 'string', 42, null]) {
      const response = await postReport(t.base, JSON.stringify(body));
      expect(response.status).toBe(400);
    }
  });

  it('refuses a calledAt outside 2000-01-01 .. one day ahead with a clear 400, and accepts the edges', async () => {
    const dayMs = 86_400_000;
    // Year 0000 and 0001 passed validation once, then failed in PostgreSQL with a 500 (issue 12, defect 1).
    const bad: [string, string][] = [
      ['0000-01-01T00:00:00Z', 'calledAt is before 2000-01-01'],
      ['0001-06-15T12:00:00Z', 'calledAt is before 2000-01-01'],
      ['1999-12-31T23:59:59Z', 'calledAt is before 2000-01-01'],
      ['2024-02-30T10:00:00Z', 'calledAt is not a real date'],
      [new Date(Date.now() + 2 * dayMs).toISOString(), 'calledAt is more than one day in the future'],
    ];
    for (const [calledAt, message] of bad) {
      const response = await postReport(t.base, report('+33199000309', newReporter(), { calledAt }));
      expect(response.status, calledAt).toBe(400);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expectApiError(answer, 'invalid_report');
      expect(answer.error.message).toContain(message);
    }
    for (const calledAt of ['2000-01-01T00:00:00Z', new Date(Date.now() + dayMs - 60_000).toISOString()]) {
      const response = await postReport(t.base, report('+33199000309', newReporter(), { calledAt }));
      expect(response.status, calledAt).toBe(201);
    }
  });

  it('a row the database refuses fails alone: the other reports of its batch are stored', async () => {
    const good = Array.from({ length: 149 }, (_, i) => reportRow(`+3319900${String(4000 + i)}`));
    // Year 0 is out of PostgreSQL's range: the database itself refuses this row.
    const poisoned = { ...reportRow('+33199003999'), calledAt: '0000-01-01T00:00:00.000Z' };
    const rows = [...good.slice(0, 70), poisoned, ...good.slice(70)];
    const outcomes = await Promise.allSettled(rows.map((row) => t.service.writer.write(row)));
    expect(outcomes[70]?.status).toBe('rejected');
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
    expect(fulfilled).toHaveLength(149);
    expect(new Set(fulfilled)).toEqual(new Set(['created']));
    const { body } = await getJson<{ reports: number }>(`${t.base}/api/v1/numbers/%2B33199004148`);
    expect(body.reports).toBe(1);
  });

  it('refuses numbers that are not phone numbers, SQL fragments included', async () => {
    for (const number of ["'; DROP TABLE reports; --", 'abc', '+', '1 OR 1=1', '0199\u0000000304']) {
      const response = await postReport(t.base, report(number, newReporter()));
      expect(response.status).toBe(400);
      expectApiError(await response.json(), 'invalid_number');
    }
    expect((await getJson(`${t.base}/healthz`)).status).toBe(200);
  });

  it('refuses null bytes and control characters in text fields', async () => {
    for (const extra of [{ comment: 'a\u0000b' }, { company: 'x\u0007' }, { reporter: `${newReporter()}\u0000` }]) {
      const response = await postReport(t.base, report('+33199000305', newReporter(), extra));
      expect(response.status).toBe(400);
    }
  });

  it('stores comments as given: unicode, markup and SQL-looking text come back byte for byte', async () => {
    const comment = `<script>alert("x")</script> '; DROP TABLE reports; -- é ü 漢字 😀 \u202Eevil\n2e ligne`;
    const number = '+33199000306';
    for (let i = 0; i < 3; i++) {
      const response = await postReport(t.base, report(number, newReporter(), { comment }), { from: nextAddress() });
      expect(response.status).toBe(201);
    }
    const { body } = await getJson<{ comments: { text: string }[] }>(
      `${t.base}/api/v1/numbers/${encodeURIComponent(number)}`,
    );
    expect(body.comments.map((c) => c.text)).toEqual([comment, comment, comment]);
  });

  it('refuses a 1 MB body with 413, by Content-Length and when streamed without one', async () => {
    const big = JSON.stringify({ ...report('+33199000307', newReporter()), comment: 'x'.repeat(1024 * 1024) });
    const response = await postReport(t.base, big);
    expect(response.status).toBe(413);
    expectApiError(await response.json(), 'payload_too_large');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunked = await rawPost(
      '/api/v1/reports',
      Array.from({ length: 16 }, () => chunk),
      {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
    );
    expect(chunked.status).toBe(413);
    expectApiError(JSON.parse(chunked.body), 'payload_too_large');
  });

  it('refuses a body that is not UTF-8, with or without Content-Length', async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const variants: Record<string, string>[] = [
      { 'content-type': 'application/json', 'content-length': String(bytes.length) },
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    ];
    for (const headers of variants) {
      const answer = await rawPost('/api/v1/reports', [bytes], headers);
      expect(answer.status).toBe(400);
      expectApiError(JSON.parse(answer.body), 'invalid_body');
    }
  });

  it('reads a body just under 16 KB normally (a bad comment is 400, not 413)', async () => {
    const body = JSON.stringify({ ...report('+33199000308', newReporter()), comment: 'y'.repeat(15_000) });
    const response = await postReport(t.base, body);
    expect(response.status).toBe(400);
  });
});

describe('GET /api/v1/numbers/{e164}', () => {
  it('answers the live aggregate of an unknown number', async () => {
    const { status, body, headers } = await getJson(`${t.base}/api/v1/numbers/%2B33199000399`);
    expect(status).toBe(200);
    expect(v.is(AggregateSchema, body)).toBe(true);
    expect(body).toMatchObject({ number: '+33199000399', listed: false, level: 'unknown', reports: 0, legitVotes: 0 });
    expect(headers.get('cache-control')).toBe('no-cache');
  });

  it('normalises the number in the path (national format, region query)', async () => {
    const { body } = await getJson<{ number: string }>(`${t.base}/api/v1/numbers/0199000399`);
    expect(body.number).toBe('+33199000399');
    const us = await getJson<{ number: string }>(`${t.base}/api/v1/numbers/2025550199?region=US`);
    expect(us.body.number).toBe('+12025550199');
  });

  it('refuses what is not a number', async () => {
    const { status, body } = await getJson(`${t.base}/api/v1/numbers/hello`);
    expect(status).toBe(400);
    expectApiError(body, 'invalid_number');
  });
});

describe('GET /api/v1/range/{prefix}', () => {
  it('answers a bucket for exactly 5 hex characters', async () => {
    const { status, body } = await getJson(`${t.base}/api/v1/range/abcde`);
    expect(status).toBe(200);
    expect(v.is(RangeAnswerSchema, body)).toBe(true);
    expect((body as { prefix: string }).prefix).toBe('abcde');
  });

  it('refuses any other prefix', async () => {
    for (const prefix of ['abcd', 'abcdef', 'abcdg', 'zzzzz', '%20abcd']) {
      const { status, body } = await getJson(`${t.base}/api/v1/range/${prefix}`);
      expect(status, prefix).toBe(400);
      expectApiError(body, 'invalid_prefix');
    }
  });
});

describe('list files', () => {
  it('serves a manifest (no-cache) and immutable files named by hash', async () => {
    const { status, body, headers } = await getJson(`${t.base}/api/v1/list/manifest`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-cache');
    const manifest = v.parse(ManifestSchema, body);
    const file = await fetch(`${t.base}/api/v1/list/files/${manifest.snapshot.name}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await file.arrayBuffer()).byteLength).toBe(manifest.snapshot.size);
  });

  it('answers 400 for a malformed name and 404 for an absent one', async () => {
    expect((await getJson(`${t.base}/api/v1/list/files/..%2F..%2Fkeys`)).status).toBe(400);
    const missing = await getJson(`${t.base}/api/v1/list/files/${'0'.repeat(64)}.list`);
    expect(missing.status).toBe(404);
    expectApiError(missing.body, 'not_found');
  });
});

describe('unknown paths and methods', () => {
  it('answers JSON errors under /api, never the PWA', async () => {
    const unknown = await getJson(`${t.base}/api/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expectApiError(unknown.body, 'not_found');
    const wrongMethod = await getJson(`${t.base}/api/v1/reports`);
    expect(wrongMethod.status).toBe(405);
    expectApiError(wrongMethod.body, 'method_not_allowed');
    const outside = await getJson(`${t.base}/api/other`);
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toContain('application/json');
  });

  it('refuses admin routes without the right token', async () => {
    const none = await getJson(`${t.base}/api/v1/admin/audit`);
    expect(none.status).toBe(401);
    expectApiError(none.body, 'unauthorized');
    const wrong = await getJson(`${t.base}/api/v1/admin/audit`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });
});

describe('static PWA', () => {
  it('serves index.html, sw.js and the manifest with no-cache', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/index.html', 'text/html'],
      ['/sw.js', 'text/javascript'],
      ['/manifest.webmanifest', 'application/manifest+json'],
    ]) {
      const response = await fetch(`${t.base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable with their MIME type', async () => {
    const js = await fetch(`${t.base}/assets/index-Bx7kQ9aZ.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await fetch(`${t.base}/assets/style-D2fG8hJk.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('falls back to index.html for client routes, not for missing files or /api', async () => {
    const route = await fetch(`${t.base}/history/today`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Vigie</title>');
    expect((await fetch(`${t.base}/missing.png`)).status).toBe(404);
    expect((await fetch(`${t.base}/api/v1/unknown`)).headers.get('content-type')).toContain('application/json');
  });

  it('never serves a file outside the PWA folder', async () => {
    const response = await fetch(`${t.base}/..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(await response.text()).not.toContain('root:');
  });
});

describe('security headers', () => {
  // Written out by hand (docs/api.md): what the API and the PWA must send.
  const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
  const PWA_POLICY =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
    "connect-src 'self' https: http://localhost:* http://127.0.0.1:*; worker-src 'self'; manifest-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  it('every API answer is nosniff with a policy that runs nothing, errors included', async () => {
    const manifest = v.parse(ManifestSchema, (await getJson(`${t.base}/api/v1/list/manifest`)).body);
    const answers: [string, Response][] = [
      ['healthz', await fetch(`${t.base}/healthz`)],
      ['201', await postReport(t.base, report('+33199000310', newReporter()))],
      ['400', await postReport(t.base, '{')],
      ['404', await fetch(`${t.base}/api/v1/nothing-here`)],
      ['405', await fetch(`${t.base}/api/v1/reports`)],
      ['number', await fetch(`${t.base}/api/v1/numbers/%2B33199000310`)],
      ['manifest', await fetch(`${t.base}/api/v1/list/manifest`)],
      ['file', await fetch(`${t.base}/api/v1/list/files/${manifest.snapshot.name}`)],
    ];
    for (const [what, response] of answers) {
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), what).toBe(API_POLICY);
      expect(response.headers.get('x-frame-options'), what).toBe('DENY');
      await response.arrayBuffer();
    }
  });

  it('the PWA gets its own policy: only its own files, no inline script or style, no framing', async () => {
    for (const path of ['/', '/history/today', '/assets/index-Bx7kQ9aZ.js', '/missing.png']) {
      const response = await fetch(`${t.base}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toBe(PWA_POLICY);
      await response.arrayBuffer();
    }
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted, then takes the entry our proxy appended', () => {
    expect(clientAddress('203.0.113.9', '127.0.0.1', false)).toBe('127.0.0.1');
    expect(clientAddress('203.0.113.9', '127.0.0.1', true)).toBe('203.0.113.9');
    expect(clientAddress('6.6.6.6, 203.0.113.9', '127.0.0.1', true)).toBe('203.0.113.9');
    expect(clientAddress(undefined, '127.0.0.1', true)).toBe('127.0.0.1');
  });
});
