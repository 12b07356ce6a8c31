/**
 * The crowd service's HTTP API (DESIGN.md §4), on Hono. Contract: shared/api/schemas.ts; docs/api.md.
 *
 * Privacy: the service writes no request log. Paths carry numbers (`/numbers/+33…`), so nothing here logs a
 * path, a query or a body; errors are logged by kind only (server/service.ts).
 */
import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import * as v from 'valibot';
import {
  API_PREFIX,
  calledAtProblem,
  type RangeAnswer,
  type ReportAccepted,
  ReportBodySchema,
} from '../shared/api/schemas.ts';
import { normalize } from '../shared/number/normalize.ts';
import { clientAddress } from './abuse/address-hash.ts';
import { NetworkHasher } from './abuse/network-hash.ts';
import { type RateLimitConfig, RateLimiter } from './abuse/rate-limiter.ts';
import { registerCardDav } from './carddav/routes.ts';
import { liveAggregate } from './crowd/live-aggregate.ts';
import type { Database } from './db/database.ts';
import { registerAdminRoutes } from './http/admin-routes.ts';
import { apiError } from './http/api-error.ts';
import { payloadTooLarge, readLimitedBody } from './http/read-limited-body.ts';
import { securityHeaders } from './http/security-headers.ts';
import { servePwa } from './http/static-pwa.ts';
import { serveListFile } from './publish/list-files-route.ts';
import { manifestJson } from './publish/publication-files.ts';
import type { Publication } from './publish/publication-runner.ts';
import { reportExists } from './reports/report-store.ts';
import type { ReportWriter } from './reports/report-writer.ts';

export interface AppDeps {
  db: Database;
  writer: ReportWriter;
  publisher: Pick<Publication, 'current' | 'publish'>;
  dataDir: string;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  adminToken: string | null;
  rateLimits: RateLimitConfig;
  /** The built PWA (`dist/pwa/`), served at `/` when present. */
  pwaDir: string | null;
  now?: () => number;
  /** Unexpected errors (never given a number, path or body). */
  onError?: (error: unknown) => void;
}

type Env = { Bindings: HttpBindings };

