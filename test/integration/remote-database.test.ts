/**
 * The publication worker's database on PGlite (server/db/remote-database.ts): statements sent over a message
 * port run on the owner's PGlite, transactions commit or roll back as a whole, and errors keep their SQLSTATE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { openPglite } from '../../server/db/pglite-database.ts';
import { remoteDatabase, serveDatabase } from '../../server/db/remote-database.ts';

let dir: string;
let owner: Database;
let remote: Database;
let stopServing: () => void;
let channel: MessageChannel;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-remote-db-'));
  owner = await openPglite(dir);
  await owner.exec('CREATE TABLE t (n integer PRIMARY KEY, at timestamptz)');
  channel = new MessageChannel();
  stopServing = serveDatabase(owner, channel.port1);
  remote = remoteDatabase(channel.port2, 'pglite');
});

afterAll(async () => {
  stopServing();
  await remote.close();
  channel.port1.close();
  await owner.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('remote database over a message port', () => {
  it('runs statements with parameters and returns rows with dates', async () => {
    await remote.query('INSERT INTO t (n, at) SELECT * FROM unnest($1::integer[], $2::timestamptz[])', [
      [1, 2],
      ['2026-01-02T03:04:05.000Z', '2026-01-03T00:00:00.000Z'],
    ]);
    const rows = await remote.query<{ n: number; at: Date }>('SELECT n, at FROM t ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
    expect(rows[0]?.at).toBeInstanceOf(Date);
    expect(rows[0]?.at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('commits a transaction as a whole, and rolls it back when the function throws', async () => {
    const result = await remote.transaction(async (tx) => {
      await tx.query('INSERT INTO t (n) VALUES (10)');
      await tx.query('INSERT INTO t (n) VALUES (11)');
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      remote.transaction(async (tx) => {
        await tx.query('INSERT INTO t (n) VALUES (20)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const rows = await owner.query<{ n: number }>('SELECT n FROM t WHERE n >= 10 ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([10, 11]);
  });

  it('keeps the SQLSTATE of a refused statement, and the owner keeps serving afterwards', async () => {
    await expect(remote.query('INSERT INTO t (n) VALUES (1)')).rejects.toMatchObject({ code: '23505' });
    await expect(
      remote.transaction(async (tx) => {
        await tx.query('INSERT INTO t (n) VALUES (30)');
        await tx.query('INSERT INTO t (n) VALUES (30)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await owner.query('SELECT n FROM t WHERE n = 30')).toEqual([]);
    expect(await remote.query<{ c: number }>('SELECT count(*)::integer AS c FROM t')).toEqual([{ c: 4 }]);
  });
});
