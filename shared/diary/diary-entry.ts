/**
 * One logged call in the harassment diary. Stored as is in the `diary` object store (keyPath `id`, indexes
 * `company` and `time`); the CSV export writes the same fields (diary-csv.ts).
 */
import type { CallRecord } from '../law/types.ts';

// A type literal (not an interface) so it is assignable to the store's open-ended record type.
export type DiaryEntry = {
  id: string;
  /** ms epoch. */
  time: number;
  /** As the user gave it (or the verdict's E.164); empty when masked. */
  number: string;
  company: string;
  answered: boolean;
  refused: boolean;
  consent: boolean;
  customer: boolean;
  masked: boolean;
  silent: boolean;
  automated: boolean;
  notes: string;
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
