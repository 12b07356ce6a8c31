import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const vigie = (args: string[], input?: string) =>
  spawnSync('node', ['bin/vigie.mjs', ...args], { input, encoding: 'utf8', timeout: 30_000 });

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
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ number: '+33891234567', level: 'danger' });
    expect(lines[1]).toMatchObject({ input: 'bonjour', error: { code: 'not_a_phone_number' } });
    expect(typeof lines[1].error.message).toBe('string');
    expect(lines[2]).toMatchObject({ number: '112', level: 'trusted' });
    expect(lines[3].error.code).toBe('too_long');
    expect(lines[4].error.code).toBe('invalid_characters');
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

  it('prints a readable verdict without --json', () => {
    const r = vigie(['lookup', '118 712']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('118712');
    expect(r.stdout).toContain('Danger');
  });
});
