import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../shared/classify/classify.ts';
import { NPV_METROPOLITAN, NPV_OVERSEAS } from '../../shared/rules/npv-prefix.ts';
import { isProtectedNumber } from '../../shared/rules/protected.ts';
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
  // Written out by hand, not read from the product's table: DESIGN.md §2 (15, 17, 18, 112, 114, 115, 119, 191, 196,
  // 197, 3919), the protected row of docs/rules.md (3114, 3977, 3020, 3018, 3939, 3646, 3949, 3960, 3230) and
  // service-public.fr F33954 « Numéros d'urgence ». The 116XYZ range: Commission Decision 2007/116/EC.
  const EXPECTED_PROTECTED = [
    '15',
    '17',
    '18',
    '112',
    '114',
    '115',
    '119',
    '191',
    '196',
    '197',
    '3919',
    '3114',
    '3977',
    '3020',
    '3018',
    '3939',
    '3646',
    '3949',
    '3960',
    '3230',
    '116000',
    '116006',
    '116111',
    '116117',
    '116123',
  ];
  const EU_RANGE = Array.from({ length: 1000 }, (_, i) => `116${String(i).padStart(3, '0')}`);

  it.each(EXPECTED_PROTECTED)('%s is trusted and never flagged', (code) => {
    const v = verdict(code);
    expect(v.level).toBe('trusted');
    expect(v.reasons[0]?.id).toBe('protected:public-service');
    expect(v.reasons.some((r) => r.id.startsWith('rule:premium'))).toBe(false);
  });

  it('protects every number of the 116XYZ range, 116000 to 116999, not only the five named ones', () => {
    const notProtected = EU_RANGE.filter((code) => !isProtectedNumber(code) || verdict(code).level !== 'trusted');
    expect(notProtected).toEqual([]);
    expect(verdict('116999').reasons[0]?.text).toContain('116XYZ');
  });

  it('protects nothing else: a surcharged 3BPQ, directory enquiries and numbers near the protected ones', () => {
    for (const code of ['3200', '3615', '118712', '3001', '1016', '+33116000000', '+33115000000']) {
      expect(isProtectedNumber(code), code).toBe(false);
    }
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
