/**
 * applyDelta's line patcher (shared/list/line-patch.ts): when the target keeps the old list's packing
 * parameters, untouched 64-byte lines are copied and only touched ones re-encoded. Every expected file here
 * is `writeList` of the target entries (the writer is the independent reference); each case first checks
 * that the two lists share bucket size, segment size and payload index width, so the patcher is what runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, DeltaError, diffLists, readDeltaInfo } from '../../shared/list/delta.ts';
import { patchLines } from '../../shared/list/line-patch.ts';
import { openList } from '../../shared/list/reader.ts';
import { sha256Sync } from '../../shared/list/sha256-sync.ts';
import type { ListEntry, ListPayload } from '../../shared/list/types.ts';
import { writeList } from '../../shared/list/writer.ts';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

const P: ListPayload[] = [
  { category: 'telemarketing', score: 128, reports: 5, lastReportDay: 20_100 },
  { category: 'scam', score: 200, reports: 20, lastReportDay: 20_130 },
  { category: 'telemarketing', score: 64, reports: 2, lastReportDay: 20_000 },
  { category: 'survey', score: 10, reports: 1, lastReportDay: 19_900 },
];

/** 2,000 numbers every 5 values from +33612000000, payloads cycling through P: many segments of several lines. */
function baseNumbers(): Map<number, ListPayload> {
  const map = new Map<number, ListPayload>();
  for (let k = 0; k < 2000; k++) map.set(33_612_000_000 + 5 * k, P[k % 3] as ListPayload);
  return map;
}

function entries(exact: Map<number, ListPayload>, ranges: [string, ListPayload][] = []): ListEntry[] {
  return [
    ...[...exact].map(([n, payload]) => ({ pattern: `+${n}`, payload })),
    ...ranges.map(([pattern, payload]) => ({ pattern, payload })),
  ];
}

function samePacking(a: Uint8Array, b: Uint8Array): boolean {
  const x = openList(a);
  const y = openList(b);
  return (
    x.bucketBits === y.bucketBits &&
    x.segmentBits === y.segmentBits &&
    x.lineStructure().payloadBits === y.lineStructure().payloadBits
  );
}

/** The old list's numbers line by line (through the reader), to pick the first and last of a line or segment. */
function linesOf(bytes: Uint8Array): { segments: number[][][] } {
  const list = openList(bytes);
  const { segmentFirstLine } = list.lineStructure();
  const values = list.toSorted().exactValues;
  // Rebuild line membership from record counts (header bits 21–26), in file order.
  const { words } = list.lineStructure();
  const segments: number[][][] = [];
  let i = 0;
  for (let s = 0; s < list.segmentCount; s++) {
    const lines: number[][] = [];
    for (let l = segmentFirstLine[s] as number; l < (segmentFirstLine[s + 1] as number); l++) {
      const count = ((words[l * 16] as number) >>> 21) & 63;
      lines.push(Array.from(values.subarray(i, i + count)));
      i += count;
    }
    segments.push(lines);
  }
  return { segments };
}

async function expectApplies(oldEntries: ListEntry[], newEntries: ListEntry[], packing = true): Promise<void> {
  const oldBytes = writeList(oldEntries, { version: 1 });
  const newBytes = writeList(newEntries, { version: 2 });
  expect(samePacking(oldBytes, newBytes)).toBe(packing);
  const delta = diffLists(oldBytes, newBytes, 2);
  expect(same(await applyDelta(oldBytes, delta), newBytes)).toBe(true);
}

