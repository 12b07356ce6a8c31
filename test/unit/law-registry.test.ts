import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDiaryCsv } from '../../shared/diary/diary-csv.ts';
import { checkCalls } from '../../shared/law/engine.ts';
import { DEFAULT_POLICY } from '../../shared/law/policies.ts';
import { RULES } from '../../shared/law/rules/index.ts';

const root = new URL('../../', import.meta.url);
const docs = readFileSync(new URL('docs/law.md', root), 'utf8');
const expected = JSON.parse(readFileSync(new URL('test/fixtures/diary/rules/expected.json', root), 'utf8')) as Record<
  string,
  number[]
>;

const CONTRACT_IDS = [
  'outside-hours',
  'weekend',
  'public-holiday',
  'over-4-in-30-days',
  'within-60-days-of-refusal',
  'no-prior-consent',
  'masked-number',
  'forbidden-caller-id',
  'mobile-caller-id',
  'automated-not-regulated-prefix',
];

describe('rule registry', () => {
  it('holds every rule id of the CLI contract, once, and charters are charter-…', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of CONTRACT_IDS) expect(ids).toContain(id);
    for (const r of RULES) expect(r.kind === 'charter').toBe(r.id.startsWith('charter-'));
  });

  it('runs every registered rule in the default policy', () => {
    expect([...DEFAULT_POLICY.rules].sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('has a title in both languages and a source', () => {
      expect(rule.title.fr).toMatch(/\S/);
      expect(rule.title.en).toMatch(/\S/);
      expect(rule.source).toMatch(/\S/);
      if (rule.validFrom) expect(rule.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('is documented in docs/law.md', () => {
      expect(docs).toContain(`### \`${id}\``);
    });

    it('fires exactly where its fixture says', () => {
      const csv = readFileSync(new URL(`test/fixtures/diary/rules/${id}.csv`, root), 'utf8');
      const parsed = parseDiaryCsv(csv, { timeZone: 'Europe/Paris' });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const rows = checkCalls(parsed.calls)
        .filter((f) => f.rule === id)
        .map((f) => f.row);
      expect(rows).toEqual(expected[id]);
    });
  });
});
