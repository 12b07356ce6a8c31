/**
 * Private online look-up by hash prefix (k-anonymity, as Have I Been Pwned's range API does for passwords):
 * the client sends the first 5 hex characters of SHA-256(E.164) — one bucket among 16^5 ≈ 1 M, shared by every
 * number with that prefix — and picks its own number out of the answer by the full hash. The number itself
 * never leaves the device. Callers check the user's `rangeLookups` setting before calling.
 */
import * as v from 'valibot';
import { API_PREFIX, type RangeAnswer, RangeAnswerSchema } from '../api/schemas.ts';
import { rangePrefix, sha256Hex } from '../hash.ts';
import { apiUrl, type FetchLike, request } from './http.ts';

export type RangeEntry = RangeAnswer['entries'][number];

export type RangeLookupResult =
  | { status: 'found'; entry: RangeEntry; bucketSize: number }
  | { status: 'not-found'; bucketSize: number }
  | { status: 'offline'; reason: 'network' | 'http-error'; message: string }
  | { status: 'invalid'; message: string };

export interface RangeLookupOptions {
  fetch?: FetchLike;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export async function lookupRange(
  serverUrl: string,
  e164: string,
  options: RangeLookupOptions = {},
): Promise<RangeLookupResult> {
  if (!E164.test(e164)) return { status: 'invalid', message: `not an E.164 number: ${JSON.stringify(e164)}` };
  const [prefix, fullHash] = await Promise.all([rangePrefix(e164), sha256Hex(e164)]);
  const answer = await request(apiUrl(serverUrl, `${API_PREFIX}/range/${prefix}`), {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    signal: options.signal,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    init: { headers: { accept: 'application/json' } },
  });
  if (!answer.ok) {
    return { status: 'offline', reason: answer.kind === 'network' ? 'network' : 'http-error', message: answer.message };
  }
  let body: unknown;
  try {
    body = await answer.response.json();
  } catch {
    return { status: 'invalid', message: 'range answer is not JSON' };
  }
  const parsed = v.safeParse(RangeAnswerSchema, body);
  if (!parsed.success) return { status: 'invalid', message: `range answer: ${parsed.issues[0].message}` };
  const entries = parsed.output.entries;
  // Match on the full hash (never on the `number` field alone) and ignore entries outside the bucket asked for.
  const entry = entries.find((e) => e.sha256.toLowerCase() === fullHash && e.sha256.startsWith(prefix));
  return entry
    ? { status: 'found', entry, bucketSize: entries.length }
    : { status: 'not-found', bucketSize: entries.length };
}