export function createApp(deps: AppDeps): Hono<Env> {
  const now = deps.now ?? Date.now;
  const app = new Hono<Env>();
  // Salts and counters live in the database, shared by every process and kept across restarts (issue 12, #3).
  const hasher = new NetworkHasher(deps.db);
  const reporterLimiter = new RateLimiter(deps.db, 'reporter', deps.rateLimits.reporter);
  const addressLimiter = new RateLimiter(deps.db, 'address', deps.rateLimits.address);
  const lookupLimiter = new RateLimiter(deps.db, 'lookup', deps.rateLimits.lookup);
  const addressHashOf = (c: Context<Env>, at: number) =>
    hasher.hash(
      clientAddress(c.req.header('x-forwarded-for'), c.env?.incoming?.socket?.remoteAddress, deps.trustProxy),
      at,
    );

  app.use('*', securityHeaders);
  // The extension and PWAs served from elsewhere call the public API cross-origin; no cookies are involved.
  app.use(`${API_PREFIX}/*`, cors({ origin: '*', allowMethods: ['GET', 'POST'], maxAge: 86400 }));

  app.get('/healthz', async (c) => {
    try {
      await deps.db.query('SELECT 1');
      return c.json({ ok: true, db: deps.db.kind });
    } catch {
      return apiError(c, 503, 'db_unavailable', 'the database does not answer');
    }
  });

  app.post(`${API_PREFIX}/reports`, async (c) => {
    const at = now();
    const addrHash = await addressHashOf(c, at);
    const byAddress = await addressLimiter.hit(addrHash, at);
    if (!byAddress.ok) return tooMany(c, byAddress.retryAfterSeconds, 'too many reports from this address');

    const body = await readLimitedBody(c.req.raw);
    if (!body.ok)
      return body.reason === 'too_large'
        ? payloadTooLarge(c)
        : apiError(c, 400, 'invalid_body', 'request body is not UTF-8 text');
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return apiError(c, 400, 'invalid_json', 'request body is not valid JSON');
    }
    const parsed = v.safeParse(ReportBodySchema, json);
    if (!parsed.success) return apiError(c, 400, 'invalid_report', describeIssue(parsed.issues[0]));
    const report = parsed.output;
    const calledAtError = report.calledAt === undefined ? null : calledAtProblem(report.calledAt, at);
    if (calledAtError) return apiError(c, 400, 'invalid_report', calledAtError);
    const normalized = normalize(report.number, report.region ?? 'FR');
    if (!normalized.ok) return apiError(c, 400, 'invalid_number', normalized.error.messageEn);

    const id = report.id.toLowerCase();
    // A retry after a lost acknowledgement is answered before the reporter's limit is counted: an outbox
    // re-sending what was already stored must get its 200, never a 429 (issue 12, defect 7).
    if (await reportExists(deps.db, id)) {
      const answer: ReportAccepted = { id, duplicate: true };
      return c.json(answer, 200);
    }
    const byReporter = await reporterLimiter.hit(report.reporter, at);
    if (!byReporter.ok) return tooMany(c, byReporter.retryAfterSeconds, 'too many reports from this reporter');

    const outcome = await deps.writer.write({
      id,
      number: normalized.value.number,
      reporter: report.reporter,
      category: report.category,
      // Stored exactly as given: plain text, never rendered as HTML by any Vigie client.
      comment: report.comment ?? null,
      company: report.company ?? null,
      region: report.region ?? normalized.value.country,
      calledAt: report.calledAt === undefined ? null : new Date(Date.parse(report.calledAt)).toISOString(),
      reportedAt: new Date(at).toISOString(),
      source: 'api',
      demo: false,
      addrHash,
    });
    const answer: ReportAccepted = { id, duplicate: outcome === 'duplicate' };
    return c.json(answer, outcome === 'created' ? 201 : 200);
  });

  // Look-ups share one limit per address.
  const limitLookups = async (c: Context<Env>, next: () => Promise<void>) => {
    const at = now();
    const decision = await lookupLimiter.hit(await addressHashOf(c, at), at);
    if (!decision.ok) return tooMany(c, decision.retryAfterSeconds, 'too many look-ups from this address');
    await next();
  };
  app.use(`${API_PREFIX}/numbers/*`, limitLookups);
  app.use(`${API_PREFIX}/range/*`, limitLookups);

  app.get(`${API_PREFIX}/numbers/:number`, async (c) => {
    const result = normalize(c.req.param('number'), c.req.query('region') ?? 'FR');
    if (!result.ok) return apiError(c, 400, 'invalid_number', result.error.messageEn);
    const aggregate = await liveAggregate(deps.db, result.value.number, now());
    c.header('Cache-Control', 'no-cache');
    return c.json(aggregate);
  });

  app.get(`${API_PREFIX}/range/:prefix`, async (c) => {
    const prefix = c.req.param('prefix');
    if (!/^[0-9a-fA-F]{5}$/.test(prefix))
      return apiError(c, 400, 'invalid_prefix', 'prefix must be exactly 5 hexadecimal characters of SHA-256(E.164)');
    const bucket = prefix.toLowerCase();
    const rows = await deps.db.query<{ number: string; sha256: string }>(
      'SELECT number, sha256 FROM list_entries WHERE substr(sha256, 1, 5) = $1 ORDER BY sha256',
      [bucket],
    );
    const at = now();
    const entries = await Promise.all(
      rows.map(async (row) => ({ sha256: row.sha256, ...(await liveAggregate(deps.db, row.number, at)) })),
    );
    const answer: RangeAnswer = { prefix: bucket, entries };
    c.header('Cache-Control', 'no-cache');
    return c.json(answer);
  });

  app.get(`${API_PREFIX}/list/manifest`, async (c) => {
    const manifest = await deps.publisher.current();
    if (!manifest) return apiError(c, 404, 'no_list', 'no list has been published yet');
    return c.body(manifestJson(manifest), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });

  app.get(`${API_PREFIX}/list/files/:name`, (c) => serveListFile(c, deps.dataDir, c.req.param('name')));

  registerAdminRoutes(app as unknown as Hono, deps);

  // The phone book over CardDAV (docs/phone.md): /.well-known/carddav, PROPFIND on /, and /carddav/….
  registerCardDav(app as unknown as Hono, {
    dataDir: deps.dataDir,
    currentManifest: () => deps.publisher.current(),
    trustProxy: deps.trustProxy,
  });

  // Known API paths with another method: 405, not a misleading 404.
  const KNOWN: [RegExp, string][] = [
    [/^\/api\/v1\/reports$/, 'POST'],
    [/^\/api\/v1\/(numbers|range)\/[^/]+$/, 'GET'],
    [/^\/api\/v1\/list\/(manifest|files\/[^/]+)$/, 'GET'],
  ];
  app.all(`${API_PREFIX}/*`, (c) => {
    const path = new URL(c.req.url).pathname;
    const known = KNOWN.find(([pattern]) => pattern.test(path));
    if (known) {
      c.header('Allow', known[1]);
      return apiError(c, 405, 'method_not_allowed', `this path accepts ${known[1]} only`);
    }
    return apiError(c, 404, 'not_found', 'no such API endpoint');
  });
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', 'no such API endpoint'));

  app.all('*', async (c) => {
    if (deps.pwaDir) {
      const response = await servePwa(c, deps.pwaDir);
      if (response) return response;
    }
    return apiError(c, 404, 'not_found', 'not found');
  });

  app.onError((error, c) => {
    deps.onError?.(error);
    return apiError(c, 500, 'internal', 'internal error');
  });
  return app;
}

function tooMany(c: Context, retryAfter: number, message: string): Response {
  c.header('Retry-After', String(retryAfter));
  return apiError(c, 429, 'rate_limited', `${message}; retry in ${retryAfter} s`);
}

function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'invalid report';
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  // strictObject reports an unknown key as "expected never": say what it means.
  if (issue.expected === 'never' && path) return `unknown field "${path}"`;
  return path ? `${path}: ${issue.message}` : issue.message;
}
