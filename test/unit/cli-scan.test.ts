/**
 * `vigie scan`, the finder's CLI contract (issue 10). Expected offsets and levels are written by hand: 01 62 is a
 * prefix ARCEP reserves for automated calls (spam), 089 is premium rate (danger), a mobile with no report is
 * unknown (docs/rules.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const vigie = (args: string[], input?: string) =>
  spawnSync('node', ['bin/vigie.mjs', 'scan', ...args], { input, encoding: 'utf8', timeout: 30_000 });

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('vigie scan', () => {
  it('--json --lines: one object per input line, in order, with offsets into the text', () => {
    const input = [
      'Rappelez le 01 62 12 34 56 ou le 0891 23 45 67.',
      'Rien ici, le 12/03/2024 à 10:30.',
      '',
      '"SMS : votre colis\\nappelez le 06 12 34 56 78"',
    ].join('\n');
    const r = vigie(['--json', '--lines', '-'], `${input}\n`);
    expect(r.status).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({
      input: 'Rappelez le 01 62 12 34 56 ou le 0891 23 45 67.',
      found: [
        { start: 12, end: 26, raw: '01 62 12 34 56', number: '+33162123456', level: 'spam' },
        { start: 33, end: 46, raw: '0891 23 45 67', number: '+33891234567', level: 'danger' },
      ],
    });
    expect(out[1]).toEqual({ input: 'Rien ici, le 12/03/2024 à 10:30.', found: [] });
    expect(out[2]).toEqual({ input: '', found: [] });
    expect(out[3]).toEqual({
      input: 'SMS : votre colis\nappelez le 06 12 34 56 78',
      found: [{ start: 29, end: 43, raw: '06 12 34 56 78', number: '+33612345678', level: 'unknown' }],
    });
  });

  it('finds foreign numbers too', () => {
    const r = vigie(['--json', '--lines'], 'Missed call from +44 20 7946 0958\n');
    expect(r.status).toBe(0);
    const [line] = jsonLines(r.stdout);
    expect(line.found).toHaveLength(1);
    expect(line.found[0]).toMatchObject({ start: 17, end: 33, number: '+442079460958' });
  });

  it('a line that is not a JSON string gets an error object, and the run goes on', () => {
    const r = vigie(['--json', '--lines'], '"pas fini\n0162123456\n');
    expect(r.status).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out[0]).toMatchObject({ input: '"pas fini', error: { code: 'invalid_json' } });
    expect(out[1].found[0]).toMatchObject({ start: 0, end: 10, number: '+33162123456' });
  });

  it('reads a file as one text without --lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-scan-'));
    const file = join(dir, 'sms.txt');
    writeFileSync(file, 'Bonjour,\nrappelez le 0891 23 45 67\n');
    const r = vigie([file, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      input: 'Bonjour,\nrappelez le 0891 23 45 67\n',
      found: [{ start: 21, end: 34, raw: '0891 23 45 67', number: '+33891234567', level: 'danger' }],
    });
  });

  it('prints a readable list without --json', () => {
    const r = vigie([], 'Tél. 01 62 12 34 56\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('01 62 12 34 56');
    expect(r.stdout).toContain('+33162123456');
    expect(r.stdout).toContain('Indésirable');
    expect(vigie([], 'rien\n').stdout).toContain('Aucun numéro');
  });

  it('refuses a missing file, an unknown region and two files, with a clear message', () => {
    const missing = vigie(['/nonexistent/vigie.txt']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('unreadable file');
    const region = vigie(['--region', 'ZZ'], 'x');
    expect(region.status).toBe(2);
    expect(region.stderr).toContain('unknown region');
    expect(vigie(['a', 'b']).status).toBe(2);
  });
});
