import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Manifest, manifestSigningBytes } from '../../shared/api/schemas.ts';
import { diffLists } from '../../shared/list/delta.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { writeList } from '../../shared/list/writer.ts';
import { openVigieDb, type VigieDb } from '../../shared/store/db.ts';
import { loadList, loadPendingList, replaceList } from '../../shared/store/list-store.ts';
import { loadSyncState, type SyncOptions, syncList } from '../../shared/sync/list-sync.ts';

// ---------------------------------------------------------------------------------------------------------
// Lists and deltas come from the real codec (shared/list/writer.ts and delta.ts), as the service makes them.
// ---------------------------------------------------------------------------------------------------------
const shaHex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// ---------------------------------------------------------------------------------------------------------
// A fake service in process: signs manifests with a real Ed25519 key pair and serves files by name.
// ---------------------------------------------------------------------------------------------------------
const b64 = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes as ArrayBuffer).toString('base64');

async function makeKeyPair() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { pair, publicKey: b64(await crypto.subtle.exportKey('raw', pair.publicKey)) };
}

function entriesFor(version: number): ListEntry[] {
  // Version v lists 2000 + v numbers: each version adds one and changes one payload, like a day of churn.
  const out: ListEntry[] = [];
  for (let i = 0; i < 2000 + version; i++) {
    out.push({
      pattern: `+3361234${String(i).padStart(4, '0')}`,
      payload: {
        category: 'telemarketing',
        score: (i * 7 + (i === 3 ? version : 0)) % 256,
        reports: 3 + i,
        lastReportDay: 20000 + (i === 3 ? version : 0),
      },
    });
  }
  out.push({ pattern: '+33162*', payload: { category: 'robocall', score: 200, reports: 0, lastReportDay: 0 } });
  return out;
}

class FakeService {
  files = new Map<string, Uint8Array>();
  lists = new Map<number, Uint8Array>();
  manifest: Record<string, unknown> | null = null;
  requests: string[] = [];
  mode: 'up' | 'down' | 503 = 'up';
  /** Called with each URL served, after the answer is built (tests abort or tamper here). */
  onServe: ((url: string) => void) | null = null;

  constructor(
    readonly keys: { pair: CryptoKeyPair; publicKey: string },
    readonly base = 'https://vigie.test',
  ) {}

  list(version: number): Uint8Array {
    let bytes = this.lists.get(version);
    if (!bytes) {
      bytes = writeList(entriesFor(version), { version });
      this.lists.set(version, bytes);
    }
    return bytes;
  }

  private addFile(bytes: Uint8Array, ext: string) {
    const name = `${shaHex(bytes)}.${ext}`;
    this.files.set(name, bytes);
    return { name, size: bytes.length, sha256: shaHex(bytes) };
  }

  /** Publish `version` with a snapshot and a delta for each [from, to] pair. */
  async publish(version: number, deltas: Array<[number, number]> = [], patch: Record<string, unknown> = {}) {
    const target = this.list(version);
    const unsigned = {
      format: 1,
      version,
      createdAt: new Date(Date.UTC(2026, 0, version)).toISOString(),
      // Signed now (the test clock), valid for a week, as the service does (publication-files.ts).
      publishedAt: new Date(clock).toISOString(),
      expiresAt: new Date(clock + WEEK_MS).toISOString(),
      count: 2001 + version,
      listSha256: shaHex(target),
      snapshot: this.addFile(target, 'vlist'),
      deltas: deltas.map(([from, to]) => ({
        ...this.addFile(diffLists(this.list(from), this.list(to), to), 'vdelta'),
        from,
        to,
      })),
      publicKey: this.keys.publicKey,
      ...patch,
    };
    const signature = await crypto.subtle.sign(
      'Ed25519',
      this.keys.pair.privateKey,
      manifestSigningBytes(unsigned as unknown as Manifest) as Uint8Array<ArrayBuffer>,
    );
    this.manifest = { ...unsigned, signature: b64(signature) };
    return this.manifest as unknown as Manifest;
  }

  fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    this.requests.push(url);
    if (init?.signal?.aborted) throw init.signal.reason;
    if (this.mode === 'down') throw new TypeError('fetch failed');
    if (this.mode === 503) return Response.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503 });
    const path = url.slice(this.base.length);
    let response: Response;
    if (path === '/api/v1/list/manifest' && this.manifest) response = Response.json(this.manifest);
    else if (path.startsWith('/api/v1/list/files/')) {
      const file = this.files.get(decodeURIComponent(path.slice('/api/v1/list/files/'.length)));
      response = file
        ? new Response(file.slice(), { headers: { 'content-type': 'application/octet-stream' } })
        : Response.json({ error: { code: 'not_found', message: 'no such file' } }, { status: 404 });
    } else response = Response.json({ error: { code: 'not_found', message: 'not found' } }, { status: 404 });
    this.onServe?.(url);
    return response;
  };

  fileRequests() {
    return this.requests.filter((u) => u.includes('/list/files/'));
  }

  tamper(name: string) {
    const bytes = this.files.get(name)!.slice();
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    this.files.set(name, bytes);
  }
}

let db: VigieDb;
let service: FakeService;
let keys: Awaited<ReturnType<typeof makeKeyPair>>;
let clock = 1_000;
const WEEK_MS = 7 * 86_400_000;

function sync(extra: Partial<SyncOptions> = {}) {
  return syncList({
    serverUrl: service.base,
    publicKey: keys.publicKey,
    db,
    fetch: service.fetch,
    now: () => ++clock,
    ...extra,
  });
}

async function localVersion() {
  return (await loadList(db))?.meta.version ?? 0;
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openVigieDb('sync');
  keys ??= await makeKeyPair();
  service = new FakeService(keys);
});
afterEach(() => db.close());

describe('syncList: updates', () => {
  it('installs the snapshot on first sync and checks its SHA-256', async () => {
    await service.publish(1);
    const result = await sync();
    expect(result).toMatchObject({ status: 'updated', version: 1, via: 'snapshot' });
    const stored = await loadList(db);
    expect(stored?.bytes).toEqual(service.list(1));
    expect(stored?.meta).toMatchObject({ version: 1, sha256: shaHex(service.list(1)), publicKey: keys.publicKey });
    expect(await loadPendingList(db)).toBeNull();
  });

  it('says current and downloads nothing when the version has not changed', async () => {
    await service.publish(1);
    await sync();
    service.requests = [];
    expect(await sync()).toMatchObject({ status: 'current', version: 1 });
    expect(service.fileRequests()).toEqual([]);
  });

  it('applies one delta from the local version', async () => {
    await service.publish(1);
    await sync();
    const manifest = await service.publish(2, [[1, 2]]);
    service.requests = [];
    const result = await sync();
    expect(result).toMatchObject({ status: 'updated', version: 2, via: 'delta', downloaded: manifest.deltas[0]!.size });
    expect(service.fileRequests()).toHaveLength(1);
    expect((await loadList(db))?.bytes).toEqual(service.list(2));
  });

  it('follows a chain of deltas when there is no direct one', async () => {
    await service.publish(1);
    await sync();
    await service.publish(3, [
      [1, 2],
      [2, 3],
      [0, 3],
    ]);
    service.requests = [];
    expect(await sync()).toMatchObject({ status: 'updated', version: 3, via: 'delta' });
    expect(service.fileRequests()).toHaveLength(2);
    expect((await loadList(db))?.bytes).toEqual(service.list(3));
  });

  it('takes the snapshot when the local version is too old for any delta', async () => {
    await service.publish(1);
    await sync();
    await service.publish(5, [
      [3, 5],
      [4, 5],
    ]);
    expect(await sync()).toMatchObject({ status: 'updated', version: 5, via: 'snapshot' });
    expect((await loadList(db))?.bytes).toEqual(service.list(5));
  });

  it('records the outcome for the status line', async () => {
    await service.publish(1);
    await sync();
    service.mode = 'down';
    await sync();
    const state = await loadSyncState(db);
    expect(state?.result).toMatchObject({ status: 'offline', reason: 'network', version: 1 });
    expect(state?.lastSuccessAt).toBeGreaterThan(0);
  });
});

