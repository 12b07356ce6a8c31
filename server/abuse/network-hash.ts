import { createHmac, randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { CROWD_MODEL, DAY_MS } from '../crowd/crowd-model.ts';
import type { Queryable } from '../db/database.ts';

/**
 * The only trace of a client's network in the database: HMAC-SHA-256 of it under a random salt. Within one salt
 * period (a UTC week, Monday to Sunday) the same network gives the same hash, which rate limits and "one network
 * counts once" (docs/crowd-model.md, rule 2) need; across periods nothing links the hashes.
 *
 * The salt of the current period is kept in the database (`address_salts`), so every process and every restart
 * hashes alike: a salt per process let three reports with a restart between each list a number alone. A period's
 * salt is deleted when the next period starts, so a copy of the database lets someone test guessed addresses
 * against the current week's reports at most (docs/crowd-model.md, "Source addresses", weighs this).
 */

/**
 * The salt period is the crowd model's listing span: the independent reporters that list a number must fall
 * within that many days (aggregate.ts), and such a span meets at most two periods, so one network counts as two
 * reporters at most there, never three.
 */
export const SALT_PERIOD_DAYS = CROWD_MODEL.listingSpanDays;

/** 1970-01-01 was a Thursday: shifting by 3 days starts the 7-day periods on Mondays, 00:00 UTC. */
const PERIOD_OFFSET_DAYS = 3;

export function saltPeriodOf(ms: number): number {
  return Math.floor((Math.floor(ms / DAY_MS) + PERIOD_OFFSET_DAYS) / SALT_PERIOD_DAYS);
}

/**
 * The network an address stands for. IPv4: the address itself (one home's or one office's NAT). IPv6: its /56
 * prefix, because one subscriber gets a /56 or a /64 and may use any address in it: counting addresses would let
 * one home count as millions of people.
 */
export function networkOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${Buffer.from(v6.toByteArray().slice(0, 7)).toString('hex')}/56`;
}

export class NetworkHasher {
  private cached: { period: number; salt: Buffer } | null = null;
  private loading: Promise<{ period: number; salt: Buffer }> | null = null;

  constructor(private readonly db: Queryable) {}

  /** 128 bits of HMAC-SHA-256(salt of the period of `now`, network of `address`), hex. */
  async hash(address: string, now: number): Promise<string> {
    const salt = await this.saltFor(saltPeriodOf(now));
    return createHmac('sha256', salt).update(networkOf(address)).digest('hex').slice(0, 32);
  }

  private async saltFor(period: number): Promise<Buffer> {
    if (this.cached?.period === period) return this.cached.salt;
    // Requests arriving together at a period's start share one load.
    this.loading ??= loadSalt(this.db, period).finally(() => {
      this.loading = null;
    });
    const loaded = await this.loading;
    if (loaded.period !== period) return this.saltFor(period);
    this.cached = loaded;
    return loaded.salt;
  }
}

/** The period's salt, made by whichever process needs it first; the salts of earlier periods are deleted. */
async function loadSalt(db: Queryable, period: number): Promise<{ period: number; salt: Buffer }> {
  // Two statements on purpose: when another process inserts the same period at the same moment, this INSERT
  // waits for it and does nothing, and only a later statement sees the row it committed.
  await db.query('INSERT INTO address_salts (period, salt) VALUES ($1, $2) ON CONFLICT (period) DO NOTHING', [
    period,
    randomBytes(32).toString('hex'),
  ]);
  const rows = await db.query<{ salt: string }>('SELECT salt FROM address_salts WHERE period = $1', [period]);
  const salt = rows[0]?.salt;
  if (!salt) throw new Error('the address salt of this period is missing');
  await db.query('DELETE FROM address_salts WHERE period < $1', [period]);
  return { period, salt: Buffer.from(salt, 'hex') };
}
