import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportBody } from '../../shared/api/schemas.ts';
import { openVigieDb, type VigieDb } from '../../shared/store/db.ts';
import { listHistory } from '../../shared/store/history-store.ts';
import { claimDueReports, dismissRejectedReport, listOutbox } from '../../shared/store/outbox-store.ts';
import {
  BACKOFF,
  backoffDelay,
  type FlushOptions,
  flushOutbox,
  queueReport,
  type ReportInput,
  SEND_LEASE_MS,
} from '../../shared/sync/outbox.ts';

/** A fake service that keeps reports by id, as the real one does (same id → 200, stored once). */
class FakeReports {
  stored = new Map<string, ReportBody>();
  posts: ReportBody[] = [];
  /** Decides the answer to each POST; default: accept. */
  answer: (body: ReportBody) => Response | 'network' = () => new Response(null, { status: 201 });

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    expect(url).toBe('https://vigie.test/api/v1/reports');
    expect(init?.method).toBe('POST');
    const body = JSON.parse(String(init?.body)) as ReportBody;
    this.posts.push(body);
    const answer = this.answer(body);
    if (answer === 'network') throw new TypeError('fetch failed');
    if (answer.status === 201 && this.stored.has(body.id)) return Response.json({ duplicate: true }, { status: 200 });
    if (answer.status === 201) this.stored.set(body.id, body);
    return answer;
  };
}

let db: VigieDb;
let server: FakeReports;
let time = 1_700_000_000_000;

const report = (n: number, extra: Partial<ReportInput> = {}): ReportInput => ({
  number: `+3361234567${n}`,
  category: 'telemarketing',
  ...extra,
});

function flush(extra: Partial<FlushOptions> = {}) {
  return flushOutbox({ serverUrl: 'https://vigie.test', db, fetch: server.fetch, now: () => time, ...extra });
}

async function queue(n: number, extra: Partial<ReportInput> = {}) {
  const result = await queueReport(db, report(n, extra), { now: time });
  if (!result.ok) throw new Error(result.error.message);
  return result.record;
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openVigieDb('outbox');
  server = new FakeReports();
});
afterEach(() => db.close());

describe('queueReport', () => {
  it('stores the report with a fresh UUID and the install reporter id, and a queued history line', async () => {
    const a = await queue(1, { comment: 'Démarchage pour des fenêtres' });
    const b = await queue(2);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.body.reporter).toBe(b.body.reporter);
    expect(a.body.reporter).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await listOutbox(db)).map((r) => r.state)).toEqual(['pending', 'pending']);
    const history = await listHistory(db);
    expect(history.map((h) => [h.kind, h.state, h.reportId].join())).toContain(['report', 'queued', a.id].join());
  });

  it('refuses a bad report with a typed error naming the field, storing nothing', async () => {
    const bad: ReportInput[] = [
      report(1, { comment: 'x'.repeat(501) }),
      report(1, { comment: 'null\u0000byte' }),
      { number: '', category: 'scam' },
      { number: '+33612345678', category: 'nope' as 'scam' },
      report(1, { calledAt: 'yesterday' }),
      { ...report(1), extra: 1 } as ReportInput,
    ];
    for (const input of bad) {
      const result = await queueReport(db, input, { now: time });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-report');
    }
    const tooLong = await queueReport(db, report(1, { comment: 'x'.repeat(501) }));
    expect(!tooLong.ok && tooLong.error.field).toBe('comment');
    expect(await listOutbox(db)).toEqual([]);
    expect(await listHistory(db)).toEqual([]);
  });
});

