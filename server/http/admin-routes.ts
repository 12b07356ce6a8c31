import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { AdminActionBodySchema, type AuditEntry } from '../../shared/api/schemas.ts';
import { normalize } from '../../shared/number/normalize.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { Publication } from '../publish/publication-runner.ts';
import { apiError } from './api-error.ts';
import { payloadTooLarge, readLimitedBody } from './read-limited-body.ts';

export interface AdminDeps {
  db: Database;
  publisher: Pick<Publication, 'current' | 'publish'>;
  /** `VIGIE_ADMIN_TOKEN`; null disables every admin route. */
  adminToken: string | null;
}

/** Compares digests so the time taken does not depend on how much of the token was right. */
function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function audit(db: Queryable, action: AuditEntry['action'], target: string, reason: string | null) {
  await db.query('INSERT INTO admin_audit (action, target, reason) VALUES ($1, $2, $3)', [action, target, reason]);
}

/** The optional `{reason}` body, or the error response to send when the body is bad. */
async function readReason(c: Context): Promise<{ reason: string | null } | Response> {
  const body = await readLimitedBody(c.req.raw);
  if (!body.ok)
    return body.reason === 'too_large'
      ? payloadTooLarge(c)
      : apiError(c, 400, 'invalid_body', 'request body is not UTF-8 text');
  if (body.text.trim() === '') return { reason: null };
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return apiError(c, 400, 'invalid_json', 'request body is not valid JSON');
  }
  const parsed = v.safeParse(AdminActionBodySchema, json);
  if (!parsed.success) return apiError(c, 400, 'invalid_body', parsed.issues[0]?.message ?? 'invalid body');
  return { reason: parsed.output.reason ?? null };
}

function parseNumber(c: Context): string | Response {
  const result = normalize(c.req.param('number') ?? '', c.req.query('region') ?? 'FR');
  if (!result.ok) return apiError(c, 400, 'invalid_number', result.error.messageEn);
  return result.value.number;
}

/**
 * Moderation, behind `Authorization: Bearer <VIGIE_ADMIN_TOKEN>`. Every action writes a row to `admin_audit`
 * (what, on what, when, why) in the same transaction as the action itself.
 */
export function registerAdminRoutes(app: Hono, deps: AdminDeps): void {
  const { db, publisher } = deps;
  app.use('/api/v1/admin/*', async (c, next) => {
    if (!deps.adminToken)
      return apiError(c, 403, 'admin_disabled', 'admin actions are disabled (no VIGIE_ADMIN_TOKEN)');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !tokenMatches(match[1], deps.adminToken)) {
      c.header('WWW-Authenticate', 'Bearer');
      return apiError(c, 401, 'unauthorized', 'a valid admin token is required (Authorization: Bearer <token>)');
    }
    await next();
  });

  app.post('/api/v1/admin/reports/:id/hide-comment', async (c) => {
    const id = c.req.param('id').toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
      return apiError(c, 400, 'invalid_id', 'report id must be a UUID');
    const body = await readReason(c);
    if (body instanceof Response) return body;
    const found = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        'UPDATE reports SET comment_hidden = true WHERE id = $1 RETURNING id',
        [id],
      );
      if (rows.length === 0) return false;
      await audit(tx, 'hide_comment', id, body.reason);
      return true;
    });
    if (!found) return apiError(c, 404, 'not_found', 'no report with this id');
    return c.json({ ok: true, action: 'hide_comment', target: id });
  });

  // Protect and delist are the same step: one upsert into number_overrides and its audit line, in one transaction.
  const overrides = [
    {
      action: 'protect',
      upsert: `INSERT INTO number_overrides (number, protected, updated_at) VALUES ($1, true, now())
         ON CONFLICT (number) DO UPDATE SET protected = true, updated_at = now()`,
    },
    {
      action: 'delist',
      // Evidence received up to now no longer counts; new reports can list the number again.
      upsert: `INSERT INTO number_overrides (number, delisted_at, updated_at) VALUES ($1, clock_timestamp(), now())
         ON CONFLICT (number) DO UPDATE SET delisted_at = clock_timestamp(), updated_at = now()`,
    },
  ] as const;
  for (const { action, upsert } of overrides) {
    app.post(`/api/v1/admin/numbers/:number/${action}`, async (c) => {
      const number = parseNumber(c);
      if (number instanceof Response) return number;
      const body = await readReason(c);
      if (body instanceof Response) return body;
      await db.transaction(async (tx) => {
        await tx.query(upsert, [number]);
        await audit(tx, action, number, body.reason);
      });
      return c.json({ ok: true, action, target: number });
    });
  }

  app.get('/api/v1/admin/audit', async (c) => {
    const rows = await db.query<{
      id: number;
      at: Date;
      action: AuditEntry['action'];
      target: string;
      reason: string | null;
    }>('SELECT id, at, action, target, reason FROM admin_audit ORDER BY id DESC LIMIT 500');
    return c.json({ entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })) });
  });

  app.post('/api/v1/admin/publish', async (c) => {
    const body = await readReason(c);
    if (body instanceof Response) return body;
    const result = await publisher.publish();
    await audit(db, 'publish', `v${result.manifest.version}`, body.reason);
    c.header('Cache-Control', 'no-store');
    return c.json(result.manifest);
  });
}
