/**
 * Seeding: our CSV and the FTC Do-Not-Call export (test/fixtures), through the importer and `vigie import`,
 * and the demo set of `vigie serve --demo` — present only when asked for, and labelled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as importCommand } from '../../server/cli/commands/import.ts';
import { importReports } from '../../server/import/import-reports.ts';
import { countReports } from '../../server/reports/report-store.ts';
import type { Aggregate, Manifest } from '../../shared/api/schemas.ts';
import { adminHeaders, getJson, POSTGRES_URL, startTestService, type TestService } from './server-harness.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const OURS = readFileSync(join(FIXTURES, 'reports-sample.csv'), 'utf8');
const FTC = readFileSync(join(FIXTURES, 'ftc-dnc-sample.csv'), 'utf8');
/** The fixtures' reports are dated October 2026; the service's clock is pinned just after. */
const NOW = Date.parse('2026-11-01T12:00:00Z');

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ now: () => NOW });
});

afterAll(async () => {
  await t?.cleanup();
});

async function aggregate(base: string, number: string): Promise<Aggregate> {
  return (await getJson<Aggregate>(`${base}/api/v1/numbers/${encodeURIComponent(number)}`)).body;
}

async function publish(base: string): Promise<Manifest> {
  return (await getJson<Manifest>(`${base}/api/v1/admin/publish`, { method: 'POST', headers: adminHeaders() })).body;
}

describe('without --demo nothing is invented', () => {
  it('starts with no report and an empty list', async () => {
    expect(await countReports(t.service.db)).toEqual({ total: 0, demo: 0 });
    const manifest = (await getJson<Manifest>(`${t.base}/api/v1/list/manifest`)).body;
    expect(manifest.count).toBe(0);
    expect(manifest.demo).toBeUndefined();
    expect(await aggregate(t.base, '+33199000101')).toMatchObject({ reports: 0, listed: false });
  });
});

describe('our CSV', () => {
  it('imports valid rows, refuses bad ones with their line', async () => {
    const summary = await importReports(t.service.db, OURS);
    expect(summary).toMatchObject({ format: 'vigie', read: 20, imported: 18, duplicates: 0, rejected: 2 });
    expect(summary.problems.join('\n')).toMatch(/line 20: category/);
    expect(summary.problems.join('\n')).toMatch(/line 21: number/);
  });

  it('counts rows without reporter as independent complaints, and one reporter once', async () => {
    expect(await aggregate(t.base, '+33199000201')).toMatchObject({
      reports: 4,
      listed: true,
      category: 'telemarketing',
    });
    expect(await aggregate(t.base, '+33199000202')).toMatchObject({ reports: 1, listed: false });
    expect(await aggregate(t.base, '+33199000203')).toMatchObject({ reports: 3, listed: true, category: 'robocall' });
    expect(await aggregate(t.base, '+33199000204')).toMatchObject({ reports: 2, listed: false });
    // Reports from 2024 are outside the decay window.
    expect(await aggregate(t.base, '+33199000205')).toMatchObject({ reports: 0, listed: false });
    expect(await aggregate(t.base, '112')).toMatchObject({ reports: 3, listed: false });
  });

  it('keeps comments as given', async () => {
    const comments = (await aggregate(t.base, '+33199000201')).comments.map((c) => c.text);
    expect(comments).toContain('Rappelle tous les jours, "offre" gratuite');
    expect(comments).toContain('Isolation des combles, très insistant');
  });

  it('is idempotent: importing the same file again adds nothing', async () => {
    const again = await importReports(t.service.db, OURS);
    expect(again).toMatchObject({ imported: 0, duplicates: 18 });
  });
});

describe('FTC Do-Not-Call export', () => {
  it('imports complaints as +1 numbers, robocall flag → robocall, else telemarketing', async () => {
    const summary = await importReports(t.service.db, FTC);
    // 20 rows: 2 refused (bad number, bad date), one exact duplicate row (same complaint) counted once.
    expect(summary).toMatchObject({ format: 'ftc', read: 20, rejected: 2, imported: 17, duplicates: 1 });
    expect(await aggregate(t.base, '+12025550101')).toMatchObject({ reports: 5, listed: true, category: 'robocall' });
    expect(await aggregate(t.base, '+12025550102')).toMatchObject({
      reports: 4,
      listed: true,
      category: 'telemarketing',
    });
    expect(await aggregate(t.base, '+12025550103')).toMatchObject({ reports: 2, listed: false });
    expect(await aggregate(t.base, '+12125550104')).toMatchObject({ reports: 2, listed: false });
    expect(await aggregate(t.base, '+13105550105')).toMatchObject({ reports: 4, listed: true, category: 'robocall' });
  });

  it('publishes the imported numbers that reach the threshold', async () => {
    const manifest = await publish(t.base);
    expect(manifest.count).toBe(5);
    expect(manifest.demo).toBeUndefined();
  });
});

describe.skipIf(POSTGRES_URL !== undefined)('vigie import (command line, PGlite)', () => {
  it('imports a file into a stopped service’s data folder', async () => {
    await t.stop();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), stdin: process.stdin };
    const code = await importCommand.run([join(FIXTURES, 'ftc-dnc-sample.csv'), '--data', t.dataDir], io);
    expect(code).toBe(0);
    expect(out.join('')).toContain('0 importées / imported, 18 déjà présentes / already there');
    expect(err.join('')).toContain('line 20');
    expect(await importCommand.run(['--format', 'xml', 'x.csv', '--data', t.dataDir], io)).toBe(2);
    expect(await importCommand.run([join(FIXTURES, 'absent.csv'), '--data', t.dataDir], io)).toBe(1);
    await t.restart();
  });
});

describe('vigie serve --demo', () => {
  let demo: TestService;

  afterAll(async () => {
    await demo?.cleanup();
  }, 60_000);

  it('loads a labelled demo set into an empty data folder', async () => {
    demo = await startTestService({ demo: true });
    expect(demo.service.demoLoaded).toBe(true);
    const counts = await countReports(demo.service.db);
    expect(counts.total).toBeGreaterThan(0);
    expect(counts.demo).toBe(counts.total);
    const scam = await aggregate(demo.base, '+33199000102');
    expect(scam).toMatchObject({ listed: true, level: 'danger', demo: true });
    const manifest = (await getJson<Manifest>(`${demo.base}/api/v1/list/manifest`)).body;
    expect(manifest.demo).toBe(true);
    expect(manifest.count).toBeGreaterThan(0);
    // No new report, no new version: reporters' standing alone does not make a version.
    expect((await publish(demo.base)).version).toBe(manifest.version);
  });

  it('loads nothing more when the folder already has reports', async () => {
    await demo.restart({ demo: true });
    expect(demo.service.demoLoaded).toBe(false);
  });

  it('never loads demo data into a folder that has real reports', async () => {
    await t.restart({ demo: true });
    expect(t.service.demoLoaded).toBe(false);
    expect((await countReports(t.service.db)).demo).toBe(0);
  });
});