describe('flushOutbox', () => {
  it('sends each due report once, in order, and marks it sent', async () => {
    const a = await queue(1);
    time += 1;
    const b = await queue(2);
    expect(await flush()).toMatchObject({ sent: 2, rejected: 0, retrying: 0, nextAttemptAt: null });
    expect(server.posts.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(server.posts[0]).toEqual(a.body);
    expect(await listOutbox(db)).toEqual([]);
    expect((await listHistory(db)).map((h) => h.state)).toEqual(['sent', 'sent']);
    expect(await flush()).toMatchObject({ sent: 0 });
    expect(server.posts).toHaveLength(2);
  });

  it('counts a 200 (the server already had this id) as sent', async () => {
    await queue(1);
    server.answer = () => Response.json({}, { status: 200 });
    expect(await flush()).toMatchObject({ sent: 1 });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('keeps a report the server refuses (4xx) visible with its message, and never retries it', async () => {
    const a = await queue(1);
    server.answer = () =>
      Response.json({ error: { code: 'invalid_number', message: 'number is not a phone number' } }, { status: 400 });
    expect(await flush()).toMatchObject({ rejected: 1, nextAttemptAt: null });
    const [record] = await listOutbox(db);
    expect(record).toMatchObject({
      id: a.id,
      state: 'rejected',
      lastError: { status: 400, code: 'invalid_number', message: 'number is not a phone number' },
    });
    expect((await listHistory(db))[0]).toMatchObject({ state: 'rejected', message: 'number is not a phone number' });
    time += 365 * 24 * 3600_000;
    await flush();
    expect(server.posts).toHaveLength(1);
    await dismissRejectedReport(db, a.id);
    expect(await listOutbox(db)).toEqual([]);
    expect((await listHistory(db))[0]?.state).toBe('rejected');
  });

  it('413 is a refusal too, with a status-line message when the body is not JSON', async () => {
    await queue(1);
    server.answer = () => new Response('too big', { status: 413 });
    await flush();
    expect((await listOutbox(db))[0]).toMatchObject({
      state: 'rejected',
      lastError: { status: 413, message: 'HTTP 413' },
    });
  });

  it('retries 5xx with exponential backoff and full jitter, persisted, until it goes through', async () => {
    const a = await queue(1);
    server.answer = () => Response.json({ error: { code: 'unavailable', message: 'db down' } }, { status: 503 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const start = time;
      const result = await flush({ random: () => 1 - 2 ** -52 });
      expect(result).toMatchObject({ retrying: 1, sent: 0 });
      const record = (await listOutbox(db))[0]!;
      expect(record.attempts).toBe(attempt);
      expect(record.lastError).toMatchObject({ status: 503, message: 'db down' });
      delays.push(record.nextAttemptAt - start);
      // Not due yet: nothing is sent.
      time = record.nextAttemptAt - 1;
      await flush();
      expect(server.posts).toHaveLength(attempt);
      time = record.nextAttemptAt;
    }
    // With random ≈ 1 the delay is the ceiling: 30 s, 60 s, 120 s … capped at 6 h.
    const ceilings = delays.map((_, i) => Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** i));
    for (const [i, d] of delays.entries()) expect(Math.abs(d - ceilings[i]!)).toBeLessThanOrEqual(1);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(BACKOFF.capMs - 1);
    server.answer = () => new Response(null, { status: 201 });
    expect(await flush()).toMatchObject({ sent: 1 });
    expect(server.stored.has(a.id)).toBe(true);
  });

  it('draws the delay uniformly between the floor and the ceiling', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF.floorMs);
    expect(backoffDelay(3, () => 0.5)).toBe(BACKOFF.baseMs * 2);
    expect(backoffDelay(40, () => 0.5)).toBe(BACKOFF.capMs / 2);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(4);
      expect(d).toBeGreaterThanOrEqual(BACKOFF.floorMs);
      expect(d).toBeLessThan(BACKOFF.baseMs * 8);
    }
  });

  it('honours Retry-After on 429', async () => {
    await queue(1);
    server.answer = () => new Response(null, { status: 429, headers: { 'retry-after': '900' } });
    await flush({ random: () => 0 });
    expect((await listOutbox(db))[0]?.nextAttemptAt).toBe(time + 900_000);
  });

  it('stops at the first network failure and reschedules the rest together, counting one attempt', async () => {
    for (let i = 1; i <= 3; i++) {
      await queue(i);
      time += 1;
    }
    server.answer = () => 'network';
    expect(await flush({ random: () => 0.5 })).toMatchObject({ retrying: 1, stoppedBy: 'network' });
    expect(server.posts).toHaveLength(1);
    const records = await listOutbox(db);
    expect(records.map((r) => r.attempts).sort()).toEqual([0, 0, 1]);
    expect(new Set(records.map((r) => r.nextAttemptAt)).size).toBe(1);
  });

  it('loses nothing across a restart', async () => {
    const a = await queue(1);
    server.answer = () => 'network';
    await flush();
    db.close();
    db = await openVigieDb('outbox'); // the worker or the tab restarts
    server.answer = () => new Response(null, { status: 201 });
    time += BACKOFF.capMs;
    expect(await flush()).toMatchObject({ sent: 1 });
    expect([...server.stored.keys()]).toEqual([a.id]);
  });

  it('a worker killed mid-send resends after the lease, and the server still has it once', async () => {
    const a = await queue(1);
    // The first flush claims the report and its POST reaches the server, but the worker dies before the answer.
    server.answer = (body) => {
      server.stored.set(body.id, body);
      return 'network';
    };
    await claimDueReports(db, time, SEND_LEASE_MS);
    await server
      .fetch('https://vigie.test/api/v1/reports', { method: 'POST', body: JSON.stringify(a.body) })
      .catch(() => undefined);
    db.close();
    db = await openVigieDb('outbox');
    server.answer = () => new Response(null, { status: 201 });
    expect(await flush()).toMatchObject({ sent: 0 }); // still leased
    time += SEND_LEASE_MS;
    expect(await flush()).toMatchObject({ sent: 1 });
    expect(server.stored.size).toBe(1);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('two flushes at once send each report once', async () => {
    for (let i = 1; i <= 5; i++) await queue(i);
    const [x, y] = await Promise.all([flush(), flush()]);
    expect(x.sent + (x === y ? 0 : y.sent)).toBe(5);
    expect(server.posts).toHaveLength(5);
  });

  it('two contexts (two connections) never claim the same report', async () => {
    for (let i = 1; i <= 4; i++) await queue(i);
    const other = await openVigieDb('outbox');
    const [mine, theirs] = await Promise.all([
      claimDueReports(db, time, SEND_LEASE_MS),
      claimDueReports(other, time, SEND_LEASE_MS),
    ]);
    expect(mine.length + theirs.length).toBe(4);
    expect(new Set([...mine, ...theirs].map((r) => r.id)).size).toBe(4);
    other.close();
  });

  it('an abort stops the flush and gives the unsent reports back', async () => {
    for (let i = 1; i <= 3; i++) await queue(i);
    const controller = new AbortController();
    server.answer = () => {
      controller.abort();
      return new Response(null, { status: 201 });
    };
    await expect(flush({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.posts.length).toBeLessThan(3);
    const left = await listOutbox(db);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((r) => r.nextAttemptAt <= time)).toBe(true);
    server.answer = () => new Response(null, { status: 201 });
    await flush();
    expect(server.stored.size).toBe(3);
  });
});