describe('applyDelta: patching lines', () => {
  const base = baseNumbers();
  const oldBytes = writeList(entries(base), { version: 1 });
  const { segments } = linesOf(oldBytes);

  it('the base list has several segments of several lines (what the cases below rely on)', () => {
    expect(segments.length).toBeGreaterThan(5);
    expect(segments.every((lines) => lines.length >= 2)).toBe(true);
  });

  it('removes the first number of a segment and the last number of another', async () => {
    const target = new Map(base);
    target.delete(segments[2]?.[0]?.[0] as number);
    const lastLine = segments[4]?.at(-1) as number[];
    target.delete(lastLine.at(-1) as number);
    await expectApplies(entries(base), entries(target));
  });

  it('adds numbers before a segment’s first line and after its last one', async () => {
    const target = new Map(base);
    target.set((segments[3]?.[0]?.[0] as number) - 1, P[0] as ListPayload);
    target.set((segments[3]?.at(-1)?.at(-1) as number) + 1, P[1] as ListPayload);
    await expectApplies(entries(base), entries(target));
  });

  it('a line that overflows into a new line', async () => {
    const target = new Map(base);
    const line = segments[1]?.[1] as number[];
    // Fill the gaps of the line's first numbers: more records than the line can hold.
    for (let v = line[0] as number; v < (line[0] as number) + 60; v++) target.set(v, P[2] as ListPayload);
    const before = openList(oldBytes).lineCount;
    const newBytes = writeList(entries(target), { version: 2 });
    expect(openList(newBytes).lineCount).toBeGreaterThan(before);
    await expectApplies(entries(base), entries(target));
  });

  it('a removal that empties a line, and one that empties a whole segment', async () => {
    const target = new Map(base);
    const line = (segments[2] as number[][])[1] as number[];
    for (const v of line) target.delete(v);
    for (const line of segments[5] as number[][]) for (const v of line) target.delete(v);
    const newBytes = writeList(entries(target), { version: 2 });
    expect(openList(newBytes).segmentCount).toBe(openList(oldBytes).segmentCount - 1);
    await expectApplies(entries(base), entries(target));
  });

  it('numbers in a segment the old list does not have, after the others and before them', async () => {
    for (const added of [
      [33_612_020_000, 33_612_020_003],
      [33_611_990_000, 33_611_990_001],
    ]) {
      const target = new Map(base);
      for (const v of added) target.set(v, P[1] as ListPayload);
      const newBytes = writeList(entries(target), { version: 2 });
      expect(openList(newBytes).segmentCount).toBe(openList(oldBytes).segmentCount + 1);
      await expectApplies(entries(base), entries(target));
    }
  });

  it('long runs of new numbers: 600 in segments the old list lacks, 300 between the numbers of old lines', async () => {
    // More numbers at once than the packer's buffers hold at first (it grows them) and many lines per run.
    const target = new Map(base);
    for (let k = 0; k < 600; k++) target.set(33_612_100_000 + 5 * k, P[k % 3] as ListPayload);
    for (let k = 0; k < 300; k++) target.set(33_612_003_001 + 5 * k, P[1] as ListPayload);
    const newBytes = writeList(entries(target), { version: 2 });
    expect(openList(newBytes).segmentCount).toBe(openList(oldBytes).segmentCount + 2);
    await expectApplies(entries(base), entries(target));
  });

  it('new payloads only, on lines spread over the list', async () => {
    const target = new Map(base);
    for (const lines of segments) target.set(lines[0]?.[1] as number, P[2] as ListPayload);
    await expectApplies(entries(base), entries(target));
  });

  it('a payload new to the table (indices shift in copied lines) and one that leaves it', async () => {
    // P[3] sorts before P[0..2] (its category comes first in CATEGORIES or its key is smaller): every old
    // index can move; P[2] leaves the table when its numbers are removed.
    const target = new Map(base);
    target.set(segments[0]?.[0]?.[0] as number, P[3] as ListPayload);
    for (const [v, p] of base) if (p === P[2]) target.set(v, P[1] as ListPayload);
    const a = openList(oldBytes).payloadKeys();
    const b = openList(writeList(entries(target), { version: 2 })).payloadKeys();
    expect(b).not.toEqual(a);
    await expectApplies(entries(base), entries(target));
  });

  it('range entries added, removed and given a new payload, next to exact changes', async () => {
    const ranges: [string, ListPayload][] = [
      ['+3361200*', P[0] as ListPayload],
      ['+336120*', P[1] as ListPayload],
      ['+3370*', P[2] as ListPayload],
    ];
    const target = new Map(base);
    target.delete(segments[1]?.[0]?.[2] as number);
    await expectApplies(
      entries(base, ranges),
      entries(target, [
        ['+3361200*', P[1] as ListPayload],
        ['+3370*', P[2] as ListPayload],
        ['+33612001*', P[0] as ListPayload],
      ]),
    );
  });

  it('falls back to a full rewrite when the packing changes, with the same result', async () => {
    // Eight times sparser: bigger buckets.
    const target = new Map<number, ListPayload>();
    for (let k = 0; k < 2000; k++) target.set(33_612_000_000 + 40 * k, P[k % 3] as ListPayload);
    await expectApplies(entries(base), entries(target), false);
  });

  it('any churn of a dense block gives the writer’s bytes', async () => {
    let patched = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 12_000 }), { maxLength: 150 }),
        fc.array(fc.integer({ min: 0, max: 1999 }), { maxLength: 150 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1999 }), fc.integer({ min: 0, max: 3 })), { maxLength: 60 }),
        async (added, removed, changed) => {
          const target = new Map(base);
          for (const k of removed) target.delete(33_612_000_000 + 5 * k);
          for (const [k, p] of changed) target.set(33_612_000_000 + 5 * k, P[p] as ListPayload);
          for (const v of added) target.set(33_612_000_000 + v, P[v % 4] as ListPayload);
          const newBytes = writeList(entries(target), { version: 2 });
          if (samePacking(oldBytes, newBytes)) patched++;
          const delta = diffLists(oldBytes, newBytes, 2);
          expect(same(await applyDelta(oldBytes, delta), newBytes)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    // The property must exercise the patcher, not only the full rewrite.
    expect(patched).toBeGreaterThan(75);
  });

  it('refuses a delta whose target header or piece hash was altered (and resealed)', async () => {
    const target = new Map(base);
    target.delete(segments[1]?.[0]?.[0] as number);
    const newBytes = writeList(entries(target), { version: 2 });
    const delta = diffLists(oldBytes, newBytes, 2);
    const reseal = (d: Uint8Array) => {
      d.set(sha256Sync(d.subarray(0, d.length - 32)), d.length - 32);
      return d;
    };
    // Target header: +1 line (offset 96 + 28 = the line count; the offsets then no longer match).
    const moreLines = delta.slice();
    moreLines[96 + 28] = (moreLines[96 + 28] as number) + 1;
    await expect(applyDelta(oldBytes, reseal(moreLines))).rejects.toThrow(DeltaError);
    // Piece hash (bytes 176–207).
    const badHash = delta.slice();
    badHash[180] = (badHash[180] as number) ^ 1;
    await expect(applyDelta(oldBytes, reseal(badHash))).rejects.toThrow(/does not hash to the target/);
    // A format-1 delta (the header of the previous format) is refused: the client takes the snapshot.
    const format1 = delta.slice();
    format1[4] = 1;
    await expect(applyDelta(oldBytes, reseal(format1))).rejects.toThrow(/delta format 1 is not supported/);
    expect(readDeltaInfo(delta).removedExact).toBe(1);
  });

  it('a delta altered anywhere (and resealed) gives the target or a DeltaError, never another list', async () => {
    const target = new Map(base);
    for (const lines of segments) target.delete(lines[0]?.[0] as number);
    target.set(33_612_000_001, P[3] as ListPayload);
    const newBytes = writeList(entries(target), { version: 2 });
    const delta = diffLists(oldBytes, newBytes, 2);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: delta.length - 33 }), fc.integer({ min: 1, max: 255 }), async (at, bits) => {
        const altered = delta.slice();
        altered[at] = (altered[at] as number) ^ bits;
        altered.set(sha256Sync(altered.subarray(0, altered.length - 32)), altered.length - 32);
        try {
          expect(same(await applyDelta(oldBytes, altered), newBytes)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DeltaError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('patchLines refuses to remove a number the list does not hold', () => {
    const list = openList(oldBytes);
    const { words, segmentKeys, segmentFirstLine, payloadBits } = list.lineStructure();
    const run = (removed: number[]) =>
      patchLines({
        bucketBits: list.bucketBits,
        segmentBits: list.segmentBits,
        payloadBits,
        oldWords: words,
        oldSegmentKeys: segmentKeys,
        oldSegmentFirstLine: segmentFirstLine,
        remap: null,
        removed: Float64Array.from(removed),
        upValues: new Float64Array(0),
        upIndex: new Uint16Array(0),
        outWords: new Uint32Array(words.length),
        outSegmentKeys: new Float64Array(segmentKeys.length),
        outDirectory: new Uint32Array(1 << 16),
      });
    expect(() => run([33_612_000_001])).toThrow(/does not hold/);
    expect(() => run([33_000_000_000])).toThrow(/does not hold/);
    // Nothing removed: every line copied, every number kept.
    expect(run([])).toBe(2000);
  });
});
