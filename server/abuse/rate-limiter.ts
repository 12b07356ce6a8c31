import { DAY_MS } from '../crowd/crowd-model.ts';
import type { Queryable } from '../db/database.ts';

/**
 * Fixed-window counters held in the database (`rate_counters`), so every process behind one PostgreSQL counts
 * against the same limits and a restart forgets nothing. Keys are reporter ids and address hashes, never
 * addresses. Each hit is one statement that adds 1 to every window of the key and returns the new counts; when one
 * is over its limit the hit is refused and taken back (a refused hit is not counted). Row locks make the counts
 * exact even when processes hit the same key at once.
 *
 * Windows divide a UTC day, so they start and end at UTC midnight at the latest: a window never spans two
 * address-salt periods (whole weeks, network-hash.ts), and an address's counts never reset halfway through a
 * window when its hash changes (the hash changes at a period's start, when every window starts again anyway).
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const HIT_SQL = `
  INSERT INTO rate_counters (scope, key, window_ms, window_index, expires_at, count)
  SELECT $1, $2, w.window_ms, w.window_index, w.expires_at, 1
  FROM unnest($3::integer[], $4::integer[], $5::timestamptz[]) AS w(window_ms, window_index, expires_at)
  ON CONFLICT (scope, key, window_ms, window_index) DO UPDATE SET count = rate_counters.count + 1
  RETURNING window_ms, count`;

const UNDO_SQL = `
  UPDATE rate_counters SET count = count - 1
  WHERE scope = $1 AND key = $2 AND (window_ms, window_index) IN (SELECT * FROM unnest($3::integer[], $4::integer[]))`;

/** Expired windows are deleted at most this often, by whichever process notices first. */
const SWEEP_EVERY_MS = 60_000;

export class RateLimiter {
  private lastSweep = 0;

  constructor(
    private readonly db: Queryable,
    /** Names the limit set (`reporter`, `address`, `lookup`): the same key in two sets counts twice. */
    private readonly scope: string,
    private readonly limits: readonly RateLimit[],
  ) {
    for (const limit of limits) {
      if (!Number.isInteger(limit.windowMs) || limit.windowMs <= 0 || DAY_MS % limit.windowMs !== 0) {
        throw new Error(`rate limit window ${limit.windowMs} ms does not divide a day`);
      }
    }
    if (new Set(limits.map((l) => l.windowMs)).size !== limits.length) {
      throw new Error(`two ${scope} rate limits share a window length`);
    }
  }

  /** Counts one hit for `key`; refused when any limit is already reached. */
  async hit(key: string, now: number): Promise<RateDecision> {
    if (this.limits.length === 0) return { ok: true };
    if (now - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = now;
      await this.db.query('DELETE FROM rate_counters WHERE expires_at < $1', [new Date(now).toISOString()]);
    }
    const windowMs = this.limits.map((l) => l.windowMs);
    const index = this.limits.map((l) => Math.floor(now / l.windowMs));
    const expires = this.limits.map((l, i) => new Date(((index[i] as number) + 1) * l.windowMs).toISOString());
    const rows = await this.db.query<{ window_ms: number; count: number }>(HIT_SQL, [
      this.scope,
      key,
      windowMs,
      index,
      expires,
    ]);
    let retryAfter = 0;
    for (const row of rows) {
      const i = windowMs.indexOf(row.window_ms);
      const limit = this.limits[i] as RateLimit;
      if (row.count > limit.limit) {
        const endsAt = ((index[i] as number) + 1) * limit.windowMs;
        retryAfter = Math.max(retryAfter, Math.max(1, Math.ceil((endsAt - now) / 1000)));
      }
    }
    if (retryAfter === 0) return { ok: true };
    await this.db.query(UNDO_SQL, [this.scope, key, windowMs, index]);
    return { ok: false, retryAfterSeconds: retryAfter };
  }
}

export interface RateLimitConfig {
  /** Reports per reporter id. */
  reporter: RateLimit[];
  /** Report submissions per source address (hashed). */
  address: RateLimit[];
  /** Look-ups (`/numbers`, `/range`) per source address (hashed): bulk scraping of comments is not a use. */
  lookup: RateLimit[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Defaults, and why: a person reports a few calls a day; 20 an hour and 100 a day per device leaves room for
 * someone clearing a backlog from the outbox. An address can hide a household, an office or a mobile carrier's
 * NAT: 120 a minute and 2,000 an hour stop a script without hurting a shared address.
 */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  reporter: [
    { limit: 20, windowMs: HOUR },
    { limit: 100, windowMs: 24 * HOUR },
  ],
  address: [
    { limit: 120, windowMs: MINUTE },
    { limit: 2000, windowMs: HOUR },
  ],
  // A page of call history checks tens of numbers at once; 600 a minute covers a busy office behind one address.
  lookup: [
    { limit: 600, windowMs: MINUTE },
    { limit: 10_000, windowMs: HOUR },
  ],
};
