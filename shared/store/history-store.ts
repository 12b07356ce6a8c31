/**
 * What the user looked up and reported, newest first, on this device only (nothing here leaves it).
 * Capped so years of use stay small; reports still in the outbox are never pruned.
 */
import type { HistoryRecord, VigieDb } from './db.ts';

/** Enough for months of daily use, small enough (~200 B each) to never matter for quota. */
export const HISTORY_CAP = 5000;

export async function addHistory(db: VigieDb, record: Omit<HistoryRecord, 'key'>): Promise<number> {
  return db.add('history', record as HistoryRecord);
}

/** The newest `limit` records, newest first; `before` (ms epoch, exclusive) pages further back. */
export async function listHistory(
  db: VigieDb,
  options: { limit?: number; before?: number } = {},
): Promise<HistoryRecord[]> {
  const limit = options.limit ?? 100;
  const range = options.before === undefined ? null : IDBKeyRange.upperBound(options.before, true);
  const out: HistoryRecord[] = [];
  let cursor = await db.transaction('history').store.index('time').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function getHistory(db: VigieDb, key: number): Promise<HistoryRecord | undefined> {
  return db.get('history', key);
}

export async function deleteHistory(db: VigieDb, key: number): Promise<void> {
  await db.delete('history', key);
}

export async function clearHistory(db: VigieDb): Promise<void> {
  await db.clear('history');
}

/** Drop the oldest records beyond `cap`, keeping reports that are still queued. Returns how many went. */
export async function pruneHistory(db: VigieDb, cap = HISTORY_CAP): Promise<number> {
  const tx = db.transaction('history', 'readwrite');
  let seen = 0;
  let removed = 0;
  for await (const cursor of tx.store.index('time').iterate(null, 'prev')) {
    seen++;
    if (seen > cap && cursor.value.state !== 'queued') {
      await cursor.delete();
      removed++;
    }
  }
  await tx.done;
  return removed;
}

/** When this device last reported `number` (ms epoch), or null: the verdict card says "Vous l’avez signalé". */
export async function lastReportOf(db: VigieDb, number: string): Promise<number | null> {
  // Newest first over the time index; the history is capped (HISTORY_CAP), so a full walk stays small.
  let cursor = await db.transaction('history').store.index('time').openCursor(null, 'prev');
  while (cursor) {
    const line = cursor.value;
    if (line.kind === 'report' && line.number === number && line.state !== 'rejected') return line.time;
    cursor = await cursor.continue();
  }
  return null;
}
