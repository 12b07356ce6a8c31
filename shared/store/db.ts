/**
 * Vigie's IndexedDB database, shared by the extension's background, the PWA and its service worker.
 *
 * Why these stores, and why so few records in `list`: the crowd list is a binary file read through typed-array
 * views (shared/list/reader.ts). Keeping it as one record per slot means a cold start is one `get` and no parse,
 * and replacing it is one `put` inside one transaction: a killed worker leaves the old list or the new one,
 * never half (the counter-example is a clear-then-refill across transactions; see STYLE.md §5).
 *
 * Schema changes go in `upgrade` as `if (oldVersion < N)` steps so every older database walks forward.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ReportBody } from '../api/schemas.ts';
import type { PersonalEntry } from '../personal/personal-lists.ts';
import type { Category, Level } from '../verdict.ts';

export const DB_VERSION = 1;

/** Metadata of a stored crowd list; the bytes sit beside it in the same record. */
export interface ListMeta {
  /** Version from the signed manifest (never goes backwards: rollback protection). */
  version: number;
  /** SHA-256 (hex) of the list bytes, equal to the manifest's `listSha256`. */
  sha256: string;
  /** When this list was written to the store (ms epoch). */
  syncedAt: number;
  /** Base64 raw Ed25519 key that signed the manifest this list came from. */
  publicKey: string;
  /** Entries in the list, from the manifest (informative). */
  count?: number;
  /** The manifest's `createdAt`: when the service published this version. */
  publishedAt?: string;
  /** The service flagged this version as demo data (`vigie serve --demo`). */
  demo?: boolean;
}

/** `current` is the list in use; `pending` is a verified download waiting for the swap (see list-store.ts). */
export type ListSlot = 'current' | 'pending';

export interface ListRecord {
  slot: ListSlot;
  meta: ListMeta;
  bytes: Uint8Array;
}

export type HistoryKind = 'lookup' | 'report';
export type ReportState = 'queued' | 'sent' | 'rejected';

/** One thing the user did: a look-up, or a report (with its delivery state). */
export interface HistoryRecord {
  /** Auto-increment key, absent before the first `add`. */
  key?: number;
  kind: HistoryKind;
  /** ms epoch. */
  time: number;
  /** E.164 or short code. */
  number: string;
  /** What the user typed, when it differs from `number`. */
  input?: string;
  level?: Level;
  category?: Category;
  /** For reports: the report's client UUID and its delivery state. */
  reportId?: string;
  state?: ReportState;
  /** For a rejected report: the server's message, shown to the user. */
  message?: string;
}

export type OutboxState = 'pending' | 'rejected';

/** A report waiting to reach the service, persisted so a restart loses nothing. */
export interface OutboxRecord {
  /** The report's client UUID (`body.id`): the server accepts the same id once. */
  id: string;
  body: ReportBody;
  state: OutboxState;
  /** Failed send attempts so far (the backoff exponent). */
  attempts: number;
  createdAt: number;
  /** Not before this time (ms epoch): the backoff schedule, or a lease while a send is in flight. */
  nextAttemptAt: number;
  /** The last failure, for the UI and for the rejected state. */
  lastError?: { status?: number; code: string; message: string };
  /** Key of the matching history record. */
  historyKey?: number;
}

/**
 * The diary feature's records. Its helper owns the shape; the store only needs an `id`, the `company` and the
 * call `time` for its two indexes.
 */
export interface DiaryRecordBase {
  id: string;
  company: string;
  time: number;
  [field: string]: unknown;
}

export interface VigieSchema extends DBSchema {
  /** Small key-value records: settings, the reporter id, the outbox lease. */
  meta: { key: string; value: unknown };
  list: { key: ListSlot; value: ListRecord };
  personal: { key: [string, string]; value: PersonalEntry };
  history: { key: number; value: HistoryRecord; indexes: { time: number } };
  outbox: { key: string; value: OutboxRecord };
  diary: { key: string; value: DiaryRecordBase; indexes: { company: string; time: number } };
}

export type VigieDb = IDBPDatabase<VigieSchema>;

/** Open (and create or upgrade) the database. `name` lets tests and side-by-side profiles use their own. */
export function openVigieDb(name = 'vigie'): Promise<VigieDb> {
  return openDB<VigieSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('list', { keyPath: 'slot' });
        db.createObjectStore('personal', { keyPath: ['pattern', 'kind'] });
        const history = db.createObjectStore('history', { keyPath: 'key', autoIncrement: true });
        history.createIndex('time', 'time');
        db.createObjectStore('outbox', { keyPath: 'id' });
        const diary = db.createObjectStore('diary', { keyPath: 'id' });
        diary.createIndex('company', 'company');
        diary.createIndex('time', 'time');
      }
    },
    // Another tab or the worker wants a newer schema: step aside instead of blocking it forever.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}
