/**
 * One logged call in the harassment diary. Stored as is in the `diary` object store (keyPath `id`, indexes
 * `company` and `time`); the CSV export writes the same fields (diary-csv.ts).
 */
import type { CallRecord } from '../law/types.ts';

/**
 * The rules' CallRecord (the same call, as the user logged it) without its input position, with every field
 * present, plus the store's id and first-save time. Built from mapped types (not an interface) so it stays
 * assignable to the store's open-ended record type.
 */
export type DiaryEntry = Omit<CallRecord, 'row' | 'silent' | 'automated' | 'notes'> &
  Required<Pick<CallRecord, 'silent' | 'automated' | 'notes'>> & {
    id: string;
    /** ms epoch of the first save. */
    createdAt: number;
  };

export type DiaryEntryInput = Partial<Omit<DiaryEntry, 'id' | 'createdAt'>> & { time: number };

/** A random id (crypto.randomUUID exists in pages, workers and Node 20). */
export function newEntryId(): string {
  return crypto.randomUUID();
}

export function makeEntry(input: DiaryEntryInput, now = Date.now()): DiaryEntry {
  const masked = input.masked ?? false;
  return {
    id: newEntryId(),
    time: input.time,
    number: masked ? '' : (input.number ?? '').trim(),
    company: (input.company ?? '').trim(),
    answered: input.answered ?? false,
    refused: input.refused ?? false,
    consent: input.consent ?? false,
    customer: input.customer ?? false,
    masked,
    silent: input.silent ?? false,
    automated: input.automated ?? false,
    notes: input.notes ?? '',
    createdAt: now,
  };
}

/** The engine's view of entries: `row` is the entry's index in the given array. */
export function entriesToCalls(entries: readonly DiaryEntry[]): CallRecord[] {
  return entries.map((e, row) => ({
    row,
    time: e.time,
    number: e.number,
    company: e.company,
    answered: e.answered,
    refused: e.refused,
    consent: e.consent,
    customer: e.customer,
    masked: e.masked,
    silent: e.silent,
    automated: e.automated,
    notes: e.notes,
  }));
}