describe('syncList: failures keep the last good list', () => {
  async function withVersion1() {
    await service.publish(1);
    await sync();
    expect(await localVersion()).toBe(1);
  }

  it('offline: no network', async () => {
    await withVersion1();
    await service.publish(2, [[1, 2]]);
    service.mode = 'down';
    expect(await sync()).toMatchObject({ status: 'offline', reason: 'network', version: 1 });
    expect((await loadList(db))?.bytes).toEqual(service.list(1));
  });

  it('offline: server error', async () => {
    await withVersion1();
    service.mode = 503;
    expect(await sync()).toMatchObject({ status: 'offline', reason: 'http-error', version: 1 });
    expect(await localVersion()).toBe(1);
  });

  it('offline: the network drops during the download', async () => {
    await withVersion1();
    await service.publish(2, [[1, 2]]);
    service.onServe = (url) => {
      if (url.endsWith('manifest')) service.mode = 'down';
    };
    expect(await sync()).toMatchObject({ status: 'offline', version: 1 });
    expect(await localVersion()).toBe(1);
  });

  it('offline: a server that never answers, after the request timeout', async () => {
    await withVersion1();
    const hung = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    expect(await sync({ fetch: hung, timeoutMs: 20 })).toMatchObject({ status: 'offline', reason: 'network' });
    expect(await localVersion()).toBe(1);
  });

  it('rejects a manifest changed after signing', async () => {
    await withVersion1();
    await service.publish(2, [[1, 2]]);
    service.manifest = { ...service.manifest, count: 999_999 };
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'bad-signature', version: 1 });
    expect(service.fileRequests()).toHaveLength(1); // only version 1's snapshot, earlier
    expect(await localVersion()).toBe(1);
  });

  it('rejects a manifest for another key, even one it signed itself', async () => {
    await withVersion1();
    const other = new FakeService(await makeKeyPair(), service.base);
    await other.publish(2, [[1, 2]]);
    expect(await sync({ fetch: other.fetch })).toMatchObject({ status: 'rejected', reason: 'key-mismatch' });
    // The attacker's key pasted in place of ours, signature kept: still refused.
    service.manifest = { ...other.manifest, publicKey: keys.publicKey };
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'bad-signature' });
    expect(await localVersion()).toBe(1);
  });

  it('rejects a manifest that is not JSON or not the schema', async () => {
    await withVersion1();
    const notJson = async () => new Response('<html>', { status: 200 });
    expect(await sync({ fetch: notJson })).toMatchObject({ status: 'rejected', reason: 'manifest-invalid' });
    const wrongShape = async () => Response.json({ version: 'two' });
    expect(await sync({ fetch: wrongShape })).toMatchObject({ status: 'rejected', reason: 'manifest-invalid' });
    expect(await localVersion()).toBe(1);
  });

  it('rejects a tampered snapshot and installs nothing', async () => {
    const manifest = await service.publish(1);
    service.tamper(manifest.snapshot.name);
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'snapshot-invalid', version: 0 });
    expect(await loadList(db)).toBeNull();
    expect(await loadPendingList(db)).toBeNull();
  });

  it('falls back to the snapshot when a delta is tampered', async () => {
    await withVersion1();
    const manifest = await service.publish(2, [[1, 2]]);
    service.tamper(manifest.deltas[0]!.name);
    const result = await sync();
    expect(result).toMatchObject({ status: 'updated', version: 2, via: 'snapshot' });
    expect(result.fallback).toMatch(/SHA-256/);
    expect((await loadList(db))?.bytes).toEqual(service.list(2));
  });

  it('falls back to the snapshot when the deltas do not produce listSha256', async () => {
    await withVersion1();
    // A delta that is genuine (its file hash is in the signed manifest) but targets another list.
    const manifest = await service.publish(2, [[1, 3]]);
    const wrong = manifest.deltas[0]!;
    await service.publish(2, [], { deltas: [{ ...wrong, from: 1, to: 2 }] });
    const result = await sync();
    expect(result).toMatchObject({ status: 'updated', version: 2, via: 'snapshot' });
    expect(result.fallback).toMatch(/listSha256/);
    expect((await loadList(db))?.bytes).toEqual(service.list(2));
  });

  it('falls back to the snapshot when a delta file is missing', async () => {
    await withVersion1();
    const manifest = await service.publish(2, [[1, 2]]);
    service.files.delete(manifest.deltas[0]!.name);
    expect(await sync()).toMatchObject({ status: 'updated', version: 2, via: 'snapshot' });
  });

  it('keeps the old list when both the delta and the snapshot are tampered', async () => {
    await withVersion1();
    const manifest = await service.publish(2, [[1, 2]]);
    service.tamper(manifest.deltas[0]!.name);
    service.tamper(manifest.snapshot.name);
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'snapshot-invalid', version: 1 });
    expect((await loadList(db))?.bytes).toEqual(service.list(1));
  });

  it('refuses a file whose size differs from the manifest', async () => {
    const manifest = await service.publish(1);
    service.files.set(manifest.snapshot.name, new Uint8Array([...service.list(1), 0]));
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'snapshot-invalid' });
    expect(await loadList(db)).toBeNull();
  });

  it('refuses to roll back to an older, genuinely signed version', async () => {
    await service.publish(1);
    await sync();
    await service.publish(3, [[1, 3]]);
    await sync();
    await service.publish(2); // replayed: a real, signed, older manifest
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'rollback', version: 3 });
    expect((await loadList(db))?.bytes).toEqual(service.list(3));
  });

  it('a service with a new key starts its own versions: its list replaces the old one', async () => {
    await service.publish(1);
    await sync();
    await service.publish(4, [[1, 4]]);
    await sync();
    // The user points the app at another service (or this one was reinstalled with a new key pair).
    const other = new FakeService(await makeKeyPair(), service.base);
    await other.publish(2, [[1, 2]]);
    const result = await sync({ fetch: other.fetch, publicKey: other.keys.publicKey });
    expect(result).toMatchObject({ status: 'updated', version: 2, via: 'snapshot' });
    expect((await loadList(db))?.meta).toMatchObject({ version: 2, publicKey: other.keys.publicKey });
    // Until the new service answers, the old list stays in use and its version is reported.
    await replaceList(db, service.list(4), {
      ...(await loadList(db))!.meta,
      version: 4,
      publicKey: keys.publicKey,
      sha256: shaHex(service.list(4)),
    });
    other.mode = 'down';
    expect(await sync({ fetch: other.fetch, publicKey: other.keys.publicKey })).toMatchObject({
      status: 'offline',
      version: 4,
    });
  });

  it('refuses a same-version manifest naming another list', async () => {
    await withVersion1();
    await service.publish(1, [], { listSha256: 'a'.repeat(64) });
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'version-conflict', version: 1 });
  });

  it('does nothing without a configured key', async () => {
    await service.publish(1);
    expect(await sync({ publicKey: '' })).toMatchObject({ status: 'rejected', reason: 'no-public-key' });
    expect(service.requests).toEqual([]);
  });
});

