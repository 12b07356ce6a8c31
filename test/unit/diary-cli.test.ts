import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const fixture = (name: string) => join(root, 'test/fixtures/diary', name);

async function vigie(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/vigie.mjs'), 'diary', ...args], {
      cwd: root,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function tmpCsv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-diary-'));
  const file = join(dir, 'diary.csv');
  writeFileSync(file, text);
  return file;
}

describe('vigie diary check', () => {
  it('--json prints exactly one object with row, rule, text and source', async () => {
    const r = await vigie('check', fixture('sample.csv'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['findings']);
    for (const f of out.findings) expect(Object.keys(f)).toEqual(['row', 'rule', 'text', 'source']);
    const pairs = out.findings.map((f) => `${f.row}:${f.rule}`);
    expect(pairs).toEqual([
      '0:outside-hours',
      '1:charter-min-gap',
      '2:weekend',
      '2:within-60-days-of-refusal',
      '3:outside-hours',
      '3:within-60-days-of-refusal',
      '3:masked-number',
      '4:public-holiday',
      '4:within-60-days-of-refusal',
      '4:forbidden-caller-id',
      '5:no-prior-consent',
    ]);
  }, 30_000);

  it('--tz changes the verdict: 09:30 UTC is 09:30 in London, 10:30 in Paris', async () => {
    const file = tmpCsv(
      'time,number,company,answered,refused,consent,customer,masked\n2026-03-02T09:30:00Z,0162000001,Acme,no,no,no,no,no\n',
    );
    const paris = JSON.parse((await vigie('check', file, '--json')).stdout) as { findings: unknown[] };
    const london = JSON.parse((await vigie('check', file, '--json', '--tz', 'Europe/London')).stdout) as {
      findings: Array<{ rule: string }>;
    };
    expect(paris.findings).toEqual([]);
    expect(london.findings.map((f) => f.rule)).toEqual(['outside-hours']);
  }, 30_000);

  it('prints findings readably, with the charter labelled as a commitment', async () => {
    const r = await vigie('check', fixture('sample.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('11 constat(s)');
    // The second call of sample.csv: row 3 of the spreadsheet (the header is row 1).
    expect(r.stdout).toContain('ligne 3 / row 3 — Isolation Plus — charter-min-gap [engagement de la profession');
    expect(r.stdout).toContain('Source : Code de la consommation, art. D.223-9');
  }, 30_000);

  it('rejects a bad file with the line numbers, exit 1', async () => {
    const file = tmpCsv(
      'time,number,company,answered,refused,consent,customer,masked\n2026-03-02T11:00,0162000001,Acme,no,no,no,no,no\n2026-13-02T11:00,0162000001,Acme,no,no,no,no,no\n2026-03-02T11:00,0162000001,Acme,peut-être,no,no,no,no\n',
    );
    const r = await vigie('check', file, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:3:`);
    expect(r.stderr).toContain(`${file}:4: answered`);
  }, 30_000);

  it('usage errors exit 2: unknown zone, unknown option, missing file name', async () => {
    expect((await vigie('check', fixture('sample.csv'), '--tz', 'Mars/Olympus')).code).toBe(2);
    expect((await vigie('check', fixture('sample.csv'), '--frobnicate')).code).toBe(2);
    expect((await vigie('check')).code).toBe(2);
    expect((await vigie('check', '/nonexistent/diary.csv')).code).toBe(1);
  }, 30_000);
});
