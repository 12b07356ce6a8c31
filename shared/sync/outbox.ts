/**
 * Reports leave through an outbox in IndexedDB, so a report made offline, or in a worker that dies a second
 * later, is never lost (DESIGN.md §5, issue 3):
 *
 *   queueReport → outbox record `pending` + history line `queued` (one transaction)
 *   flushOutbox → claim the due records (a lease, one transaction) → POST each
 *     201 / 200           → deleted from the outbox, history `sent`     (200: the server already had this id)
 *     4xx (not 408, 429)  → `rejected` with the server's message, kept visible, never retried
 *     408, 429, 5xx, none → `pending`, next try after an exponential backoff with full jitter
 *
 * Exactly once: the report id is made once on the device (`crypto.randomUUID()`), the service accepts an id
 * once (DESIGN.md §4), the lease keeps two contexts from sending the same record at the same time, and one
 * flush at a time runs per database in a process.
 */
import * as v from 'valibot';
import { API_PREFIX, type ReportBody, ReportBodySchema } from '../api/schemas.ts';
import type { OutboxRecord, VigieDb } from '../store/db.ts';
import {
  claimDueReports,
  enqueueReport,
  markReportRejected,
  markReportSent,
  releaseReport,
  scheduleReportRetry,
} from '../store/outbox-store.ts';
import { getReporterId } from '../store/settings-store.ts';
import { apiUrl, type FetchLike, request, throwIfAborted } from './http.ts';

/**
 * Backoff: first retry within 30 s, doubling up to 6 h, "full jitter" (delay uniform in [floor, ceiling]), the
 * variant that spreads a crowd of clients best after an outage (M. Brooker, "Exponential Backoff And Jitter",
 * AWS Architecture Blog, 2015). The floor stops a flush called in a loop from hammering the server.
 */
export const BACKOFF = { baseMs: 30_000, capMs: 6 * 3600_000, floorMs: 5_000 } as const;

/** How long a claimed report is held by one flush: longer than a request's timeout, short enough after a kill. */
export const SEND_LEASE_MS = 2 * 60_000;

/** Delay before the next try after `attempts` failures, `random()` in [0, 1). */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(BACKOFF.floorMs, Math.floor(random() * ceiling));
}

/** What the user fills in; the id and the reporter are added here. */
export type ReportInput = Omit<ReportBody, 'id' | 'reporter'>;

export type QueueResult =
  | { ok: true; record: OutboxRecord }
  | { ok: false; error: { code: 'invalid-report'; message: string; field?: string } };

/** Check a report against the API's schema and queue it; a bad field gives a typed error, nothing is stored. */
export async function queueReport(
  db: VigieDb,
  input: ReportInput,
  options: { now?: number } = {},
): Promise<QueueResult> {
  const candidate = { ...input, id: crypto.randomUUID(), reporter: await getReporterId(db) };
  const parsed = v.safeParse(ReportBodySchema, candidate);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const field = issue.path?.map((p) => String(p.key)).join('.');
    return {
      ok: false,
      error: {
        code: 'invalid-report',
        message: field ? `${field}: ${issue.message}` : issue.message,
        ...(field ? { field } : {}),
      },
    };
  }
  return { ok: true, record: await enqueueReport(db, parsed.output, options.now ?? Date.now()) };
}

export interface FlushOptions {
  serverUrl: string;
  db: VigieDb;
  fetch?: FetchLike;
  now?: () => number;
  signal?: AbortSignal;
  /** For tests: the jitter's random source. */
  random?: () => number;
  timeoutMs?: number;
}

export interface FlushResult {
  sent: number;
  rejected: number;
  /** Tried and failed for now; retried later. */
  retrying: number;
  /** When the next pending report is due (ms epoch), or null when the outbox has nothing pending. */
  nextAttemptAt: number | null;
  /** Why the flush stopped early (the last transient failure), if it did. */
  stoppedBy?: string;
}

function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

async function runFlush(options: FlushOptions): Promise<FlushResult> {
  const { db, signal } = options;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const url = apiUrl(options.serverUrl, `${API_PREFIX}/reports`);
  const result: FlushResult = { sent: 0, rejected: 0, retrying: 0, nextAttemptAt: null };

  throwIfAborted(signal);
  const due = await claimDueReports(db, now(), SEND_LEASE_MS);
  for (let i = 0; i < due.length; i++) {
    const record = due[i]!;
    if (signal?.aborted) {
      // Give the rest back at once rather than leaving them leased for two minutes.
      for (const rest of due.slice(i)) await releaseReport(db, rest.id, now());
      throwIfAborted(signal);
    }
    const answer = await request(url, {
      fetch: fetchFn,
      signal,
      now: now(),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(record.body),
      },
    }).catch(async (error: unknown) => {
      for (const rest of due.slice(i)) await releaseReport(db, rest.id, now());
      throw error;
    });
    if (answer.ok) {
      await markReportSent(db, record.id);
      result.sent++;
      continue;
    }
    if (answer.kind === 'http' && !isTransient(answer.status)) {
      await markReportRejected(db, record.id, {
        status: answer.status,
        code: answer.code ?? `http_${answer.status}`,
        message: answer.message,
      });
      result.rejected++;
      continue;
    }
    // Transient: back off this report, and stop here: the network or the server is unwell (or asked us to
    // slow down), so the rest wait for the same moment instead of each failing in turn.
    const retryAfter = answer.kind === 'http' ? (answer.retryAfterMs ?? 0) : 0;
    const at = now();
    const scheduled = await scheduleReportRetry(
      db,
      record.id,
      (attempts) => at + Math.max(retryAfter, backoffDelay(attempts, random)),
      {
        ...(answer.kind === 'http' ? { status: answer.status } : {}),
        code: answer.kind === 'http' ? (answer.code ?? `http_${answer.status}`) : 'network',
        message: answer.message,
      },
    );
    result.retrying++;
    result.stoppedBy = answer.kind === 'http' ? `HTTP ${answer.status}` : 'network';
    for (const rest of due.slice(i + 1)) await releaseReport(db, rest.id, scheduled?.nextAttemptAt ?? at);
    break;
  }

  const pending = (await db.getAll('outbox')).filter((r) => r.state === 'pending');
  result.nextAttemptAt = pending.length ? Math.min(...pending.map((r) => r.nextAttemptAt)) : null;
  return result;
}

const inFlight = new Map<string, Promise<FlushResult>>();

/** Send what is due. A second call while one runs in this process shares it instead of sending again. */
export function flushOutbox(options: FlushOptions): Promise<FlushResult> {
  const key = options.db.name;
  const running = inFlight.get(key);
  if (running) return running;
  const run = runFlush(options).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}
