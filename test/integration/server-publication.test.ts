/**
 * Publication's robustness and what it publishes (issue 12): the manifest file follows the database after a
 * crash, manifests carry a publication time and an expiry, and versions only change with real news.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRow } from '../../server/reports/report-row.ts';
import { insertReports } from '../../server/reports/report-store.ts';
import { canonicalJson, type Manifest, ManifestSchema } from '../../shared/api/schemas.ts';
import { openList } from '../../shared/list/reader.ts';
import {
  adminHeaders,
  getJson,
  newReporter,
  nextAddress,
  POSTGRES_URL,
  postReport,
  report,
  startTestService,
  type TestService,
} from './server-harness.ts';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ trustProxy: true });
});

afterAll(async () => {
  await t?.cleanup();
});

async function reportByMany(number: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await postReport(t.base, report(number, newReporter()), { from: nextAddress() });
    expect(response.status).toBe(201);
  }
}

async function publish(): Promise<Manifest> {
  const { status, body } = await getJson<Manifest>(`${t.base}/api/v1/admin/publish`, {
    method: 'POST',
    headers: adminHeaders(),
  });
  expect(status).toBe(200);
  return v.parse(ManifestSchema, body);
}

function manifestFile(): Manifest {
  return JSON.parse(readFileSync(join(t.dataDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** A pid no process has: beyond Linux's pid_max (2^22). */
const DEAD_PID = 4_194_400;

