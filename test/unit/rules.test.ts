import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../shared/classify/classify.ts';
import { NPV_METROPOLITAN, NPV_OVERSEAS } from '../../shared/rules/npv-prefix.ts';
import { PROTECTED_SHORT_CODES } from '../../shared/rules/protected.ts';
import { NUMBER_RULES } from '../../shared/rules/registry.ts';

function verdict(input: string) {
  const r = classify(input);
  if (!r.ok) throw new Error(`${input}: ${r.error.code}`);
  return r.verdict;
}
const ruleIds = (input: string) => verdict(input).reasons.map((r) => r.id);

describe('regulated automated-call prefixes (ARCEP 2022-1583)', () => {
  it.each(NPV_METROPOLITAN)('0%s… is spam / robocall, explained', (prefix) => {
    const v = verdict(`0${prefix}123456`);
    expect(v.level).toBe('spam');
    expect(v.category).toBe('robocall');
    const reason = v.reasons.find((r) => r.id === 'rule:npv-prefix');
    expect(reason?.text).toContain('réservé aux appels automatisés');
    expect(reason?.source).toContain('2022-1583');
  });

  it.each(
    NPV_OVERSEAS.flatMap((p) => [`+33${p}12345`, `+590${p}12345`, `+594${p}12345`, `+596${p}12345`, `+262${p}12345`]),
  )('%s (overseas block, every French-plan code) is spam', (number) => {
    expect(verdict(number).level).toBe('spam');
  });

  it('does not match neighbouring blocks or other countries', () => {
    expect(ruleIds('0161123456')).not.toContain('rule:npv-prefix');
    expect(ruleIds('0164123456')).not.toContain('rule:npv-prefix');
    expect(ruleIds('0947412345')).not.toContain('rule:npv-prefix');
    expect(ruleIds('+44 162 123 4567')).not.toContain('rule:npv-prefix');
  });

  it('0937–0939 technical-platform numbers are not telemarketing', () => {
    for (const p of ['0937', '0938', '0939']) {
      const v = verdict(`${p}123456`);
      expect(v.level).toBe('unknown');
      expect(v.reasons.map((r) => r.id)).toContain('rule:platform-093x');
    }
  });
});

describe('forbidden premium caller IDs (arrêté du 5 juillet 2016)', () => {
  it.each(['0890123456', '0891234567', '0892123456', '0899123456'])('%s is danger / premium_callback', (n) => {
    const v = verdict(n);
    expect(v.level).toBe('danger');
    expect(v.category).toBe('premium_callback');
  });
  it.each(['118712', '118218', '118000'])('118XYZ %s is danger', (n) => {
    expect(verdict(n).level).toBe('danger');
  });
  it.each(['3200', '3615', '3899', '3999'])('3BPQ %s (not 30PQ/31PQ) is danger', (n) => {
    expect(verdict(n)).toMatchObject({ level: 'danger', category: 'premium_callback' });
  });
  it.each(['3000', '3099', '3100', '3179'])('30PQ/31PQ %s is allowed (not flagged)', (n) => {
    expect(verdict(n).level).toBe('unknown');
  });
  it('081/082 surcharged numbers call for caution', () => {
    expect(verdict('0820123456').level).toBe('caution');
  });
});

describe('protected public-service numbers', () => {
  it.each(Object.keys(PROTECTED_SHORT_CODES))('%s is trusted and never flagged', (code) => {
    const v = verdict(code);
    expect(v.level).toBe('trusted');
    expect(v.reasons[0]?.id).toBe('protected:public-service');
    expect(v.reasons.some((r) => r.id.startsWith('rule:premium'))).toBe(false);
  });
});

describe('rule registry', () => {
  it('every rule has an id, a source and FR/EN text, and is documented in docs/rules.md', () => {
    const doc = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    const ids = new Set<string>();
    for (const rule of NUMBER_RULES) {
      expect(rule.id).toMatch(/^rule:[a-z0-9-]+$/);
      expect(ids.has(rule.id)).toBe(false);
      ids.add(rule.id);
      expect(rule.source.length).toBeGreaterThan(10);
      expect(rule.text.fr.length).toBeGreaterThan(10);
      expect(rule.text.en.length).toBeGreaterThan(10);
      expect(doc).toContain(`\`${rule.id}\``);
    }
  });
});
