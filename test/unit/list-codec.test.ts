import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/hash.ts';
import { buildPayloadTable, payloadKey, QUANTISATION_LEVELS } from '../../shared/list/payload-table.ts';
import {
  ListFormatError,
  ListFormatVersionError,
  MATCH_DIGITS_SHIFT,
  MATCH_PAYLOAD_MASK,
  NO_MATCH,
  openList,
  verifyList,
} from '../../shared/list/reader.ts';
import type { ListEntry, ListPayload } from '../../shared/list/types.ts';
import { encodeSortedList, writeList } from '../../shared/list/writer.ts';
import { GOLDEN_ENTRIES, GOLDEN_VERSION } from '../fixtures/list/golden-entries.ts';
import { randomFrenchNumber, seededRandom, syntheticList } from '../fixtures/list/synthetic-list.ts';
import { entryArb, NaiveList, rangePatternArb } from './list-model.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/list/${name}`, import.meta.url));

describe('list codec: golden file', () => {
  const golden = new Uint8Array(readFileSync(fixture('golden-v2.vgl')));

  it('writes the committed bytes exactly (format changes must be deliberate)', async () => {
    const bytes = writeList(GOLDEN_ENTRIES, { version: GOLDEN_VERSION });
    expect(Buffer.from(bytes).equals(Buffer.from(golden))).toBe(true);
    expect(await sha256Hex(bytes)).toBe(readFileSync(fixture('golden-v2.sha256'), 'utf8').trim());
  });

  it('reads the committed bytes', async () => {
    const list = openList(golden);
    expect([list.version, list.exactCount, list.rangeCount, list.payloadCount]).toEqual([42, 4, 2, 5]);
    expect(await verifyList(golden)).toBe(true);
    expect(list.match('+33612345679')).toEqual({
      kind: 'exact',
      pattern: '+33612345679',
      category: 'scam',
      score: 230,
      reports: 214,
      lastReportDay: 20_400,
    });
    expect(list.match('+33162123456')).toMatchObject({ kind: 'range', pattern: '+331621234*', category: 'survey' });
    expect(list.match('+33162999999')).toMatchObject({ kind: 'range', pattern: '+33162*', category: 'robocall' });
    expect(list.match('+33612345670')).toBeNull();
    expect([...list.entries()].map((e) => e.pattern)).toEqual([
      '+14155550100',
      '+33612345678',
      '+33612345679',
      '+33756000001',
      '+331621234*',
      '+33162*',
    ]);
  });
});

