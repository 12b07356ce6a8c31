import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestJson, writePublication } from '../../server/publish/publication-files.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';

const VIGIE = join(import.meta.dirname, '..', '..', 'bin', 'vigie.mjs');
/** Run from an empty folder: a developer's ./var (the local service's data) must not change these answers. */
const EMPTY = mkdtempSync(join(tmpdir(), 'vigie-lookup-cwd-'));
const vigie = (args: string[], input?: string, cwd = EMPTY) =>
  spawnSync('node', [VIGIE, ...args], { input, encoding: 'utf8', timeout: 30_000, cwd });

/** A local service's data folder, as `vigie serve` leaves it: signed manifest.json, files/, keys/. */
function serviceFolder(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-lookup-data-'));
  const manifest = writePublication({
    dataDir,
    entries: [
      { pattern: '+33612345678', payload: { category: 'scam', score: 230, reports: 9, lastReportDay: 20_400 } },
      { pattern: '+3361234560*', payload: { category: 'telemarketing', score: 200, reports: 6, lastReportDay: 0 } },
    ],
    version: 42,
    demo: false,
    createdAt: new Date(),
    previous: [],
    key: loadOrCreateSigningKey(dataDir),
  });
  writeFileSync(join(dataDir, 'manifest.json'), manifestJson(manifest));
  return dataDir;
}

describe('vigie lookup', () => {
  it('prints one JSON verdict with --json', () => {
    const r = vigie(['lookup', '01 62 12 34 56', '--json']);
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({
      input: '01 62 12 34 56',
      number: '+33162123456',
      level: 'spam',
      category: 'robocall',
      reports: 0,
    });
    expect(v.reasons[0]).toMatchObject({ id: 'rule:npv-prefix' });
    expect(v.operator).toHaveProperty('name');
  });

  it('reads JSON lines from stdin and keeps going after a bad line', () => {
    const r = vigie(['lookup', '--json', '-'], `0891234567\nbonjour\n\n112\n${'9'.repeat(10_000)}\n\u0000\n`);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Output line N answers input line N, the empty line included.
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ number: '+33891234567', level: 'danger' });
    expect(lines[1]).toMatchObject({ input: 'bonjour', error: { code: 'not_a_phone_number' } });
    expect(typeof lines[1].error.message).toBe('string');
    expect(lines[2]).toEqual({
      input: '',
      error: { code: 'empty', message: 'Saisissez un numéro de téléphone.', messageEn: 'Enter a phone number.' },
    });
    expect(lines[3]).toMatchObject({ number: '112', level: 'trusted' });
    expect(lines[4].error.code).toBe('too_long');
    expect(lines[5].error.code).toBe('invalid_characters');
  });

  it('a single bad input exits 1 with the error on stderr', () => {
    const r = vigie(['lookup', 'abc']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("Ce n'est pas un numéro");
  });

  it('--strict reads a call-centre operator’s block as spam', () => {
    // MAJNUM: 0189720;0189720000;0189720999;AIRC (Aircall), one of call-centre-operators.json.
    const normal = JSON.parse(vigie(['lookup', '01 89 72 05 00', '--json']).stdout);
    expect(normal).toMatchObject({ level: 'caution', category: 'telemarketing' });
    const strict = JSON.parse(vigie(['lookup', '01 89 72 05 00', '--json', '--strict']).stdout);
    expect(strict).toMatchObject({ level: 'spam', category: 'telemarketing' });
    expect(strict.reasons[0].id).toBe('operator:call-centre');
  });

  it('--my-number spares the user’s own line, and refuses a bad one', () => {
    const own = JSON.parse(vigie(['lookup', '01 89 72 05 00', '--json', '--my-number', '01 89 72 05 00']).stdout);
    expect(own).toMatchObject({ level: 'unknown', category: null });
    expect(own.reasons[0].id).toBe('personal:my-number');
    const bad = vigie(['lookup', '01 89 72 05 00', '--my-number', '3646']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('numéro court');
  });

  it('uses the local service’s data folder, says which list and its version, and refuses a tampered one', () => {
    const dataDir = serviceFolder();
    // ./var in the working folder is found without being named, as `vigie serve` puts it there.
    const cwd = mkdtempSync(join(tmpdir(), 'vigie-lookup-cwd-'));
    const r = spawnSync('cp', ['-r', dataDir, join(cwd, 'var')]);
    expect(r.status).toBe(0);
    const found = vigie(['lookup', '06 12 34 56 78', '--json'], undefined, cwd);
    expect(found.status).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({ level: 'danger', category: 'scam', reports: 9 });
    expect(found.stderr).toContain('version 42');
    const named = vigie(['lookup', '06 12 34 56 03', '--json', '--data', dataDir]);
    expect(JSON.parse(named.stdout)).toMatchObject({ level: 'caution', category: 'telemarketing' });
    expect(JSON.parse(named.stdout).reasons[0].text).toContain('6 numéros voisins (06 12 34 56 0x)');
    // No folder named and no ./var: no crowd list, and it says so.
    expect(vigie(['lookup', '06 12 34 56 78']).stderr).toContain('aucune liste collaborative');
    expect(vigie(['lookup', '06 12 34 56 78', '--data', EMPTY]).status).toBe(1);
    writeFileSync(join(dataDir, 'keys', 'ed25519-public.txt'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const tampered = vigie(['lookup', '06 12 34 56 78', '--data', dataDir]);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('manifeste refusé');
  });

  it('has its own help, French and English: vigie help lookup, vigie lookup --help', () => {
    for (const args of [
      ['help', 'lookup'],
      ['lookup', '--help'],
      ['lookup', '-h'],
    ]) {
      const r = vigie(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Usage: vigie lookup');
      expect(r.stdout).toContain('Français');
      expect(r.stdout).toContain('English');
      expect(r.stdout).toContain('--service URL');
    }
    const diary = vigie(['help', 'diary']);
    expect(diary.stdout).toContain('time,number,company,answered,refused,consent,customer,masked');
    expect(vigie(['help', 'nope']).status).toBe(2);
  });

  it('prints a readable verdict without --json', () => {
    const r = vigie(['lookup', '118 712']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('118712');
    expect(r.stdout).toContain('Danger');
  });
});
