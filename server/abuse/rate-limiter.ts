/**
 * Fixed-window counters kept in memory: for each limit, a map of key → count for the current window, dropped
 * whole when the window ends, so memory stays bounded by the keys seen in one window. Keys are reporter ids
 * and address hashes, never addresses.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Window {
  index: number;
  counts: Map<string, number>;
}

export class RateLimiter {
  private readonly windows: Window[];

  constructor(private readonly limits: readonly RateLimit[]) {
    this.windows = limits.map(() => ({ index: -1, counts: new Map() }));
  }

  /** Counts one hit for `key`; refused when any limit is already reached (a refused hit is not counted). */
  hit(key: string, now: number): RateDecision {
    let retryAfter = 0;
    this.limits.forEach((limit, i) => {
      const window = this.windowAt(i, now);
      if ((window.counts.get(key) ?? 0) >= limit.limit) {
        const endsAt = (window.index + 1) * limit.windowMs;
        retryAfter = Math.max(retryAfter, Math.ceil((endsAt - now) / 1000));
      }
    });
    if (retryAfter > 0) return { ok: false, retryAfterSeconds: retryAfter };
    this.limits.forEach((_limit, i) => {
      const window = this.windowAt(i, now);
      window.counts.set(key, (window.counts.get(key) ?? 0) + 1);
    });
    return { ok: true };
  }

  private windowAt(i: number, now: number): Window {
    const limit = this.limits[i] as RateLimit;
    const window = this.windows[i] as Window;
    const index = Math.floor(now / limit.windowMs);
    if (window.index !== index) {
      window.index = index;
      window.counts = new Map();
    }
    return window;
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
