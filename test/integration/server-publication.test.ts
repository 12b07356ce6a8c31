/**
 * Publication's robustness and what it publishes (issue 12): the manifest file follows the database after a
 * crash, manifests carry a publication time and an expiry, and versions only change with real news.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Manifest, ManifestSchema } from '../../shared/api/schemas.ts';
import {
  adminHeaders,
  getJson,
  newReporter,
  nextAddress,
  postReport,
  report,
  startTestService,
  type TestService,
} from './server-harness.ts';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ trustProxy: true });
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
}, 60_000);

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
