/**
 * The crowd list in IndexedDB: one record for the list in use (`current`) and one staging record (`pending`).
 *
 * Sync downloads and verifies a new list first, stages it in `pending` (one transaction), then swaps it in
 * (another single transaction that writes `current` and deletes `pending`). A worker killed at any point leaves
 * either the old list or the new one in `current`: never a mixture, never nothing. A staged list survives the
 * crash and is promoted on the next sync without downloading again. Nothing here parses the list: callers
 * wrap the bytes with shared/list/reader.ts.
 */
import { sha256Hex } from '../hash.ts';
import type { ListMeta, ListRecord, VigieDb } from './db.ts';

export interface StoredList {
  bytes: Uint8Array;
  meta: ListMeta;
}

/** Why a swap was refused; the stored list is unchanged in every case. */
export class ListSwapError extends Error {
  constructor(
    readonly code: 'no-pending' | 'rollback' | 'hash-mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'ListSwapError';
  }
}

/** The list in use, bytes and metadata, without parsing; null before the first sync. */
export async function loadList(db: VigieDb): Promise<StoredList | null> {
  const record = await db.get('list', 'current');
  return record ? { bytes: record.bytes, meta: record.meta } : null;
}

/** Only the metadata of the list in use (the status line, the sync's starting version). */
export async function loadListMeta(db: VigieDb): Promise<ListMeta | null> {
  return (await loadList(db))?.meta ?? null;
}

/**
 * Versions are numbered per signing key: a list from another service (the user changed the server, or the
 * service was reinstalled with a new key) starts its own sequence, so it may replace any version.
 */
function isOlder(next: ListMeta, current: ListMeta | undefined, orEqual: boolean): boolean {
  if (!current || current.publicKey !== next.publicKey) return false;
  return orEqual ? next.version <= current.version : next.version < current.version;
}

/**
 * Replace the list in use in ONE transaction. Refuses to go backwards (`meta.version` below the current one
 * from the same key) so a replayed old manifest can never downgrade the user's list.
 */
export async function replaceList(db: VigieDb, bytes: Uint8Array, meta: ListMeta): Promise<void> {
  const tx = db.transaction('list', 'readwrite');
  const current = await tx.store.get('current');
  if (isOlder(meta, current?.meta, false)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ListSwapError('rollback', `list version ${meta.version} is older than ${current?.meta.version}`);
  }
  const record: ListRecord = { slot: 'current', meta, bytes };
  await tx.store.put(record);
  await tx.store.delete('pending');
  await tx.done;
}

/** Stage a verified download. Replaces any older staged list. */
export async function stagePendingList(db: VigieDb, bytes: Uint8Array, meta: ListMeta): Promise<void> {
  const record: ListRecord = { slot: 'pending', meta, bytes };
  await db.put('list', record);
}

export async function loadPendingList(db: VigieDb): Promise<StoredList | null> {
  const record = await db.get('list', 'pending');
  return record ? { bytes: record.bytes, meta: record.meta } : null;
}

export async function discardPendingList(db: VigieDb): Promise<void> {
  await db.delete('list', 'pending');
}

/**
 * Swap the staged list in, in ONE transaction: check it is newer than `current` and that its bytes still hash to
 * what was verified (IndexedDB corruption or a bug must not install a damaged list), write `current`, delete
 * `pending`. The hash is computed before the transaction opens because an IndexedDB transaction commits itself
 * as soon as it waits on anything else (crypto.subtle included).
 */
export async function promotePendingList(db: VigieDb): Promise<ListMeta> {
  const staged = await loadPendingList(db);
  if (!staged) throw new ListSwapError('no-pending', 'no staged list to install');
  const actual = await sha256Hex(staged.bytes);
  if (actual !== staged.meta.sha256) {
    await discardPendingList(db);
    throw new ListSwapError('hash-mismatch', `staged list hashes to ${actual}, expected ${staged.meta.sha256}`);
  }
  const tx = db.transaction('list', 'readwrite');
  const [current, pending] = await Promise.all([tx.store.get('current'), tx.store.get('pending')]);
  // Another context may have swapped or restaged between our read and this transaction: recheck inside it.
  if (!pending || pending.meta.sha256 !== staged.meta.sha256) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ListSwapError('no-pending', 'the staged list changed during the swap');
  }
  if (isOlder(pending.meta, current?.meta, true)) {
    await tx.store.delete('pending');
    await tx.done;
    throw new ListSwapError(
      'rollback',
      `staged list version ${pending.meta.version} is not newer than ${current?.meta.version}`,
    );
  }
  await tx.store.put({ ...pending, slot: 'current' });
  await tx.store.delete('pending');
  await tx.done;
  return pending.meta;
}
