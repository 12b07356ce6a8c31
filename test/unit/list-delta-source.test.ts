/**
 * applyDelta's light open of the old list (shared/list/delta-source.ts): it reads what the line patcher needs
 * and skips the look-up structures and the line-header walk of openList. Expected values come from openList
 * (reader.ts, a separate implementation); a damaged old list must give the target or an error, never
 * another list, since the light open checks less than openList does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, diffLists } from '../../shared/list/delta.ts';
import { DeltaError } from '../../shared/list/delta-error.ts';
import { openDeltaSource, sourceRanges } from '../../shared/list/delta-source.ts';
import { ListFormatError, ListFormatVersionError, openList } from '../../shared/list/reader.ts';
import { encodeSortedList } from '../../shared/list/writer.ts';
import { churn, syntheticList } from '../fixtures/list/synthetic-list.ts';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('openDeltaSource', () => {
  const day = syntheticList(20_000, 200, 31, 1);
  const oldBytes = encodeSortedList(day);
  const newBytes = encodeSortedList(churn(day, 0.02, 32, 2));
  const delta = diffLists(oldBytes, newBytes, 2);

  it('gives the lines, segments, payload keys and ranges openList gives', () => {
    const list = openList(oldBytes);
    const source = openDeltaSource(oldBytes);
    const lines = list.lineStructure();
    expect(list.segmentCount).toBeGreaterThan(3);
    // The target keeps the packing, so applyDelta patches lines from this source (the path under test).
    const target = openList(newBytes);
    expect([target.bucketBits, target.segmentBits, target.lineStructure().payloadBits]).toEqual([
      list.bucketBits,
      list.segmentBits,
      lines.payloadBits,
    ]);
    expect(source.header.version).toBe(1);
    expect(source.header.payloadBits).toBe(lines.payloadBits);
    expect(
      same(
        new Uint8Array(source.words.buffer, source.words.byteOffset, source.words.byteLength),
        new Uint8Array(lines.words.buffer, lines.words.byteOffset, lines.words.byteLength),
      ),
    ).toBe(true);
    expect(Array.from(source.segmentKeys)).toEqual(Array.from(lines.segmentKeys));
    expect(Array.from(source.segmentFirstLine)).toEqual(Array.from(lines.segmentFirstLine));
    expect(source.payloadKeys).toEqual(list.payloadKeys());
    const ranges = sourceRanges(source);
    const expected = list.rangeColumns();
    expect(ranges.rangeValues.length).toBe(200);
    expect(Array.from(ranges.rangeDigits)).toEqual(Array.from(expected.rangeDigits));
    expect(Array.from(ranges.rangeValues)).toEqual(Array.from(expected.rangeValues));
    expect(Array.from(ranges.rangeKeys)).toEqual(Array.from(expected.rangeKeys));
    expect(same(source.checksum, oldBytes.subarray(oldBytes.length - 32))).toBe(true);
  });

  it('refuses another format, a truncated file, and segments that do not start in order', () => {
    const format1 = oldBytes.slice();
    format1[4] = 1;
    expect(() => openDeltaSource(format1)).toThrow(ListFormatVersionError);
    expect(() => openDeltaSource(oldBytes.subarray(0, oldBytes.length - 8))).toThrow(ListFormatError);
    // The second segment's first rank word set to 0 (the first segment's start): out of order.
    const header = openDeltaSource(oldBytes).header;
    const pairsPerSegment = 2 ** header.segmentBits / 32;
    const backwards = oldBytes.slice();
    new DataView(backwards.buffer).setUint32(header.directoryOffset + 8 * pairsPerSegment, 0, true);
    expect(() => openDeltaSource(backwards)).toThrow(/segment 1 starts at line 0/);
  });

  it('an old list damaged anywhere (its embedded checksum kept) gives the target or an error, never another list', async () => {
    const { linesOffset } = openDeltaSource(oldBytes).header;
    await fc.assert(
      fc.asyncProperty(
        // Half the alterations in the lines, which the light open does not check.
        fc.oneof(fc.nat({ max: oldBytes.length - 33 }), fc.integer({ min: linesOffset, max: oldBytes.length - 33 })),
        fc.integer({ min: 1, max: 255 }),
        async (at, bits) => {
          const damaged = oldBytes.slice();
          damaged[at] = (damaged[at] as number) ^ bits;
          try {
            expect(same(await applyDelta(damaged, delta), newBytes)).toBe(true);
          } catch (error) {
            expect(error instanceof DeltaError || error instanceof ListFormatError).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
