/**
 * Reports waiting to be sent, and their delivery state. Every state change that touches both the outbox and
 * the history is ONE transaction over both stores, so the history never says "sent" for a report still queued
 * (or the reverse) after a crash. The delivery logic (backoff, leases, HTTP) is in shared/sync/outbox.ts.
 */
import type { IDBPTransaction } from 'idb';
import type { ReportBody } from '../api/schemas.ts';
import type { HistoryRecord, OutboxRecord, VigieDb, VigieSchema } from './db.ts';

/** Queue a report and its history line together. The report's id must be new. */
export async function enqueueReport(db: VigieDb, body: ReportBody, now: number): Promise<OutboxRecord> {
  const tx = db.transaction(['outbox', 'history'], 'readwrite');
  const history: HistoryRecord = {
    kind: 'report',
    time: now,
    number: body.number,
    category: body.category,
    reportId: body.id,
    state: 'queued',
  };
  const historyKey = await tx.objectStore('history').add(history);
  const record: OutboxRecord = {
    id: body.id,
    body,
    state: 'pending',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
    historyKey,
  };
  // `add`, not `put`: a duplicate id fails the transaction instead of silently replacing a queued report.
  await tx.objectStore('outbox').add(record);
  await tx.done;
  return record;
}

export async function listOutbox(db: VigieDb): Promise<OutboxRecord[]> {
  return db.getAll('outbox');
}

export async function getOutboxRecord(db: VigieDb, id: string): Promise<OutboxRecord | undefined> {
  return db.get('outbox', id);
}

/**
 * Claim every pending report due at `now`: push its `nextAttemptAt` to `now + leaseMs` in one transaction before
 * any request goes out. Another context flushing at the same time sees them as not due, and a worker killed
 * mid-send tries again once the lease is over (the server accepts a report id once, so a resend after a lost
 * answer is harmless). Oldest first, so reports arrive in the order they were made.
 */
export async function claimDueReports(db: VigieDb, now: number, leaseMs: number): Promise<OutboxRecord[]> {
  const tx = db.transaction('outbox', 'readwrite');
  const claimed: OutboxRecord[] = [];
  for await (const cursor of tx.store.iterate()) {
    const record = cursor.value;
    if (record.state !== 'pending' || record.nextAttemptAt > now) continue;
    const next: OutboxRecord = { ...record, nextAttemptAt: now + leaseMs };
    await cursor.update(next);
    claimed.push(next);
  }
  await tx.done;
  return claimed.sort((a, b) => a.createdAt - b.createdAt);
}

/** Give back a claimed report that was not tried (the flush stopped early): due again at `nextAttemptAt`. */
export async function releaseReport(db: VigieDb, id: string, nextAttemptAt: number): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const record = await tx.store.get(id);
  if (record && record.state === 'pending') await tx.store.put({ ...record, nextAttemptAt });
  await tx.done;
}

async function setHistoryState(
  tx: IDBPTransaction<VigieSchema, ('outbox' | 'history')[], 'readwrite'>,
  key: number | undefined,
  state: HistoryRecord['state'],
  message?: string,
): Promise<void> {
  if (key === undefined) return;
  const line = await tx.objectStore('history').get(key);
  if (!line) return; // the user cleared their history: the report still goes out.
  const updated: HistoryRecord = { ...line, state };
  if (message === undefined) delete updated.message;
  else updated.message = message;
  await tx.objectStore('history').put(updated);
}

/** The server has the report: drop it from the outbox, mark the history line `sent`. */
export async function markReportSent(db: VigieDb, id: string): Promise<void> {
  const tx = db.transaction(['outbox', 'history'], 'readwrite');
  const record = await tx.objectStore('outbox').get(id);
  if (record) {
    await tx.objectStore('outbox').delete(id);
    await setHistoryState(tx, record.historyKey, 'sent');
  }
  await tx.done;
}

/** The server refused the report for good: keep it visible, with the server's message, never retried. */
export async function markReportRejected(
  db: VigieDb,
  id: string,
  error: NonNullable<OutboxRecord['lastError']>,
): Promise<void> {
  const tx = db.transaction(['outbox', 'history'], 'readwrite');
  const record = await tx.objectStore('outbox').get(id);
  if (record) {
    await tx.objectStore('outbox').put({ ...record, state: 'rejected', lastError: error });
    await setHistoryState(tx, record.historyKey, 'rejected', error.message);
  }
  await tx.done;
}

/**
 * A transient failure: count the failed attempt and keep the report pending until `nextAttemptOf(attempts)`.
 * Returns the new attempt count and time (the backoff grows with the count, which only this transaction knows).
 */
export async function scheduleReportRetry(
  db: VigieDb,
  id: string,
  nextAttemptOf: (attempts: number) => number,
  error: NonNullable<OutboxRecord['lastError']>,
): Promise<{ attempts: number; nextAttemptAt: number } | null> {
  const tx = db.transaction('outbox', 'readwrite');
  const record = await tx.store.get(id);
  let outcome: { attempts: number; nextAttemptAt: number } | null = null;
  if (record && record.state === 'pending') {
    const attempts = record.attempts + 1;
    outcome = { attempts, nextAttemptAt: nextAttemptOf(attempts) };
    await tx.store.put({ ...record, ...outcome, lastError: error });
  }
  await tx.done;
  return outcome;
}

/** The user read a rejected report and let it go (it stays in the history with its message). */
export async function dismissRejectedReport(db: VigieDb, id: string): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const record = await tx.store.get(id);
  if (record?.state === 'rejected') await tx.store.delete(id);
  await tx.done;
}
