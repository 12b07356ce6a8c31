/**
 * The crowd's live detail for one number (recent comments, counts) without telling the service which number:
 * shared/sync's k-anonymity range look-up sends only the first 5 hex digits of SHA-256(E.164) and picks our
 * entry out of the bucket locally (DESIGN.md §4). The page's `<meta name="referrer" content="no-referrer">`
 * keeps the page URL (which may hold `?n=<number>`) out of the request's Referer header.
 */
import type { Aggregate } from '../../../shared/api/schemas.ts';
import { lookupRange } from '../../../shared/sync/range-lookup.ts';

export async function fetchCrowdDetail(base: string, e164: string, signal?: AbortSignal): Promise<Aggregate | null> {
  const result = await lookupRange(base, e164, signal ? { signal } : {});
  if (result.status === 'found') {
    const { sha256: _hash, ...aggregate } = result.entry;
    return aggregate;
  }
  if (result.status === 'not-found') return null;
  throw new Error(result.message);
}
