/**
 * Issue 13 §1: the share of Saracroche's last committed pattern list (test/fixtures/saracroche/) that Vigie flags
 * at `caution` or higher, and why each pattern it does not flag is not flagged, checked against ARCEP's MAJNUM
 * (test/fixtures/arcep/MAJNUM.csv.gz), not against Vigie's own table.
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

  it('flags at least 750 of its 804 patterns at caution or higher (93.3 %)', () => {
    expect(patterns).toHaveLength(804);
    expect(patterns.length - missed.length).toBeGreaterThanOrEqual(750);
  });

  it('misses only blocks that the June 2025 MAJNUM does not give to a call-centre operator', () => {
    const why = missed.map((p) => {
      const first = national(p.start);
      const row = majnum.find((r) => r.start.length === first.length && r.start <= first && first <= r.end);
      if (!row) return 'absent from MAJNUM';
      expect(callCentreCodes.has(row.holder)).toBe(false);
      return `held by ${row.holder}`;
    });
    const counts = Object.fromEntries([...new Set(why)].map((w) => [w, why.filter((x) => x === w).length]));
    // Counted by hand from MAJNUM: Twilio's 0175954, 0219071, 0411347 and 0516881 blocks are held by LEGO there;
    // 50 patterns (Kav El, Twilio, Onoff…) name blocks allocated after June 2025.
    expect(counts).toEqual({ 'absent from MAJNUM': 50, 'held by LEGO': 4 });
  });

  it('names, for each block absent from MAJNUM, an operator Vigie lists: a newer MAJNUM import covers all 50', () => {
    const listedNames = new Set(callCentreJson.operators.map((o) => o.name));
    const absent = missed.filter((p) => {
      const first = national(p.start);
      return !majnum.some((r) => r.start.length === first.length && r.start <= first && first <= r.end);
    });
    expect(absent).toHaveLength(50);
    expect(absent.filter((p) => !listedNames.has(p.operator_name)).map((p) => p.pattern)).toEqual([]);
  });
});
