/**
 * Issue 13 §1: the share of Saracroche's last committed pattern list (test/fixtures/saracroche/) that Vigie flags
 * at `caution` or higher, and why each pattern it does not flag is not flagged, checked against ARCEP's MAJNUM
 * (test/fixtures/arcep/MAJNUM.csv.gz, April 2026), not against Vigie's own table.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classify } from '../../shared/classify/classify.ts';
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import callCentreJson from '../../shared/operators/call-centre-operators.json' with { type: 'json' };

interface SaracrochePattern {
  operator_name: string;
  pattern: string;
  start: string;
  end: string;
}

const patterns = JSON.parse(
  readFileSync(new URL('../fixtures/saracroche/blocked-patterns.json', import.meta.url), 'utf8'),
) as SaracrochePattern[];

/** MAJNUM rows as [start, end, holder] in national form. */
const majnum = gunzipSync(readFileSync(new URL('../fixtures/arcep/MAJNUM.csv.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [, start = '', end = '', holder = ''] = line.split(';');
    return { start, end, holder };
  });

const callCentreCodes = new Set(callCentreJson.operators.map((o) => o.code));
const FLAGGED = new Set(['caution', 'spam', 'danger']);

/** Saracroche writes E.164 digits without `+` (`33162000000`); a bare 4-digit pattern is a French short code. */
const dialled = (digits: string) => (digits.startsWith('33') ? `+${digits}` : digits);
const national = (digits: string) => (digits.startsWith('33') ? `0${digits.slice(2)}` : digits);

function flagged(digits: string): boolean {
  const result = classify(dialled(digits), { operators: ARCEP_OPERATORS });
  return result.ok && FLAGGED.has(result.verdict.level);
}

describe('Saracroche comparison', () => {
  const missed = patterns.filter((p) => !(flagged(p.start) && flagged(p.end)));

  it('flags at least 798 of its 804 patterns at caution or higher (99.3 %)', () => {
    expect(patterns).toHaveLength(804);
    expect(patterns.length - missed.length).toBeGreaterThanOrEqual(798);
  });

  it('misses only the blocks that the April 2026 MAJNUM gives to an operator Vigie has no source for', () => {
    const why = missed.map((p) => {
      const first = national(p.start);
      const row = majnum.find((r) => r.start.length === first.length && r.start <= first && first <= r.end);
      if (!row) return `${p.pattern}: absent from MAJNUM`;
      expect(callCentreCodes.has(row.holder)).toBe(false);
      return `${p.pattern} (${p.operator_name}): held by ${row.holder}`;
    });
    // Read by hand in MAJNUM: Saracroche gives these six blocks to Comunik CRM (COCR), which holds none in April
    // 2026; ARCEP allocated them (and six more) to GMBZ on 23/12/2025. No source names GMBZ a call-centre operator.
    expect(why.sort()).toEqual([
      '3318949#### (Comunik CRM): held by GMBZ',
      '3325849#### (Comunik CRM): held by GMBZ',
      '3337584#### (Comunik CRM): held by GMBZ',
      '3345129#### (Comunik CRM): held by GMBZ',
      '3353690#### (Comunik CRM): held by GMBZ',
      '3397342#### (Comunik CRM): held by GMBZ',
    ]);
  });
});
