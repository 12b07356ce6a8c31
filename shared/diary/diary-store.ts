/**
 * The diary in IndexedDB (`diary` store of openVigieDb(): keyPath `id`, indexes `company` and `time`).
 * Multi-entry changes (merge, split, import) are written in one transaction: all or nothing.
 */
import type { VigieDb } from '../store/db.ts';
import type { DiaryEntry } from './diary-entry.ts';

/** All entries in time order. */
export async function listDiaryEntries(db: VigieDb): Promise<DiaryEntry[]> {
  return (await db.getAllFromIndex('diary', 'time')) as DiaryEntry[];
}

export async function saveDiaryEntries(db: VigieDb, entries: readonly DiaryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const tx = db.transaction('diary', 'readwrite');
  await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
}

export async function deleteDiaryEntry(db: VigieDb, id: string): Promise<void> {
  await db.delete('diary', id);
}

/** Entries of one company name exactly as stored (the `company` index). */
export async function diaryEntriesOfCompany(db: VigieDb, company: string): Promise<DiaryEntry[]> {
  return (await db.getAllFromIndex('diary', 'company', company)) as DiaryEntry[];
}