describe('manifest.json follows the database (defect 2)', () => {
  it('a crash between the database commit and the rename is repaired at the next start', async () => {
    await reportByMany('+33199001201', 3);
    const first = await publish();
    const staleText = readFileSync(join(t.dataDir, 'manifest.json'), 'utf8');
    await reportByMany('+33199001202', 3);
    const second = await publish();
    expect(second.version).toBe(first.version + 1);
    expect(manifestFile().version).toBe(second.version);
    await t.stop();
    // What a kill -9 after COMMIT and before rename leaves: the old file and a half-written temporary.
    writeFileSync(join(t.dataDir, 'manifest.json'), staleText);
    writeFileSync(join(t.dataDir, `manifest.json.${DEAD_PID}.tmp`), '{"version":');
    writeFileSync(join(t.dataDir, 'files', `${'a'.repeat(64)}.list.${DEAD_PID}.tmp`), 'half');
    await t.restart({ trustProxy: true });
    const served = (await getJson<Manifest>(`${t.base}/api/v1/list/manifest`)).body;
    expect(served.version).toBe(second.version);
    expect(manifestFile()).toEqual(served);
    expect(readdirSync(t.dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(join(t.dataDir, 'files')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a publication with nothing new (vigie publish) repairs a stale or missing file too', async () => {
    const current = await publish();
    writeFileSync(join(t.dataDir, 'manifest.json'), '{"version":1}');
    const again = await t.service.publisher.publish();
    expect(again.changed).toBe(false);
    expect(manifestFile().version).toBe(current.version);
  });

  it('leaves a live process’s temporary alone', async () => {
    const mine = join(t.dataDir, `manifest.json.${process.pid}.tmp`);
    writeFileSync(mine, 'in progress');
    await t.service.publisher.repairFiles();
    expect(existsSync(mine)).toBe(true);
  });
});

describe('manifests carry a publication time and an expiry, re-signed daily (defect 5)', () => {
  it('a new manifest expires 7 days after it was signed; a day later the same version is signed again', async () => {
    let clock = Date.parse('2026-04-01T08:00:00.000Z');
    const timed = await startTestService({ trustProxy: true, now: () => clock });
    try {
      const publishTimed = () => timed.service.publisher.publish();
      const first = (await publishTimed()).manifest;
      expect(first.publishedAt).toBe('2026-04-01T08:00:00.000Z');
      expect(first.expiresAt).toBe('2026-04-08T08:00:00.000Z');
      clock = Date.parse('2026-04-01T20:00:00.000Z');
      expect((await publishTimed()).manifest).toEqual(first);
      clock = Date.parse('2026-04-02T09:00:00.000Z');
      const { manifest: again, changed } = await publishTimed();
      expect(changed).toBe(false);
      expect(again.version).toBe(first.version);
      expect(again.listSha256).toBe(first.listSha256);
      expect(again.publishedAt).toBe('2026-04-02T09:00:00.000Z');
      expect(again.expiresAt).toBe('2026-04-09T09:00:00.000Z');
      expect(again.signature).not.toBe(first.signature);
      // Served by the API and copied to the file, the re-signed manifest verifies like any other.
      const served = v.parse(ManifestSchema, (await getJson(`${timed.base}/api/v1/list/manifest`)).body);
      expect(served).toEqual(again);
      expect(JSON.parse(readFileSync(join(timed.dataDir, 'manifest.json'), 'utf8'))).toEqual(again);
      const key = await crypto.subtle.importKey('raw', Buffer.from(again.publicKey, 'base64'), 'Ed25519', false, [
        'verify',
      ]);
      const { signature, ...unsigned } = again;
      const signed = new TextEncoder().encode(canonicalJson(unsigned));
      expect(await crypto.subtle.verify('Ed25519', key, Buffer.from(signature, 'base64'), signed)).toBe(true);
    } finally {
      await timed.cleanup();
    }
  }, 180_000);
});

describe('no news, no version: payloads in bands (issue 12, scale)', () => {
  it('a day of decay with no report makes no new version; the list gives banded counts', async () => {
    let clock = Date.parse('2026-05-04T10:00:00.000Z');
    const timed = await startTestService({ trustProxy: true, now: () => clock });
    try {
      for (const [number, count] of [
        ['+33199001211', 3],
        ['+33199001212', 12],
      ] as const) {
        for (let i = 0; i < count; i++) {
          const response = await postReport(timed.base, report(number, newReporter()), { from: nextAddress() });
          expect(response.status).toBe(201);
        }
      }
      const first = await timed.service.publisher.publish();
      expect(first.changed).toBe(true);
      const list = openList(readFileSync(join(timed.dataDir, 'files', first.manifest.snapshot.name)));
      // 12 reporters today: score round(85 × 12 / 2.5) = 408 → capped 255; 12 reports → band 10; May 2026.
      expect(list.match('+33199001212')).toMatchObject({ reports: 10, score: 255, lastReportDay: 20574 });
      // 3 reporters: net 3.0 → score 102 → band 85.
      expect(list.match('+33199001211')).toMatchObject({ reports: 3, score: 85, lastReportDay: 20574 });
      for (const days of [1, 2, 5]) {
        clock = Date.parse('2026-05-04T10:00:00.000Z') + days * 86_400_000;
        const later = await timed.service.publisher.publish();
        expect(later.changed, `after ${days} days`).toBe(false);
        expect(later.manifest.version).toBe(first.manifest.version);
      }
    } finally {
      await timed.cleanup();
    }
  }, 180_000);
});

/** `reporters` independent reports (own reporter, own address group) on each number, stored directly. */
function rows(numbers: readonly string[], reporters: number, at = new Date().toISOString()): ReportRow[] {
  return numbers.flatMap((number) =>
    Array.from({ length: reporters }, () => ({
      id: crypto.randomUUID(),
      number,
      reporter: newReporter(),
      category: 'telemarketing' as const,
      comment: null,
      company: null,
      region: 'FR',
      calledAt: null,
      reportedAt: at,
      source: 'api' as const,
      demo: false,
      addrHash: null,
    })),
  );
}

describe('bounded deltas (issue 12, scale)', () => {
  it('deltas come from the last 7 versions only, and none is over half the snapshot', async () => {
    const db = t.service.db;
    // Scattered numbers, as real ones are (consecutive numbers would pack into a few bytes each).
    const scattered = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `+3361${String(((from + i) * 48_271 * 7919) % 1e8).padStart(8, '0')}`);
    const base = scattered(0, 200);
    await insertReports(db, rows(base, 3));
    await t.service.publisher.publish();
    let manifest: Manifest | null = null;
    for (let i = 0; i < 9; i++) {
      await insertReports(db, rows([`+3319900130${i}`], 3));
      const result = await t.service.publisher.publish();
      expect(result.changed).toBe(true);
      manifest = result.manifest;
    }
    if (!manifest) throw new Error('nothing published');
    const froms = manifest.deltas.map((d) => d.from).sort((a, b) => a - b);
    expect(froms.length).toBeGreaterThan(0);
    expect(froms.length).toBeLessThanOrEqual(7);
    expect(Math.min(...froms)).toBeGreaterThanOrEqual(manifest.version - 7);
    for (const d of manifest.deltas) expect(d.size).toBeLessThanOrEqual(Math.max(2048, manifest.snapshot.size / 2));
    // 1,500 new numbers at once: every delta from older versions would be most of the new snapshot.
    const numbers = scattered(1000, 1500);
    await insertReports(db, rows(numbers, 3));
    const big = (await t.service.publisher.publish()).manifest;
    expect(big.version).toBe(manifest.version + 1);
    expect(big.snapshot.size).toBeGreaterThan(4096);
    expect(big.deltas).toEqual([]);
  });
});

describe.skipIf(!POSTGRES_URL)('two processes on one PostgreSQL (issue 12, scale)', () => {
  function publishInProcess(schema: string): Promise<{ code: number | null; out: string; err: string }> {
    const script = join(import.meta.dirname, 'processes', 'publish-once.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, t.dataDir, POSTGRES_URL ?? '', schema], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('publish-once.ts: no exit within 120 s'));
      }, 120_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err });
      });
    });
  }

  it('two publishers started together take turns: one new version, no error', async () => {
    const db = t.service.db;
    const numbers = Array.from({ length: 4000 }, (_, i) => `+3319902${String(i).padStart(4, '0')}`);
    await insertReports(db, rows(numbers, 4));
    const before = (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM list_versions'))[0]?.n ?? 0;
    const schema = (await db.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s ?? '';
    const [a, b] = await Promise.all([publishInProcess(schema), publishInProcess(schema)]);
    expect(a.err + b.err).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const results = [JSON.parse(a.out), JSON.parse(b.out)] as { version: number; changed: boolean }[];
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(results[0]?.version).toBe(results[1]?.version);
    const after = (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM list_versions'))[0]?.n ?? 0;
    expect(after).toBe(before + 1);
  }, 180_000);
});

describe('start-up serves at once (issue 12, scale)', () => {
  it('listens before the start-up publication is done, and takes reports', async () => {
    const own = await startTestService({ trustProxy: true });
    try {
      const numbers = Array.from(
        { length: 10_000 },
        (_, i) => `+3361${String((i * 48_271 * 7919) % 1e8).padStart(8, '0')}`,
      );
      await insertReports(own.service.db, rows(numbers, 3));
      await own.stop();
      const { startService } = await import('../../server/service.ts');
      const service = await startService({
        dataDir: own.dataDir,
        databaseUrl: POSTGRES_URL ?? '',
        port: 0,
        host: '127.0.0.1',
        publishIntervalSeconds: 0,
        pwaDir: null,
        trustProxy: true,
        schema: own.schema,
      });
      let published = false;
      void service.firstPublication.then(() => {
        published = true;
      });
      try {
        // Listening before the publication over 10,000 numbers is done. (Requests are then answered between
        // its steps: on PGlite the database runs on the same thread, see docs/scaling.md.)
        expect(published).toBe(false);
        expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
        const response = await postReport(service.url, report('+33199001299', newReporter()), { from: nextAddress() });
        expect(response.status).toBe(201);
        await service.firstPublication;
        expect(((await service.publisher.current())?.count ?? 0) >= 10_000).toBe(true);
      } finally {
        await service.close();
      }
    } finally {
      await own.cleanup();
    }
  }, 120_000);
});

describe('crowd ranges in the published list (issue 13 §2, server part)', () => {
  it('4 listed numbers of one /10 block by 6 people: the block is listed as a range clients match', async () => {
    const people = Array.from({ length: 6 }, () => newReporter());
    const numbers = ['+33199001401', '+33199001403', '+33199001405', '+33199001408'];
    for (const [i, number] of numbers.entries()) {
      for (const k of [0, 1, 2]) {
        const reporter = people[(i + k * 2) % 6] ?? '';
        const response = await postReport(t.base, report(number, reporter), { from: nextAddress() });
        expect(response.status).toBe(201);
      }
    }
    const manifest = await publish();
    const list = openList(readFileSync(join(t.dataDir, 'files', manifest.snapshot.name)));
    expect(list.match('+33199001407')).toMatchObject({ kind: 'range', pattern: '+3319900140*', score: 85 });
    expect(list.match('+33199001401')).toMatchObject({ kind: 'exact' });
    expect(list.match('+33199001417')).toBeNull();
  });
});
