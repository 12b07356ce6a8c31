/**
 * The core's sync client against the real crowd service (server/service.ts on PGlite in a temp folder):
 * three devices report a number through their outboxes, the admin publishes, a fourth device syncs and finds
 * the number in its local list; more reports, another publication, and the sync arrives as a delta.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports } from '../../server/reports/report-store.ts';
import { type RunningService, startService } from '../../server/service.ts';
import type { Manifest } from '../../shared/api/schemas.ts';
import { openList } from '../../shared/list/reader.ts';
import { openVigieDb, type VigieDb } from '../../shared/store/db.ts';
import { loadList } from '../../shared/store/list-store.ts';
import { listOutbox } from '../../shared/store/outbox-store.ts';
import { syncList } from '../../shared/sync/list-sync.ts';
import { flushOutbox, queueReport } from '../../shared/sync/outbox.ts';
import { lookupRange } from '../../shared/sync/range-lookup.ts';

const ADMIN_TOKEN = 'integration-admin-token-0123456789';
let service: RunningService;
let dataDir: string;
let phone: VigieDb;

/**
 * Each reporting device sits behind its own address: the service counts reporters seen behind one address as
 * one vote (docs/crowd-model.md), and trusts X-Forwarded-For here as it would behind a reverse proxy.
 */
function fetchFrom(address: string) {
  return (url: string, init?: RequestInit) =>
    fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-forwarded-for': address } });
}

async function reportFromDevices(number: string, devices: number, firstAddress: number) {
  for (let d = 0; d < devices; d++) {
    const device = await openVigieDb(`reporter-${number}-${d}`);
    const queued = await queueReport(device, { number, category: 'telemarketing', comment: 'Démarchage isolation' });
    expect(queued.ok).toBe(true);
    const flushed = await flushOutbox({
      serverUrl: service.url,
      db: device,
      fetch: fetchFrom(`203.0.113.${firstAddress + d}`),
    });
    expect(flushed).toMatchObject({ sent: 1, rejected: 0, retrying: 0 });
    device.close();
  }
}

