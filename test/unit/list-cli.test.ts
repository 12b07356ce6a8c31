import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openList } from '../../shared/list/reader.ts';

const bin = fileURLToPath(new URL('../../bin/vigie.mjs', import.meta.url));

function vigie(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('vigie list build / info', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-list-'));

  it('builds from a report CSV, then info shows the counts and a good checksum', () => {
    writeFileSync(
      join(dir, 'reports.csv'),
      'number,category,reported_at,reporter,comment,company,region\n' +
        '0612345678,scam,2025-11-01,r1,"Faux conseiller, ""banque""",,\n' +
        '06 12 34 56 78,scam,2025-11-03,r2,,,\n' +
        'pas un numéro,scam,,,,,\n' +
        '0162000000,robocall,,,,,\n',
    );
    const built = vigie(dir, 'list', 'build', 'reports.csv', '-o', 'out.vgl', '--version', '12');
    expect(built.code).toBe(0);
    expect(built.err).toMatch(/reports\.csv:4: .*not a phone number/);
    const list = openList(new Uint8Array(readFileSync(join(dir, 'out.vgl'))));
    expect(list.version).toBe(12);
    expect(list.match('+33612345678')).toMatchObject({ category: 'scam', reports: 2, lastReportDay: 20_395 });

    const info = vigie(dir, 'list', 'info', 'out.vgl', '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.out)).toMatchObject({ version: 12, exactCount: 2, rangeCount: 0, checksumOk: true });
    const human = vigie(dir, 'list', 'info', 'out.vgl');
    expect(human.out).toMatch(/checksum: OK/);
  });

  it('builds from a numbers file; exits 1 when nothing is valid; info flags a damaged file', () => {
    writeFileSync(join(dir, 'numbers.txt'), '# mine\n06 12 34 56 78\n+33162*\n');
    expect(vigie(dir, 'list', 'build', 'numbers.txt', '-o', 'n.vgl').code).toBe(0);
    expect(openList(new Uint8Array(readFileSync(join(dir, 'n.vgl')))).rangeCount).toBe(1);

    writeFileSync(join(dir, 'junk.txt'), 'hello\nworld\n');
    const junk = vigie(dir, 'list', 'build', 'junk.txt', '-o', 'j.vgl');
    expect(junk.code).toBe(1);
    expect(junk.err).toMatch(/junk\.txt:1: .*\n.*junk\.txt:2: .*\n.*no valid number/);

    const bytes = readFileSync(join(dir, 'n.vgl'));
    bytes.writeUInt8((bytes.at(-40) as number) ^ 1, bytes.length - 40);
    writeFileSync(join(dir, 'bad.vgl'), bytes);
    const bad = vigie(dir, 'list', 'info', 'bad.vgl');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/checksum: KO/);
    writeFileSync(
      join(dir, 'text.vgl'),
      'not a list at all, not at all, not at all, not at all, not at all, not at all, not at all',
    );
    expect(vigie(dir, 'list', 'info', 'text.vgl').err).toMatch(/is not a valid list: not a Vigie list/);
    expect(vigie(dir, 'list', 'build', 'numbers.txt').code).toBe(2);
    expect(vigie(dir, 'list', 'frobnicate').code).toBe(2);
  });
});
