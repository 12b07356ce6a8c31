/**
 * The user's allow and block lists, one record per pattern and kind (a few hundred at most, unlike the crowd
 * list). The compound key `[pattern, kind]` lets the same number sit on both lists; the classifier's rule
 * "allow wins" settles it (shared/personal/personal-lists.ts).
 */

import type { PersonalEntry } from '../personal/personal-lists.ts';
import type { VigieDb } from './db.ts';

export type { PersonalEntry } from '../personal/personal-lists.ts';

/**
 * What `parsePersonalPattern` (shared/personal/personal-lists.ts) produces: E.164 digits, optionally a prefix
 * ending in `*`, or a short code as dialled (`3179`, `118218`).
 */
const PATTERN = /^(?:\+\d{1,15}\*?|\d{2,6})$/;

export class PersonalEntryError extends Error {
  constructor(
    readonly code: 'invalid-pattern' | 'invalid-kind' | 'invalid-time',
    message: string,
  ) {
    super(message);
    this.name = 'PersonalEntryError';
  }
}

/** Refuse an entry the classifier could not use, with a message that says why (FR / EN). */
export function checkPersonalEntry(entry: PersonalEntry): void {
  if (typeof entry.pattern !== 'string' || !PATTERN.test(entry.pattern)) {
    throw new PersonalEntryError(
      'invalid-pattern',
      `motif invalide « ${String(entry.pattern)} » : un numéro E.164 (+33…), un préfixe suivi de * ou un numéro court / ` +
        `invalid pattern "${String(entry.pattern)}": an E.164 number (+33…), a prefix followed by * or a short code`,
    );
  }
  if (entry.kind !== 'allow' && entry.kind !== 'block') {
    throw new PersonalEntryError('invalid-kind', 'kind doit être allow ou block / kind must be allow or block');
  }
  if (!Number.isFinite(entry.createdAt) || (entry.expiresAt !== undefined && !Number.isFinite(entry.expiresAt))) {
    throw new PersonalEntryError('invalid-time', 'dates invalides / invalid dates');
  }
}

export async function listPersonal(db: VigieDb): Promise<PersonalEntry[]> {
  return db.getAll('personal');
}

/** Add or update one entry (same pattern and kind → replaced). */
export async function putPersonal(db: VigieDb, entry: PersonalEntry): Promise<void> {
  checkPersonalEntry(entry);
  await db.put('personal', entry);
}

export async function deletePersonal(db: VigieDb, pattern: string, kind: PersonalEntry['kind']): Promise<void> {
  await db.delete('personal', [pattern, kind]);
}

/** Replace every entry at once (CSV import), in one transaction: a failure leaves the old lists. */
export async function replacePersonal(db: VigieDb, entries: readonly PersonalEntry[]): Promise<void> {
  for (const entry of entries) checkPersonalEntry(entry);
  const tx = db.transaction('personal', 'readwrite');
  await tx.store.clear();
  for (const entry of entries) await tx.store.put(entry);
  await tx.done;
}

/** Remove temporary allows (and blocks) whose time is up; returns how many went. */
export async function pruneExpiredPersonal(db: VigieDb, now: number): Promise<number> {
  const tx = db.transaction('personal', 'readwrite');
  let removed = 0;
  for await (const cursor of tx.store.iterate()) {
    const { expiresAt } = cursor.value;
    if (expiresAt !== undefined && expiresAt <= now) {
      await cursor.delete();
      removed++;
    }
  }
  await tx.done;
  return removed;
}
