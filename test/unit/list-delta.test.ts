import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, DeltaError, diffLists, readDeltaInfo } from '../../shared/list/delta.ts';
import { openList } from '../../shared/list/reader.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { encodeSortedList, writeList } from '../../shared/list/writer.ts';
import { churn, syntheticList } from '../fixtures/list/synthetic-list.ts';
import { entryArb } from './list-model.ts';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('list delta', () => {
  it('apply(old, diff(old, new)) is the new file byte for byte, for any two lists', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entryArb, { maxLength: 80 }),
        fc.array(entryArb, { maxLength: 80 }),
        fc.nat({ max: 80 }),
        async (a, extra, keep) => {
          // The new list shares part of the old one (unchanged entries), drops the rest and adds its own.
          const oldBytes = writeList(a, { version: 5 });
          const newBytes = writeList([...a.slice(0, keep), ...extra], { version: 6 });
          const delta = diffLists(oldBytes, newBytes, 6);
          expect(same(await applyDelta(oldBytes, delta), newBytes)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rebuilds rounded lists (more than 1024 payloads) byte for byte, over several days of churn', async () => {
    let day = syntheticList(30_000, 300, 7, 1);
    let bytes = encodeSortedList(day);
    for (let d = 2; d <= 4; d++) {
      day = churn(day, 0.01, d, d);
      const next = encodeSortedList(day);
      expect(openList(next).payloadCount).toBeLessThanOrEqual(1024);
      const delta = diffLists(bytes, next, d);
      expect(delta.length).toBeLessThan(next.length / 10);
      expect(same(await applyDelta(bytes, delta), next)).toBe(true);
      bytes = next;
    }
  });

  it('carries versions, counts and both checksums; identical lists give an empty delta', async () => {
    const p = { category: 'scam' as const, score: 10, reports: 2, lastReportDay: 20_000 };
    const a: ListEntry[] = [
      { pattern: '+33612345678', payload: p },
      { pattern: '+33612345679', payload: p },
      { pattern: '+33162*', payload: p },
    ];
    const b: ListEntry[] = [
      { pattern: '+33612345678', payload: { ...p, reports: 3 } },
      { pattern: '+33700000000', payload: p },
      { pattern: '+33163*', payload: p },
    ];
    const oldBytes = writeList(a, { version: 1 });
    const newBytes = writeList(b, { version: 2 });
    const info = readDeltaInfo(diffLists(oldBytes, newBytes));
    expect(info).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      removedExact: 1,
      removedRanges: 1,
      upsertExact: 2,
      upsertRanges: 1,
    });
    expect(info.fromChecksum).toBe(openList(oldBytes).checksumHex);
    expect(info.toChecksum).toBe(openList(newBytes).checksumHex);
    const next = writeList(a, { version: 2 });
    const empty = readDeltaInfo(diffLists(oldBytes, next));
    expect(empty.removedExact + empty.removedRanges + empty.upsertExact + empty.upsertRanges).toBe(0);
    expect(same(await applyDelta(oldBytes, diffLists(oldBytes, next)), next)).toBe(true);
    expect(() => diffLists(oldBytes, newBytes, 3)).toThrow(/version 2, not 3/);
  });

  it('refuses a corrupt delta, a delta for another list, and garbage', async () => {
    const p = { category: 'survey' as const, score: 1, reports: 1, lastReportDay: 1 };
    const v1 = writeList([{ pattern: '+33612345678', payload: p }], { version: 1 });
    const v2 = writeList([{ pattern: '+33612345679', payload: p }], { version: 2 });
    const other = writeList([{ pattern: '+33700000000', payload: p }], { version: 1 });
    const delta = diffLists(v1, v2);
    const flipped = delta.slice();
    flipped[100] = (flipped[100] as number) ^ 1;
    await expect(applyDelta(v1, flipped)).rejects.toThrow(/checksum mismatch/);
    await expect(applyDelta(other, delta)).rejects.toThrow(DeltaError);
    await expect(applyDelta(v1, new Uint8Array(10))).rejects.toThrow(/too short/);
    await expect(applyDelta(v1, new Uint8Array(300))).rejects.toThrow(/bad magic/);
    await expect(applyDelta(v1, v2)).rejects.toThrow(/bad magic/);
  });
});