describe('syncList: interruptions', () => {
  it('a kill between download and swap leaves the old list; the next run installs the staged one', async () => {
    await service.publish(1);
    await sync();
    await service.publish(2, [[1, 2]]);
    const controller = new AbortController();
    let downloaded = false;
    service.onServe = (url) => {
      if (url.includes('/files/')) downloaded = true;
    };
    // The clock is read once the files are verified, just before staging: abort there, so the run stops
    // after the staging transaction and before the swap transaction.
    const killAfterDownload = () => {
      if (downloaded) controller.abort();
      return ++clock;
    };
    await expect(sync({ signal: controller.signal, now: killAfterDownload })).rejects.toMatchObject({
      name: 'AbortError',
    });
    db.close();

    db = await openVigieDb('sync'); // the worker restarts
    expect((await loadList(db))?.bytes).toEqual(service.list(1));
    expect((await loadPendingList(db))?.meta.version).toBe(2);
    service.mode = 'down';
    service.requests = [];
    expect(await sync()).toMatchObject({ status: 'updated', version: 2, via: 'staged' });
    expect((await loadList(db))?.bytes).toEqual(service.list(2));
    expect(await loadPendingList(db)).toBeNull();
  });

  it('an abort during the download leaves the old list and nothing staged', async () => {
    await service.publish(1);
    await sync();
    await service.publish(2, [[1, 2]]);
    const controller = new AbortController();
    service.onServe = (url) => {
      if (url.includes('/files/')) controller.abort();
    };
    await expect(sync({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await localVersion()).toBe(1);
    expect(await loadPendingList(db)).toBeNull();
  });

  it('an aborted signal stops the run before any request', async () => {
    await service.publish(1);
    await expect(sync({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(service.requests).toEqual([]);
  });

  it('drops a staged list made for another key', async () => {
    await service.publish(1);
    await sync();
    const staged = (await loadList(db))!;
    await replaceList(db, staged.bytes, staged.meta);
    const { stagePendingList } = await import('../../shared/store/list-store.ts');
    await stagePendingList(db, service.list(2), {
      ...staged.meta,
      version: 2,
      sha256: shaHex(service.list(2)),
      publicKey: 'other',
    });
    service.mode = 'down';
    expect(await sync()).toMatchObject({ status: 'offline', version: 1 });
    expect(await loadPendingList(db)).toBeNull();
  });

  it('two runs at once share one download', async () => {
    await service.publish(1);
    const [a, b] = await Promise.all([sync(), sync()]);
    expect(a).toEqual(b);
    expect(service.requests.filter((u) => u.endsWith('/manifest'))).toHaveLength(1);
    expect(service.fileRequests()).toHaveLength(1);
  });
});

describe('syncList: downloads stop at the declared size (issue 12, defect 6)', () => {
  /** A 64 MB body made on demand, counting what the client actually pulled. */
  function hugeBody(declareLength: boolean) {
    const chunk = new Uint8Array(64 * 1024);
    const counter = { pulled: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (counter.pulled >= 64 * 1024 * 1024) return controller.close();
        counter.pulled += chunk.byteLength;
        controller.enqueue(chunk.slice());
      },
    });
    const headers: Record<string, string> = declareLength ? { 'content-length': String(64 * 1024 * 1024) } : {};
    return { response: new Response(stream, { headers }), counter };
  }

  for (const declareLength of [false, true]) {
    it(`a 64 MB snapshot body is cut off after the manifest's size (Content-Length ${declareLength ? 'sent' : 'absent'})`, async () => {
      const manifest = await service.publish(1);
      const huge = hugeBody(declareLength);
      const fetch = (url: string, init?: RequestInit) =>
        url.includes('/list/files/') ? Promise.resolve(huge.response) : service.fetch(url, init);
      const result = await sync({ fetch });
      expect(result).toMatchObject({ status: 'rejected', reason: 'snapshot-invalid' });
      // At most one 64 KB chunk past the declared size was read, not 64 MB.
      expect(huge.counter.pulled).toBeLessThanOrEqual(manifest.snapshot.size + 64 * 1024 * 2);
      expect(await loadList(db)).toBeNull();
    });
  }

  it('an oversized delta is cut off too, and the snapshot is taken instead', async () => {
    await service.publish(1);
    await sync();
    const manifest = await service.publish(2, [[1, 2]]);
    const huge = hugeBody(false);
    const deltaName = manifest.deltas[0]!.name;
    const fetch = (url: string, init?: RequestInit) =>
      url.endsWith(deltaName) ? Promise.resolve(huge.response) : service.fetch(url, init);
    const result = await sync({ fetch });
    expect(result).toMatchObject({ status: 'updated', version: 2, via: 'snapshot' });
    expect(result.fallback).toMatch(/more than the/);
    expect(huge.counter.pulled).toBeLessThanOrEqual(manifest.deltas[0]!.size + 64 * 1024 * 2);
  });
});

describe('syncList: expired manifests (issue 12, defect 5)', () => {
  it('a replayed, genuine manifest past its expiry is refused, never "current"', async () => {
    const manifest = await service.publish(1);
    expect(await sync()).toMatchObject({ status: 'updated', version: 1 });
    // The attacker keeps serving that same, validly signed manifest; a week and a day later:
    clock += WEEK_MS + 86_400_000;
    const result = await sync();
    expect(result).toMatchObject({ status: 'rejected', reason: 'expired', version: 1 });
    expect(result.message).toContain(manifest.expiresAt);
    const state = await loadSyncState(db);
    expect(state?.listPublishedAt).toBe(manifest.publishedAt);
  });

  it('an expired manifest of a newer version installs nothing', async () => {
    await service.publish(1);
    await sync();
    await service.publish(2, [[1, 2]]);
    clock += WEEK_MS;
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'expired', version: 1 });
    expect(await localVersion()).toBe(1);
    expect(service.fileRequests()).toHaveLength(1);
  });

  it('records when the last valid manifest vouched for the list, also on "current"', async () => {
    await service.publish(1);
    await sync();
    clock += 86_400_000;
    const resigned = await service.publish(1);
    expect(await sync()).toMatchObject({ status: 'current', publishedAt: resigned.publishedAt });
    expect((await loadSyncState(db))?.listPublishedAt).toBe(resigned.publishedAt);
  });

  it('refuses a manifest without publishedAt or expiresAt (signed before they existed, or stripped)', async () => {
    await service.publish(1, [], { expiresAt: undefined });
    expect(await sync()).toMatchObject({ status: 'rejected', reason: 'manifest-invalid' });
  });
});
