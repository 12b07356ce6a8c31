/**
 * Issue 13 §3: every block of ARCEP's MAJNUM (test/fixtures/arcep/MAJNUM.csv.gz, April 2026), typed in national form
 * with region FR, resolves to its territory's calling code and region, and the ARCEP table names its holder.
 * The expectations are MAJNUM's own columns and the hand-written table below (ITU-T E.164 calling codes, ISO 3166).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../shared/number/normalize.ts';
import committed from '../../shared/number/overseas-prefixes.json' with { type: 'json' };
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import { compileOverseasPrefixes, deriveOverseasPrefixes } from '../../shared/operators/derive-overseas.ts';

/** MAJNUM territory → calling code and the regions libphonenumber may file its numbers under. */
const TERRITORY: Record<string, { code: string; regions: string[] }> = {
  Métropole: { code: '33', regions: ['FR'] },
  // Non-geographic numbers (08…) and short numbers; the short ones are checked apart.
  National: { code: '33', regions: ['FR'] },
  // Saint-Martin (MF) and Saint-Barthélemy (BL) share +590 with Guadeloupe.
  'Guadeloupe, St Martin et St Barthélemy': { code: '590', regions: ['GP', 'MF', 'BL'] },
  Guyane: { code: '594', regions: ['GF'] },
  Martinique: { code: '596', regions: ['MQ'] },
  'La Réunion': { code: '262', regions: ['RE'] },
  'La Réunion - Océan indien': { code: '262', regions: ['RE', 'YT'] },
  Mayotte: { code: '262', regions: ['YT'] },
  'Saint Pierre et Miquelon': { code: '508', regions: ['PM'] },
};

/** E.164 of a national-form number: the trunk 0 gives way to the code; SPM's 05 08 XX XX XX is +508 XX XX XX. */
function expectedE164(national: string, code: string): string {
  if (code === '508' && national.startsWith('0508')) return `+508${national.slice(4)}`;
  return `+${code}${national.slice(1)}`;
}

