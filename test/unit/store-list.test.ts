import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/hash.ts';
import { type ListMeta, openVigieDb } from '../../shared/store/db.ts';
import {
  ListSwapError,
  loadList,
  loadListMeta,
  loadPendingList,
  promotePendingList,
  replaceList,
  stagePendingList,
} from '../../shared/store/list-store.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function listOf(version: number, size = 1000): Promise<{ bytes: Uint8Array; meta: ListMeta }> {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31 + version) & 0xff);
  return {
    bytes,
    meta: { version, sha256: await sha256Hex(bytes), syncedAt: version * 1000, publicKey: 'k' },
  };
}

describe('list store', () => {
  it('has no list before the first sync', async () => {
    const db = await openVigieDb('t');
    expect(await loadList(db)).toBeNull();
    expect(await loadListMeta(db)).toBeNull();
    db.close();
  });

  it('replaces the list bytes and metadata together, as one record', async () => {
    const db = await openVigieDb('t');
    const one = await listOf(1);
    await replaceList(db, one.bytes, one.meta);
    const two = await listOf(2, 5000);
    await replaceList(db, two.bytes, two.meta);
    const loaded = await loadList(db);
    expect(loaded?.meta).toEqual(two.meta);
    expect(loaded?.bytes).toEqual(two.bytes);
    // A few large records, never one per number.
    expect(await db.count('list')).toBe(1);
    db.close();
  });

  it('refuses to go back to an older version', async () => {
    const db = await openVigieDb('t');
    const five = await listOf(5);
    await replaceList(db, five.bytes, five.meta);
    const three = await listOf(3);
    await expect(replaceList(db, three.bytes, three.meta)).rejects.toMatchObject({ code: 'rollback' });
    expect((await loadListMeta(db))?.version).toBe(5);
    db.close();
  });

  it('lets a list signed by another key replace any version (versions are per key)', async () => {
    const db = await openVigieDb('t');
    const five = await listOf(5);
    await replaceList(db, five.bytes, five.meta);
    const one = await listOf(1);
    await replaceList(db, one.bytes, { ...one.meta, publicKey: 'another key' });
    expect(await loadListMeta(db)).toMatchObject({ version: 1, publicKey: 'another key' });
    db.close();
  });

  it('leaves the old list whole when the replacing transaction fails', async () => {
    const db = await openVigieDb('t');
    const one = await listOf(1);
    await replaceList(db, one.bytes, one.meta);
    // A function cannot be stored (DataCloneError): the put fails inside the transaction, which aborts.
    const broken = { ...(await listOf(2)).meta, extra: () => 0 } as unknown as ListMeta;
    await expect(replaceList(db, (await listOf(2)).bytes, broken)).rejects.toThrow();
    const loaded = await loadList(db);
    expect(loaded?.meta).toEqual(one.meta);
    expect(loaded?.bytes).toEqual(one.bytes);
    db.close();
  });

  it('a worker killed after staging keeps the old list; the staged one is promoted later', async () => {
    const db = await openVigieDb('t');
    const one = await listOf(1);
    await replaceList(db, one.bytes, one.meta);
    const two = await listOf(2);
    await stagePendingList(db, two.bytes, two.meta);
    db.close(); // killed between download and swap

    const reopened = await openVigieDb('t');
    expect((await loadList(reopened))?.meta).toEqual(one.meta);
    expect((await loadPendingList(reopened))?.meta.version).toBe(2);
    const installed = await promotePendingList(reopened);
    expect(installed.version).toBe(2);
    expect((await loadList(reopened))?.bytes).toEqual(two.bytes);
    expect(await loadPendingList(reopened)).toBeNull();
    reopened.close();
  });

  it('never promotes a staged list whose bytes no longer match its hash', async () => {
    const db = await openVigieDb('t');
    const one = await listOf(1);
    await replaceList(db, one.bytes, one.meta);
    const two = await listOf(2);
    const damaged = two.bytes.slice();
    damaged[10] = (damaged[10] ?? 0) ^ 1;
    await stagePendingList(db, damaged, two.meta);
    await expect(promotePendingList(db)).rejects.toMatchObject({ code: 'hash-mismatch' });
    expect((await loadListMeta(db))?.version).toBe(1);
    expect(await loadPendingList(db)).toBeNull();
    db.close();
  });

  it('never promotes a staged list that is not newer', async () => {
    const db = await openVigieDb('t');
    const two = await listOf(2);
    await replaceList(db, two.bytes, two.meta);
    const one = await listOf(1);
    await stagePendingList(db, one.bytes, one.meta);
    const error = await promotePendingList(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListSwapError);
    expect((error as ListSwapError).code).toBe('rollback');
    expect((await loadListMeta(db))?.version).toBe(2);
    await expect(promotePendingList(db)).rejects.toMatchObject({ code: 'no-pending' });
    db.close();
  });
});
