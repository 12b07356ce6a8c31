/**
 * Issue 13 §1: blocks held by call-centre operators. Expected values come from ARCEP's MAJNUM (April 2026,
 * test/fixtures/arcep/MAJNUM.csv.gz; the row is quoted beside each case) and from the legitimate-numbers fixture
 * (test/fixtures/legit/, each number with the page that publishes it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../../shared/classify/classify.ts';
import { blockAround } from '../../shared/classify/operator-reason.ts';
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import table from '../../shared/operators/arcep-table.json' with { type: 'json' };
import callCentreJson from '../../shared/operators/call-centre-operators.json' with { type: 'json' };
import {
  ArcepFormatError,
  type CallCentreOperators,
  checkCallCentreOperators,
  compileArcep,
} from '../../shared/operators/compile-arcep.ts';

const callCentre = callCentreJson as CallCentreOperators;
const bytes = (s: string) => new TextEncoder().encode(s);

const MAJNUM = `EZABPQM;Tranche_Debut;Tranche_Fin;Mnémo;Territoire;Date_Attribution
0189720;0189720000;0189720999;AIRC;Métropole;19/04/2022
0612;0612000000;0612999999;FRTE;Métropole;01/01/2017
`;
const OPERATORS = `IDENTITE_OPERATEUR;CODE_OPERATEUR
Aircall;AIRC
Orange;FRTE
Iagility;IAGI
`;
const SOURCES = { peer: { title: 'a peer list', url: 'https://example.org/list', published: '2026-01-08' } };

describe('call-centre operators table (shared/operators/call-centre-operators.json)', () => {
  it('lists 41 codes, each with a known source and a checked date, and no consumer operator', () => {
    expect(callCentre.operators).toHaveLength(41);
    expect(() => checkCallCentreOperators(callCentre)).not.toThrow();
    // Orange, SFR, Bouygues Telecom, Free: ARCEP codes from identifiants_CE.csv.
    for (const code of ['FRTE', 'SFR0', 'BOUY', 'FREE', 'FRMO']) {
      expect(callCentre.consumerOperators.codes.map((c) => c.code)).toContain(code);
      expect(callCentre.operators.map((o) => o.code)).not.toContain(code);
    }
  });

  it('is compiled into the committed ARCEP table (run `npm run operators:compile` after editing it)', () => {
    // Every listed code but COCR (Comunik CRM), which holds no block in the April 2026 MAJNUM: the six blocks
    // Saracroche gives it were allocated to GMBZ on 23/12/2025 (test/fixtures/arcep/MAJNUM.csv.gz).
    const holding = callCentre.operators.map((o) => o.code).filter((code) => code !== 'COCR');
    expect(table.callCentre).toEqual(holding.sort());
  });

  it('compiles only the codes that hold blocks, and refuses a consumer operator or an unsourced entry', () => {
    const compiled = compileArcep(bytes(MAJNUM), bytes(OPERATORS), {
      sources: SOURCES,
      consumerOperators: { codes: [{ code: 'FRTE', name: 'Orange' }] },
      operators: [
        { code: 'AIRC', name: 'Aircall', source: 'peer', checked: '2026-12-01' },
        { code: 'IAGI', name: 'Iagility', source: 'peer', checked: '2026-12-01' },
      ],
    });
    expect(compiled.callCentre).toEqual(['AIRC']);
    const consumer = {
      sources: SOURCES,
      consumerOperators: { codes: [{ code: 'FRTE', name: 'Orange' }] },
      operators: [{ code: 'FRTE', name: 'Orange', source: 'peer', checked: '2026-12-01' }],
    };
    expect(() => compileArcep(bytes(MAJNUM), bytes(OPERATORS), consumer)).toThrow(ArcepFormatError);
    const unsourced = {
      ...consumer,
      consumerOperators: { codes: [] },
      operators: [{ ...consumer.operators[0]!, source: 'x' }],
    };
    expect(() => compileArcep(bytes(MAJNUM), bytes(OPERATORS), unsourced)).toThrow(/source/);
    const undated = { ...unsourced, operators: [{ ...unsourced.operators[0]!, source: 'peer', checked: '1/12/2026' }] };
    expect(() => compileArcep(bytes(MAJNUM), bytes(OPERATORS), undated)).toThrow(/AAAA-MM-JJ/);
  });
});

describe('call-centre verdict', () => {
  it('gives caution/telemarketing with a reason naming the holder and the block', () => {
    // MAJNUM: 0189720;0189720000;0189720999;AIRC;Métropole;19/04/2022 (merged with 0189710000–0189721999).
    const result = classify('01 89 72 05 00', { operators: ARCEP_OPERATORS });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.verdict).toMatchObject({ level: 'caution', category: 'telemarketing' });
    expect(result.verdict.operator).toMatchObject({ code: 'AIRC', name: 'Aircall' });
    expect(result.verdict.reasons.map((r) => r.id)).toEqual(['operator:call-centre']);
    expect(result.verdict.reasons[0]!.text).toBe(
      'Tranche 01 89 72 0 attribuée à Aircall, opérateur de téléphonie pour centres d’appels : ces numéros servent surtout à la prospection.',
    );
    expect(result.verdict.reasons[0]!.textEn).toContain('Aircall, a telephony operator for call centres');
  });

  it('reads as spam in strict mode, never higher', () => {
    // MAJNUM: 097601;0976010000;0976019999;SEWA… is not a call-centre block; 0939510 (DIAB, Guadeloupe) is.
    const strict = classify('09 39 51 01 23', { operators: ARCEP_OPERATORS, strictCallCentres: true });
    if (!strict.ok) throw new Error(strict.error.message);
    expect(strict.verdict).toMatchObject({ level: 'spam', category: 'telemarketing' });
    expect(strict.verdict.operator?.code).toBe('DIAB');
  });

  it('does not flag a block of a consumer operator', () => {
    // MAJNUM: 0612…: SFR0 (Société française du radiotéléphone).
    const result = classify('06 12 34 56 78', { operators: ARCEP_OPERATORS, strictCallCentres: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.verdict.level).toBe('unknown');
    expect(result.verdict.reasons.map((r) => r.id)).toEqual(['operator:block-holder']);
  });

  it('names a holder missing from the operators file by its ARCEP code, as a code', () => {
    // MAJNUM: 018949;0189490000;0189499999;GMBZ;Métropole;23/12/2025. GMBZ is not in the June 2025 identifiants_CE.
    const result = classify('01 89 49 01 23', { operators: ARCEP_OPERATORS });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.verdict.level).toBe('unknown');
    expect(result.verdict.reasons[0]?.text).toBe(
      'Tranche 018949 attribuée à l’opérateur de code ARCEP GMBZ (Métropole) ; le numéro a pu être porté depuis.',
    );
    expect(result.verdict.reasons[0]?.textEn).toBe(
      'Block 018949 allocated to the operator with ARCEP code GMBZ (Métropole); the number may have been ported since.',
    );
  });

  it('describes the widest whole block around the number inside the holder’s range', () => {
    expect(blockAround('0189720500', '0189710000–0189721999')).toBe('01 89 72 0');
    expect(blockAround('0162123456', '0162')).toBe('01 62');
    expect(blockAround('0939120000', '0939120000–0939129999')).toBe('09 39 12');
  });
});

describe('known legitimate numbers (test/fixtures/legit/legit-numbers.json)', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/legit/legit-numbers.json', import.meta.url), 'utf8'),
  ) as {
    numbers: { number: string; who: string; source: string }[];
  };

  it('has at least 30 numbers, each with its public source', () => {
    expect(fixture.numbers.length).toBeGreaterThanOrEqual(30);
    for (const entry of fixture.numbers) expect(entry.source.length).toBeGreaterThan(10);
  });

  it('none goes above unknown, even in strict mode', () => {
    const flagged = fixture.numbers.filter(({ number }) => {
      const result = classify(number, { operators: ARCEP_OPERATORS, strictCallCentres: true });
      if (!result.ok) return true;
      return !['unknown', 'trusted'].includes(result.verdict.level);
    });
    expect(flagged).toEqual([]);
  });
});