const rows = gunzipSync(readFileSync(new URL('../fixtures/arcep/MAJNUM.csv.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [ezabpqm = '', start = '', end = '', holder = '', territory = ''] = line.split(';');
    return { ezabpqm, start, end, holder, territory: territory.replace(/^"|"$/g, '') };
  });

function check(national: string, row: (typeof rows)[number]): string | null {
  const result = normalize(national, 'FR');
  if (!result.ok) return `${national}: ${result.error.code}`;
  const n = result.value;
  const holder = ARCEP_OPERATORS.find(n)?.code;
  if (row.territory === 'National' && !national.startsWith('0')) {
    return n.isShort && holder === row.holder ? null : `${national}: short ${n.isShort}, holder ${holder}`;
  }
  const place = TERRITORY[row.territory];
  if (!place) return `${national}: territory ${row.territory} not in this test`;
  const want = expectedE164(national, place.code);
  if (n.number !== want) return `${national}: ${n.number}, expected ${want}`;
  if (n.callingCode !== place.code) return `${national}: code ${n.callingCode}`;
  if (!place.regions.includes(n.country ?? '')) return `${national}: region ${n.country}, expected ${place.regions}`;
  if (holder !== row.holder) return `${national}: holder ${holder}, expected ${row.holder}`;
  return null;
}

describe('every MAJNUM block resolves to its territory', () => {
  it('reads the whole file (19,991 blocks)', () => {
    expect(rows).toHaveLength(19_991);
  });

  it('first and last number of every block: calling code, region, holder', () => {
    const wrong = rows.flatMap((row) => [check(row.start, row), check(row.end, row)].filter((e) => e !== null));
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('machine-to-machine numbers (13 and 14 digits) have their own type and their block holder', () => {
    // MAJNUM: 07005001;0700500100000;0700500199999;OUTR;"Guadeloupe, St Martin et St Barthélemy"
    const overseas = normalize('07 00 50 01 00 00 0', 'FR');
    expect(overseas.ok && overseas.value).toMatchObject({
      number: '+590700500100000',
      type: 'machine_to_machine',
      country: 'GP',
    });
    // MAJNUM: 09016000;0901600000000;0901600099999;DAUF;Guyane (allocated 12/01/2026)
    const guyane = normalize('09 01 60 00 12 34 5', 'FR');
    expect(guyane.ok && guyane.value).toMatchObject({
      number: '+594901600012345',
      type: 'machine_to_machine',
      country: 'GF',
    });
    if (guyane.ok) expect(ARCEP_OPERATORS.find(guyane.value)?.code).toBe('DAUF');
    // 13 digits in a 090… block no territory holds: no M2M number, too long as before.
    const stray = normalize('09 01 20 00 12 34 5', 'FR');
    expect(!stray.ok && stray.error.code).toBe('too_long');
    const metro = rows.find((r) => r.start.length === 14);
    expect(metro).toBeDefined();
    const m = normalize(metro!.start, 'FR');
    expect(m.ok && m.value).toMatchObject({ type: 'machine_to_machine', callingCode: '33', country: 'FR' });
    if (m.ok) expect(ARCEP_OPERATORS.find(m.value)?.code).toBe(metro!.holder);
    // Written internationally too.
    const intl = normalize(`+33${metro!.start.slice(1)}`, 'FR');
    expect(intl.ok && intl.value.number).toBe(`+33${metro!.start.slice(1)}`);
  });

  it('the cases people type', () => {
    const cases: [string, string, string][] = [
      ['0976 61 23 45', '+596976612345', 'MQ'], // 097661 FRTE Martinique
      ['0939 80 01 23', '+262939800123', 'YT'], // 0939800 BSGE Mayotte
      ['0508 41 12 34', '+508411234', 'PM'], // 050841 SPMT Saint Pierre et Miquelon
      ['0708 56 12 34', '+508708561234', 'PM'], // 070856 SPMT Saint Pierre et Miquelon
      ['0709 01 23 45', '+590709012345', 'GP'], // 070901 OUTR Guadeloupe
      ['0639 01 23 45', '+262639012345', 'YT'], // Mayotte mobiles
      ['0947 60 01 23', '+594947600123', 'GF'], // 0947600 DIAB Guyane
      ['0939 01 23 45', '+33939012345', 'FR'], // 09390… Métropole
    ];
    for (const [typed, e164, region] of cases) {
      const r = normalize(typed, 'FR');
      expect(r.ok && { number: r.value.number, country: r.value.country }).toEqual({ number: e164, country: region });
    }
  });
});

describe('overseas prefixes derived from MAJNUM (shared/operators/derive-overseas.ts)', () => {
  it('keeps the shortest prefix, never shorter than 0ZAB, under which one territory holds every block', () => {
    const blocks = [
      { prefix: '0590', territory: 'Guadeloupe, St Martin et St Barthélemy' },
      { prefix: '09390', territory: 'Métropole' },
      { prefix: '0939500', territory: 'Guadeloupe, St Martin et St Barthélemy' },
      { prefix: '0939501', territory: 'Guadeloupe, St Martin et St Barthélemy' },
      { prefix: '0939800', territory: 'Mayotte' },
      { prefix: '0939900', territory: 'La Réunion - Océan indien' },
      { prefix: '050841', territory: 'Saint Pierre et Miquelon' },
      { prefix: '3646', territory: 'National' },
    ];
    expect(deriveOverseasPrefixes(blocks)).toEqual([
      ['0508', '508', 'PM'],
      ['0590', '590', 'GP'],
      ['09395', '590', 'GP'],
      ['09398', '262', 'YT'],
      ['09399', '262', 'RE'],
    ]);
  });

  it('stops on a territory it does not know', () => {
    expect(() => deriveOverseasPrefixes([{ prefix: '0687', territory: 'Nouvelle-Calédonie' }])).toThrow(
      /territoire inconnu/,
    );
  });

  it('the committed overseas-prefixes.json is the one this MAJNUM gives (npm run operators:compile)', () => {
    const gz = gunzipSync(readFileSync(new URL('../fixtures/arcep/MAJNUM.csv.gz', import.meta.url)));
    expect(compileOverseasPrefixes(gz).prefixes).toEqual(committed.prefixes);
    expect(committed.prefixes).toContainEqual(['09760', '590', 'GP']);
  });
});
