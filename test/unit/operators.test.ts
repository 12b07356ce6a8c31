import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../shared/number/normalize.ts';
import { ARCEP_OPERATORS } from '../../shared/operators/arcep-operators.ts';
import { ArcepFormatError, compileArcep } from '../../shared/operators/compile-arcep.ts';
import { OperatorLookup } from '../../shared/operators/operator-lookup.ts';

const MAJNUM = `EZABPQM;Tranche_Debut;Tranche_Fin;Mnémo;Territoire;Date_Attribution
0162;0162000000;0162999999;LGC;Métropole;01/09/2022
01630;0163000000;0163099999;OXIL;Métropole;01/09/2022
01631;0163100000;0163199999;OXIL;Métropole;01/09/2022
0690;0690000000;0690999999;DIGI;"Guadeloupe, St Martin et St Barthélemy";12/06/2025
3646;3646;3646;ODIG;National;01/01/2019
`;
const OPERATORS = `IDENTITE_OPERATEUR;CODE_OPERATEUR;SIRET_ACTEUR
"Manifone";LGC;"1"
"Oxilog France";OXIL;"2"
"Digicel Antilles Françaises Guyane";DIGI;"3"
Odigo;ODIG;"4"
`;

function find(table: OperatorLookup, input: string) {
  const n = normalize(input);
  if (!n.ok) throw new Error(input);
  return table.find(n.value);
}

describe('ARCEP operator table', () => {
  it('compiles, merges adjacent blocks and finds holders', () => {
    const table = compileArcep(new TextEncoder().encode(MAJNUM), new TextEncoder().encode(OPERATORS));
    expect(table.dataDate).toBe('2025-06-12');
    expect(table.ranges['10']?.length).toBe(3 * 4);
    const lookup = new OperatorLookup(table);
    expect(find(lookup, '01 62 12 34 56')).toMatchObject({ code: 'LGC', name: 'Manifone', block: '0162' });
    expect(find(lookup, '01 63 15 00 00')).toMatchObject({ code: 'OXIL', block: '0163000000–0163199999' });
    expect(find(lookup, '0690 12 34 56')).toMatchObject({
      code: 'DIGI',
      territory: 'Guadeloupe, St Martin et St Barthélemy',
    });
    expect(find(lookup, '3646')).toMatchObject({ name: 'Odigo' });
    expect(find(lookup, '01 64 00 00 00')).toBeNull();
    expect(find(lookup, '+44 20 7946 0958')).toBeNull();
  });

  it("accepts ARCEP's original ISO-8859-1 files and gives the same table", () => {
    const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
    const utf8 = compileArcep(new TextEncoder().encode(MAJNUM), new TextEncoder().encode(OPERATORS));
    const iso = compileArcep(latin1(MAJNUM), latin1(OPERATORS));
    expect(iso).toEqual(utf8);
    expect(iso.operators).toContainEqual(['DIGI', 'Digicel Antilles Françaises Guyane']);
  });

  it('refuses a file that is not MAJNUM, naming what it expected', () => {
    expect(() => compileArcep(new TextEncoder().encode('a;b;c\n1;2;3\n'), new TextEncoder().encode(OPERATORS))).toThrow(
      ArcepFormatError,
    );
  });

  it('the committed table knows the real April 2026 allocations', () => {
    expect(find(ARCEP_OPERATORS, '3646')?.name).toBe('Odigo');
    expect(find(ARCEP_OPERATORS, '0612345678')?.code).toBeTruthy();
    expect(ARCEP_OPERATORS.dataDate).toBe('2026-04-17');
  });

  it('`vigie operators import` refreshes the table from Latin-1 downloads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-arcep-'));
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    writeFileSync(join(dir, 'MAJNUM.csv'), latin1(MAJNUM));
    writeFileSync(join(dir, 'ops.csv'), latin1(OPERATORS));
    const out = join(dir, 'table.json');
    execFileSync('node', [
      'bin/vigie.mjs',
      'operators',
      'import',
      join(dir, 'MAJNUM.csv'),
      join(dir, 'ops.csv'),
      '-o',
      out,
    ]);
    const table = JSON.parse(readFileSync(out, 'utf8'));
    expect(table.operators).toContainEqual(['DIGI', 'Digicel Antilles Françaises Guyane']);
    // The overseas prefixes go beside the table (shared/number/overseas-prefixes.json without -o).
    const overseas = JSON.parse(readFileSync(join(dir, 'overseas-prefixes.json'), 'utf8'));
    expect(overseas.prefixes).toEqual([['0690', '590', 'GP']]);
  });
});