async function publish(): Promise<Manifest> {
  const response = await fetch(`${service.url}/api/v1/admin/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'integration test' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Manifest;
}

async function localMatch(number: string) {
  const stored = await loadList(phone);
  return stored ? openList(stored.bytes).match(number) : null;
}

beforeAll(async () => {
  globalThis.indexedDB = new IDBFactory();
  dataDir = mkdtempSync(join(tmpdir(), 'vigie-sync-'));
  service = await startService({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    adminToken: ADMIN_TOKEN,
    trustProxy: true,
    publishIntervalSeconds: 0,
    pwaDir: null,
  });
  // The service listens before its start-up publication (in a worker thread) is done: the first sync below
  // expects a published list.
  await service.firstPublication;
  phone = await openVigieDb('phone');
  await seedImportedReports(600);
});

/**
 * A list of a realistic shape: a few hundred numbers already reported, as `vigie import` would load them, so a
 * day's change is a small delta next to the snapshot (with a list of two numbers the snapshot is smaller than
 * any delta, and the client rightly takes it).
 */
async function seedImportedReports(numbers: number) {
  const rows: ReportRow[] = [];
  const reportedAt = new Date().toISOString();
  for (let n = 0; n < numbers; n++) {
    for (let r = 0; r < 3; r++) {
      rows.push({
        id: crypto.randomUUID(),
        // Spread over the mobile range, as real reports are (sequential numbers would compress to nothing).
        number: `+336${String((n * 2_654_435_761) % 100_000_000).padStart(8, '0')}`,
        reporter: `seed-reporter-${String(n * 3 + r).padStart(12, '0')}`,
        category: 'telemarketing',
        comment: null,
        company: null,
        region: 'FR',
        calledAt: null,
        reportedAt,
        source: 'import:vigie',
        demo: false,
        addrHash: null,
      });
    }
  }
  await insertReports(service.db, rows);
}

afterAll(async () => {
  phone?.close();
  await service?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('sync against the real service', () => {
  const first = '+33612345678';
  const second = '+33698765432';

  it('installs the first published list, verified with the key the service printed', async () => {
    const result = await syncList({ serverUrl: service.url, publicKey: service.publicKey, db: phone });
    expect(result).toMatchObject({ status: 'updated', via: 'snapshot' });
    expect(await localMatch(first)).toBeNull();
  });

  it('three independent reporters, a publication, a sync: the number is in the local list', async () => {
    const before = (await loadList(phone))!.meta.version;
    await reportFromDevices(first, 3, 1);
    const manifest = await publish();
    expect(manifest.version).toBeGreaterThan(before);
    const result = await syncList({ serverUrl: service.url, publicKey: service.publicKey, db: phone });
    expect(result).toMatchObject({ status: 'updated', version: manifest.version });
    expect(await localMatch(first)).toMatchObject({ kind: 'exact', category: 'telemarketing' });
    expect((await localMatch(first))!.reports).toBeGreaterThanOrEqual(3);
    expect(await syncList({ serverUrl: service.url, publicKey: service.publicKey, db: phone })).toMatchObject({
      status: 'current',
    });
  });

  it('more reports, another publication: the sync arrives as a delta', async () => {
    await reportFromDevices(second, 3, 10);
    const manifest = await publish();
    expect(manifest.deltas.length).toBeGreaterThan(0);
    const result = await syncList({ serverUrl: service.url, publicKey: service.publicKey, db: phone });
    expect(result).toMatchObject({ status: 'updated', version: manifest.version, via: 'delta' });
    expect(result.downloaded).toBeLessThan(manifest.snapshot.size);
    expect(await localMatch(first)).not.toBeNull();
    expect(await localMatch(second)).not.toBeNull();
    expect((await loadList(phone))!.meta.sha256).toBe(manifest.listSha256);
  });

  it('a tampered delta from the real service falls back to its snapshot; a wrong key is refused', async () => {
    await reportFromDevices('+33611223344', 3, 20);
    const manifest = await publish();
    const tampering = async (url: string, init?: RequestInit) => {
      const response = await fetch(url, init);
      if (!manifest.deltas.some((d) => url.endsWith(d.name))) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
      return new Response(bytes, { status: 200 });
    };
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    expect(await syncList({ serverUrl: service.url, publicKey: otherKey, db: phone })).toMatchObject({
      status: 'rejected',
      reason: 'key-mismatch',
    });
    const result = await syncList({
      serverUrl: service.url,
      publicKey: service.publicKey,
      db: phone,
      fetch: tampering,
    });
    expect(result).toMatchObject({ status: 'updated', version: manifest.version, via: 'snapshot' });
    expect(result.fallback).toBeTruthy();
    expect(await localMatch('+33611223344')).not.toBeNull();
  });

  it('a kill between download and swap keeps the old list; the next start installs the staged one', async () => {
    await reportFromDevices('+33622334455', 3, 30);
    const manifest = await publish();
    const before = (await loadList(phone))!.meta.version;
    const controller = new AbortController();
    let fileFetched = false;
    const watching = (url: string, init?: RequestInit) => {
      if (url.includes('/list/files/')) fileFetched = true;
      return fetch(url, init);
    };
    // The clock is read once the files are verified, just before staging: the "kill" lands there, so the run
    // stops after the staging transaction and before the swap transaction.
    const clock = () => {
      if (fileFetched) controller.abort();
      return Date.now();
    };
    const options = { serverUrl: service.url, publicKey: service.publicKey, fetch: watching };
    await expect(syncList({ ...options, db: phone, signal: controller.signal, now: clock })).rejects.toMatchObject({
      name: 'AbortError',
    });
    phone.close();
    phone = await openVigieDb('phone'); // the worker starts again
    expect((await loadList(phone))!.meta.version).toBe(before);
    expect(await localMatch('+33622334455')).toBeNull();
    fileFetched = false;
    const result = await syncList({ ...options, db: phone });
    expect(result).toMatchObject({ status: 'updated', via: 'staged', version: manifest.version });
    expect(fileFetched).toBe(false);
    expect(await localMatch('+33622334455')).not.toBeNull();
  });

  it('a private range look-up finds the listed number without sending it', async () => {
    const seen: string[] = [];
    const spy = (url: string, init?: RequestInit) => {
      seen.push(url);
      return fetch(url, init);
    };
    const result = await lookupRange(service.url, first, { fetch: spy });
    expect(result).toMatchObject({ status: 'found', entry: { number: first, listed: true } });
    expect(seen.join()).not.toContain('612345678');
  });

  it('the outbox survives a restart and the service keeps each report once', async () => {
    let device = await openVigieDb('offline-reporter');
    const queued = await queueReport(device, { number: '+33755555555', category: 'scam' });
    expect(queued.ok).toBe(true);
    const offline = await flushOutbox({
      serverUrl: 'http://127.0.0.1:9', // discard port: nothing listens, the network fails
      db: device,
      timeoutMs: 5_000,
    });
    expect(offline).toMatchObject({ sent: 0, retrying: 1 });
    device.close();

    device = await openVigieDb('offline-reporter'); // the app restarts later, online
    const record = (await listOutbox(device))[0]!;
    const online = await flushOutbox({
      serverUrl: service.url,
      db: device,
      now: () => record.nextAttemptAt,
      fetch: fetchFrom('203.0.113.99'),
    });
    expect(online).toMatchObject({ sent: 1 });
    expect(await listOutbox(device)).toEqual([]);
    // The same report again (a resend after a lost answer) is acknowledged, not counted twice.
    const again = await fetchFrom('203.0.113.99')(`${service.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(queued.ok ? queued.record.body : {}),
    });
    expect(again.status).toBe(200);
    device.close();
  });

  it('a refused report is kept visible with the service message', async () => {
    const device = await openVigieDb('bad-reporter');
    const queued = await queueReport(device, { number: 'not a number', category: 'scam' });
    expect(queued.ok).toBe(true); // the schema only bounds the length; the service normalises
    const result = await flushOutbox({ serverUrl: service.url, db: device, fetch: fetchFrom('203.0.113.77') });
    expect(result).toMatchObject({ rejected: 1 });
    expect((await listOutbox(device))[0]).toMatchObject({ state: 'rejected', lastError: { status: 400 } });
    device.close();
  });
});
