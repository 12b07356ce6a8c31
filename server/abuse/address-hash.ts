import { createHmac, randomBytes } from 'node:crypto';
import { DAY_MS } from '../crowd/crowd-model.ts';

/**
 * A per-process hash of a client address: HMAC-SHA256 under a random salt that lives in memory only and is
 * replaced every UTC day (and at every restart). For budgets a process keeps in its own memory (CardDAV book
 * builds); nothing hashed here is stored. Hashes stored with reports, and the shared rate limits, use
 * network-hash.ts, whose salt is in the database.
 */
export class AddressHasher {
  private day = -1;
  private salt: Buffer = Buffer.alloc(0);

  hash(address: string, now: number): string {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.salt = randomBytes(32);
    }
    return createHmac('sha256', this.salt).update(address).digest('hex').slice(0, 32);
  }
}

/**
 * The client address: behind a trusted reverse proxy, the last X-Forwarded-For entry (the one our proxy
 * appended; entries to its left come from the client and can be forged); otherwise the socket's address.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor) {
    const parts = forwardedFor.split(',');
    const last = parts[parts.length - 1]?.trim();
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}
