import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_VERSION, openVigieDb } from '../../shared/store/db.ts';
import { addHistory, clearHistory, listHistory, pruneHistory } from '../../shared/store/history-store.ts';
import {
  deletePersonal,
  listPersonal,
  PersonalEntryError,
  pruneExpiredPersonal,
  putPersonal,
  replacePersonal,
} from '../../shared/store/personal-store.ts';

beforeEach(() => {
  // A fresh, empty IndexedDB for every test: idb's openDB reads the global at call time.
  globalThis.indexedDB = new IDBFactory();
});

describe('openVigieDb', () => {
  it('creates every object store and index in version 1', async () => {
    const db = await openVigieDb('t');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['diary', 'history', 'list', 'meta', 'outbox', 'personal']);
    const tx = db.transaction(['history', 'diary', 'outbox', 'list', 'personal']);
    expect([...tx.objectStore('history').indexNames]).toEqual(['time']);
    expect([...tx.objectStore('diary').indexNames].sort()).toEqual(['company', 'time']);
    expect(tx.objectStore('outbox').keyPath).toBe('id');
    expect(tx.objectStore('list').keyPath).toBe('slot');
    expect(tx.objectStore('personal').keyPath).toEqual(['pattern', 'kind']);
    db.close();
  });

  it('keeps data across a close and reopen (a restarted worker)', async () => {
    const db = await openVigieDb('t');
    await db.put('meta', 42, 'answer');
    db.close();
    const again = await openVigieDb('t');
    expect(await again.get('meta', 'answer')).toBe(42);
    again.close();
  });

  it('gives the diary feature its indexes by company and time', async () => {
    const db = await openVigieDb('t');
    await db.put('diary', { id: 'a', company: 'Acme', time: 3 });
    await db.put('diary', { id: 'b', company: 'Acme', time: 1 });
    await db.put('diary', { id: 'c', company: 'Other', time: 2 });
    const acme = await db.getAllFromIndex('diary', 'company', 'Acme');
    expect(acme.map((r) => r.id).sort()).toEqual(['a', 'b']);
    const byTime = await db.getAllFromIndex('diary', 'time');
    expect(byTime.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    db.close();
  });
});

describe('personal store', () => {
  it('adds, replaces by pattern+kind, deletes', async () => {
    const db = await openVigieDb('t');
    await putPersonal(db, { pattern: '+33612345678', kind: 'block', createdAt: 1 });
    await putPersonal(db, { pattern: '3179', kind: 'block', createdAt: 1 });
    await deletePersonal(db, '3179', 'block');
    await putPersonal(db, { pattern: '+33612345678', kind: 'allow', createdAt: 2 });
    await putPersonal(db, { pattern: '+33612345678', kind: 'block', label: 'again', createdAt: 3 });
    let all = await listPersonal(db);
    expect(all).toHaveLength(2);
    expect(all.find((e) => e.kind === 'block')?.label).toBe('again');
    await deletePersonal(db, '+33612345678', 'allow');
    all = await listPersonal(db);
    expect(all.map((e) => e.kind)).toEqual(['block']);
    db.close();
  });

  it('refuses patterns the classifier cannot use, with a clear message', async () => {
    const db = await openVigieDb('t');
    for (const pattern of ['', '0612345678', '+33 6 12', '+3361*2', '1', `+${'1'.repeat(16)}`, 'DROP TABLE']) {
      await expect(putPersonal(db, { pattern, kind: 'block', createdAt: 1 })).rejects.toThrow(PersonalEntryError);
    }
    await expect(putPersonal(db, { pattern: '+33612345678', kind: 'maybe' as 'allow', createdAt: 1 })).rejects.toThrow(
      /allow or block/,
    );
    expect(await listPersonal(db)).toEqual([]);
    db.close();
  });

  it('replaces everything in one transaction, or nothing when one entry is bad', async () => {
    const db = await openVigieDb('t');
    await putPersonal(db, { pattern: '+33100000000', kind: 'allow', createdAt: 1 });
    await expect(
      replacePersonal(db, [
        { pattern: '+33612345678', kind: 'block', createdAt: 1 },
        { pattern: 'bad', kind: 'block', createdAt: 1 },
      ]),
    ).rejects.toThrow(PersonalEntryError);
    expect((await listPersonal(db)).map((e) => e.pattern)).toEqual(['+33100000000']);
    await replacePersonal(db, [{ pattern: '+33162*', kind: 'block', createdAt: 1 }]);
    expect((await listPersonal(db)).map((e) => e.pattern)).toEqual(['+33162*']);
    db.close();
  });

  it('prunes expired temporary entries only', async () => {
    const db = await openVigieDb('t');
    await putPersonal(db, { pattern: '+33611111111', kind: 'allow', createdAt: 1, expiresAt: 100 });
    await putPersonal(db, { pattern: '+33622222222', kind: 'allow', createdAt: 1, expiresAt: 300 });
    await putPersonal(db, { pattern: '+33633333333', kind: 'block', createdAt: 1 });
    expect(await pruneExpiredPersonal(db, 200)).toBe(1);
    expect((await listPersonal(db)).map((e) => e.pattern).sort()).toEqual(['+33622222222', '+33633333333']);
    db.close();
  });
});

describe('history store', () => {
  it('lists newest first, pages with `before`', async () => {
    const db = await openVigieDb('t');
    for (const time of [5, 1, 3, 4, 2]) await addHistory(db, { kind: 'lookup', time, number: `+3361234567${time}` });
    expect((await listHistory(db)).map((r) => r.time)).toEqual([5, 4, 3, 2, 1]);
    expect((await listHistory(db, { limit: 2 })).map((r) => r.time)).toEqual([5, 4]);
    expect((await listHistory(db, { limit: 2, before: 4 })).map((r) => r.time)).toEqual([3, 2]);
    await clearHistory(db);
    expect(await listHistory(db)).toEqual([]);
    db.close();
  });

  it('prunes beyond the cap but never a report still queued', async () => {
    const db = await openVigieDb('t');
    await addHistory(db, { kind: 'report', time: 1, number: '+33600000001', state: 'queued' });
    await addHistory(db, { kind: 'lookup', time: 2, number: '+33600000002' });
    for (let t = 10; t < 15; t++) await addHistory(db, { kind: 'lookup', time: t, number: '+33600000003' });
    expect(await pruneHistory(db, 3)).toBe(3);
    const left = await listHistory(db);
    expect(left.map((r) => r.time)).toEqual([14, 13, 12, 1]);
    db.close();
  });
});