describe('list codec: a tiny list computed by hand (format 2)', () => {
  // +33612345678 and +33612345679, one payload (scam, score 230, 214 reports, day 20400), version 7.
  // Layout: the two values differ only in bit 0, so 1 distinct bucket at any L ≥ 0 and L = 4 (the minimum:
  // 1 ≤ n / 2); B = 5 (segment keys + directory = 1 · (8 + 2^5 / 4) = 16 bytes, the smallest).
  // Segment key = ⌊33612345678 / 2^9⌋ = 65649112, rest = 334 → bucket 334 >> 4 = 20, low 334 & 15 = 14;
  // the second number: bucket 20, low 15. One line from bucket 20: offsets 14 and 15, width 4 bits, payload
  // index 0 bits (one payload), so records are 4 bits: byte 4 of the line = 14 | 15 << 4 = 0xfe.
  // Line header = 20 | 4 << 16 | 2 << 21 = 0x00440014. Directory: rank 0, bit 20 set (0x00100000).
  // Sections: header 80 B, payload table at 80 (8 B), segment keys at 88 (8 B), directory at 96 (8 B), no
  // ranges (104, 104), lines at 128 (next multiple of 64), range payloads and checksum at 192; 224 bytes.
  const expectedBody =
    '5647434c' + // VGCL
    '0200' + // format 2
    '5000' + // header 80 bytes
    '07000000' + // version 7
    '02000000' + // 2 numbers
    '00000000' + // 0 ranges
    '0100' + // 1 payload
    '04' + // L = 4
    '05' + // B = 5
    '01000000' + // 1 segment
    '01000000' + // 1 line
    '00' + // payload bits 0
    '00' + // 0 range groups
    '000000000000' + // reserved
    '50000000' + // payload table at 80
    '58000000' + // segment keys at 88
    '60000000' + // directory at 96
    '68000000' + // range values at 104
    '68000000' + // range groups at 104
    '80000000' + // lines at 128
    'c0000000' + // range payloads at 192
    'c0000000' + // checksum at 192
    '0000000000000000' + // reserved
    '02e6b04fd6000000' + // payload: category 2 (scam), score 230, day 20400 (0x4fb0), 214 reports
    '000000c0ce4d8f41' + // 65649112 as a little-endian float64
    '0000000000001000' + // directory: rank 0, bits 0x00100000
    '00'.repeat(24) + // padding to 128
    '14004400' + // line header
    'fe' + // the two 4-bit records
    '00'.repeat(59); // rest of the line

  it('writes exactly the bytes computed by hand, and reads them back', async () => {
    const payload = { category: 'scam' as const, score: 230, reports: 214, lastReportDay: 20_400 };
    const bytes = writeList(
      [
        { pattern: '+33612345679', payload },
        { pattern: '+33612345678', payload },
      ],
      { version: 7 },
    );
    expect(bytes.length).toBe(224);
    expect(Buffer.from(bytes.subarray(0, 192)).toString('hex')).toBe(expectedBody);
    // The embedded checksum: SHA-256 of the 192 bytes above (computed outside, Python's hashlib).
    expect(Buffer.from(bytes.subarray(192)).toString('hex')).toBe(
      'b970d3c069994be697cbe337bd8f3cedeee8c1d205bd6fdc3fb171624b9f571d',
    );
    const list = openList(bytes);
    expect(list.match('+33612345678')?.reports).toBe(214);
    expect(list.match('+33612345679')?.category).toBe('scam');
    expect(list.match('+33612345677')).toBeNull();
    expect(list.match('+33612345680')).toBeNull();
  });

  it('refuses a format-1 file with an error that names the format (sync then takes the snapshot)', () => {
    const old = new Uint8Array(readFileSync(fixture('golden-v2.vgl')));
    old[4] = 1; // the format field of a format-1 file
    expect(() => openList(old)).toThrow(ListFormatVersionError);
    expect(() => openList(old)).toThrow(/list format 1 is not supported \(this version reads format 2/);
    old[4] = 3;
    expect(() => openList(old)).toThrow(/list format 3 is not supported/);
  });
});

describe('list codec: lookups against a naive model', () => {
  it('match() agrees with a Map plus a prefix scan, for any entries', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 120 }), fc.array(entryArb, { maxLength: 20 }), (entries, probes) => {
        const model = new NaiveList(entries);
        const list = openList(writeList(entries, { version: 1 }));
        expect([list.exactCount, list.rangeCount]).toEqual([model.exactCount, model.rangeCount]);
        const queries = [...model.patterns(), ...probes.map((p) => p.pattern.replace('*', '')), '+3', '+'];
        for (const q of queries) expect(list.match(q)).toEqual(model.match(q));
      }),
      { numRuns: 300 },
    );
  });

  it('every member found, every neighbour not, with dense blocks, sparse numbers and ranges mixed', () => {
    // Runs of consecutive numbers (a bucket too dense for one line makes the writer choose smaller buckets),
    // scattered numbers over several countries (several segments, lines spanning empty buckets) and ranges.
    const runArb = fc.record({
      start: fc.integer({ min: 33_100_000_000, max: 33_999_000_000 }),
      length: fc.integer({ min: 1, max: 300 }),
      step: fc.constantFrom(1, 2, 3, 7, 100, 4099),
    });
    const scatteredArb = fc.array(
      fc.oneof(
        fc.integer({ min: 1_000, max: 999_999_999_999_999 }),
        fc.integer({ min: 33_600_000_000, max: 33_699_999_999 }),
      ),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(
        fc.array(runArb, { maxLength: 6 }),
        scatteredArb,
        fc.array(rangePatternArb, { maxLength: 5 }),
        (runs, scattered, ranges) => {
          const members = new Set<number>(scattered);
          for (const r of runs) for (let k = 0; k < r.length; k++) members.add(r.start + k * r.step);
          const payloads = [
            { category: 'scam' as const, score: 200, reports: 3, lastReportDay: 20_000 },
            { category: 'robocall' as const, score: 90, reports: 1, lastReportDay: 0 },
          ];
          const entries: ListEntry[] = [...members].map((v) => ({
            pattern: `+${v}`,
            payload: payloads[v % 2] as ListPayload,
          }));
          for (const pattern of ranges) entries.push({ pattern, payload: payloads[0] as ListPayload });
          const model = new NaiveList(entries);
          const list = openList(writeList(entries, { version: 3 }));
          for (const v of members) {
            expect(list.findExact(v)).toBeGreaterThanOrEqual(0);
            expect(list.payloadAt(list.findExact(v)).category).toBe(v % 2 === 0 ? 'scam' : 'robocall');
            for (const near of [v - 1, v + 1, v + 16, v - 4096]) {
              if (near > 0) expect(list.findExact(near) >= 0).toBe(members.has(near));
            }
            expect(list.match(`+${v + 1}`)).toEqual(model.match(`+${v + 1}`));
          }
          expect(list.toSorted().exactValues).toEqual(Float64Array.from([...members].sort((a, b) => a - b)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matchNumber() and matchNumbers() give the same answers as match()', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 80 }), (entries) => {
        const model = new NaiveList(entries);
        const list = openList(writeList(entries, { version: 1 }));
        const queries = model.patterns().filter((q) => q.length > 1);
        const values = Float64Array.from(queries, (q) => Number(q.slice(1)));
        const out = new Int32Array(values.length);
        list.matchNumbers(values, out);
        queries.forEach((q, i) => {
          const code = list.matchNumber(values[i] as number);
          expect(out[i]).toBe(code);
          const expected = model.match(q);
          if (!expected) expect(code).toBe(NO_MATCH);
          else {
            expect(code).not.toBe(NO_MATCH);
            const { kind, pattern, ...payload } = expected;
            expect(list.payloadAt(code & MATCH_PAYLOAD_MASK)).toEqual(payload);
            expect(code >> MATCH_DIGITS_SHIFT).toBe(kind === 'exact' ? 0 : pattern.length - 2);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('entries() gives back every entry, and writing them again gives the same bytes', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 100 }), (entries) => {
        const bytes = writeList(entries, { version: 7 });
        const back = [...openList(bytes).entries()];
        expect(new Map(back.map((e) => [e.pattern, e.payload]))).toEqual(new NaiveList(entries).entries());
        expect(back.length).toBe(new NaiveList(entries).entries().size);
        expect(Buffer.from(writeList(back, { version: 7 })).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('is deterministic: any order, with duplicates, gives byte-identical files', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), fc.integer(), (entries, seed) => {
        const doubled = [...entries, ...entries.slice(0, 10)];
        const shuffled = [...doubled].sort(
          (a, b) => ((payloadKey(a.payload) * 31 + seed) % 97) - ((payloadKey(b.payload) * 31 + seed) % 97),
        );
        expect(
          Buffer.from(writeList(shuffled, { version: 3 })).equals(Buffer.from(writeList(entries, { version: 3 }))),
        ).toBe(true);
      }),
    );
  });

  it('handles extremes: empty list, 1-digit and 15-digit numbers, far-apart countries', () => {
    const empty = openList(writeList([], { version: 0 }));
    expect([empty.exactCount, empty.rangeCount, empty.match('+33612345678')]).toEqual([0, 0, null]);
    const p = { category: 'other' as const, score: 1, reports: 1, lastReportDay: 1 };
    const entries = ['+1', '+999999999999999', '+100000000000000', '+33612345678', '+9*'].map((pattern) => ({
      pattern,
      payload: p,
    }));
    const list = openList(writeList(entries, { version: 1 }));
    const model = new NaiveList(entries);
    for (const q of [
      '+1',
      '+999999999999999',
      '+100000000000000',
      '+33612345678',
      '+9',
      '+98',
      '+10',
      '+9999999999999999',
    ])
      expect(list.match(q)).toEqual(model.match(q));
  });
});

describe('list codec: payloads', () => {
  it('rounds payloads only when there are more than 1024 distinct ones, keeping category and magnitude', () => {
    const entries: ListEntry[] = [];
    for (let i = 0; i < 3000; i++) {
      entries.push({
        pattern: `+3361${String(i).padStart(7, '0')}`,
        payload: {
          category: i % 2 ? 'scam' : 'survey',
          score: i % 256,
          reports: 1 + (i % 997),
          lastReportDay: 20_000 + (i % 300),
        },
      });
    }
    const bytes = writeList(entries, { version: 1 });
    const list = openList(bytes);
    expect(list.payloadCount).toBeLessThanOrEqual(1024);
    for (const e of entries) {
      const m = list.match(e.pattern);
      expect(m?.category).toBe(e.payload.category);
      expect(m?.reports).toBeLessThanOrEqual(e.payload.reports);
      expect(m?.reports).toBeGreaterThanOrEqual(Math.min(e.payload.reports, 100) / 2.5);
      expect(m?.lastReportDay).toBeLessThanOrEqual(e.payload.lastReportDay);
    }
    // Rounded lists are a fixpoint: read back and written again, the bytes do not change.
    expect(Buffer.from(writeList([...list.entries()], { version: 1 })).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects bad patterns and payloads with the offending entries named', () => {
    const p = { category: 'scam' as const, score: 1, reports: 1, lastReportDay: 1 };
    for (const pattern of ['33612345678', '+0612345678', '+3361234567890123', '+33 6 12', '+*', '', '+33*6']) {
      expect(() => writeList([{ pattern, payload: p }], { version: 1 })).toThrow(JSON.stringify(pattern));
    }
    expect(() => writeList([{ pattern: '+336', payload: { ...p, score: 256 } }], { version: 1 })).toThrow(/score 256/);
    expect(() =>
      writeList([{ pattern: '+336', payload: { ...p, category: 'spam' as never } }], { version: 1 }),
    ).toThrow(/unknown category/);
    expect(() => writeList([{ pattern: '+336', payload: { ...p, reports: -1 } }], { version: 1 })).toThrow(
      /reports -1/,
    );
    expect(() => writeList([], { version: -1 })).toThrow(/version/);
  });
});

describe('list codec: corrupt files', () => {
  const bytes = writeList(GOLDEN_ENTRIES, { version: GOLDEN_VERSION });

  it('rejects bad magic, unknown format, truncation and wrong offsets with a clear error', () => {
    const flip = (at: number) => {
      const copy = bytes.slice();
      copy[at] = (copy[at] as number) ^ 0xff;
      return copy;
    };
    expect(() => openList(flip(0))).toThrow(/bad magic/);
    expect(() => openList(flip(4))).toThrow(/format/);
    expect(() => openList(bytes.slice(0, bytes.length - 1))).toThrow(ListFormatError);
    expect(() => openList(bytes.slice(0, 20))).toThrow(/shorter than the header/);
    expect(() => openList(flip(40))).toThrow(ListFormatError);
    expect(() => openList(flip(24))).toThrow(ListFormatError);
    expect(() => openList(new Uint8Array(200))).toThrow(/bad magic/);
  });

  it('verifyList spots any changed byte; openList copies unaligned input and still answers', async () => {
    for (const at of [10, 64, bytes.length - 40, bytes.length - 1]) {
      const copy = bytes.slice();
      copy[at] = (copy[at] as number) ^ 1;
      expect(await verifyList(copy)).toBe(false);
    }
    const unaligned = new Uint8Array(bytes.length + 3).subarray(3);
    unaligned.set(bytes);
    expect(openList(unaligned).match('+33612345678')?.reports).toBe(214);
  });
});

describe('list codec: larger lists (every layout the writer may choose)', () => {
  it.each([
    [200, 1],
    [5_000, 2],
    [60_000, 3],
  ])('%i synthetic numbers: every member found, non-members not, payloads kept', (count, seed) => {
    const data = syntheticList(count, 50, seed);
    const bytes = encodeSortedList(data);
    const list = openList(bytes);
    const keys = list.payloadKeys();
    // The payloads as the writer rounds them (more than 1024 distinct ones in the bigger lists).
    const table = buildPayloadTable(Float64Array.from([...data.exactKeys, ...data.rangeKeys]));
    const round = QUANTISATION_LEVELS[table.level] as (key: number) => number;
    const members = new Set(data.exactValues);
    for (let i = 0; i < data.exactValues.length; i++) {
      const code = list.findExact(data.exactValues[i] as number);
      expect(keys[code]).toBe(round(data.exactKeys[i] as number));
    }
    const random = seededRandom(seed + 100);
    for (let i = 0; i < 5_000; i++) {
      const v = randomFrenchNumber(random);
      expect(list.findExact(v) >= 0).toBe(members.has(v));
    }
    const sorted = list.toSorted();
    expect(sorted.exactValues).toEqual(data.exactValues);
  });
});
