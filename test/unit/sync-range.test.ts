import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lookupRange } from '../../shared/sync/range-lookup.ts';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

function aggregate(number: string, reports: number) {
  return {
    sha256: hex(number),
    number,
    listed: true,
    level: 'spam',
    category: 'telemarketing',
    reports,
    legitVotes: 0,
    lastReportedAt: '2026-11-01T10:00:00.000Z',
    comments: [],
  };
}

/** A bucket server: answers every entry of `numbers` whose hash starts with the prefix asked for. */
function bucketServer(numbers: string[], seen: string[]) {
  return async (url: string) => {
    seen.push(url);
    const prefix = url.split('/').pop()!;
    const entries = numbers.filter((n) => hex(n).startsWith(prefix)).map((n, i) => aggregate(n, 3 + i));
    return Response.json({ prefix, entries });
  };
}

describe('lookupRange', () => {
  it('sends only the 5-hex-character prefix of SHA-256(E.164), never the number', async () => {
    const seen: string[] = [];
    const number = '+33612345678';
    const result = await lookupRange('https://vigie.test', number, { fetch: bucketServer([number], seen) });
    expect(seen).toEqual([`https://vigie.test/api/v1/range/${hex(number).slice(0, 5)}`]);
    expect(seen[0]).not.toContain('612345678');
    expect(result).toMatchObject({ status: 'found', entry: { number, reports: 3 } });
  });

  it('picks the number out of a shared bucket by its full hash', async () => {
    const number = '+33612345678';
    const prefix = hex(number).slice(0, 5);
    // Neighbours in the same bucket (same prefix, other numbers), as the server would return them.
    const neighbour = { ...aggregate('+33700000000', 9), sha256: `${prefix}${'0'.repeat(59)}` };
    const fetch = async () => Response.json({ prefix, entries: [neighbour, aggregate(number, 4)] });
    expect(await lookupRange('', number, { fetch })).toMatchObject({
      status: 'found',
      bucketSize: 2,
      entry: { reports: 4 },
    });
  });

  it('says not-found when the bucket lacks the number, even if an entry names it without the right hash', async () => {
    const number = '+33612345678';
    const impostor = { ...aggregate(number, 50), sha256: 'f'.repeat(64) };
    const fetch = async () => Response.json({ prefix: hex(number).slice(0, 5), entries: [impostor] });
    expect(await lookupRange('', number, { fetch })).toEqual({ status: 'not-found', bucketSize: 1 });
  });

  it('reports offline and server errors as values', async () => {
    const down = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await lookupRange('', '+33612345678', { fetch: down })).toMatchObject({
      status: 'offline',
      reason: 'network',
    });
    const error = async () => Response.json({ error: { code: 'x', message: 'boom' } }, { status: 500 });
    expect(await lookupRange('', '+33612345678', { fetch: error })).toMatchObject({
      status: 'offline',
      reason: 'http-error',
      message: 'boom',
    });
  });

  it('refuses inputs that are not E.164 and answers that are not the schema', async () => {
    const never = async (): Promise<Response> => {
      throw new Error('must not be called');
    };
    for (const bad of ['0612345678', '', '+0612', '+33 6 12', `+${'1'.repeat(16)}`]) {
      expect(await lookupRange('', bad, { fetch: never })).toMatchObject({ status: 'invalid' });
    }
    const junk = async () => Response.json({ entries: 'nope' });
    expect(await lookupRange('', '+33612345678', { fetch: junk })).toMatchObject({ status: 'invalid' });
  });
});
