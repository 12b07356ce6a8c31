import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../shared/api/schemas.ts';
import { MAX_CHAIN_LENGTH, planDeltaChain } from '../../shared/sync/delta-plan.ts';

function manifest(version: number, snapshotSize: number, deltas: Array<[number, number, number]>): Manifest {
  return {
    format: 1,
    version,
    createdAt: '2026-11-22T00:00:00.000Z',
    publishedAt: '2026-11-22T00:00:00.000Z',
    expiresAt: '2026-11-29T00:00:00.000Z',
    count: 1,
    listSha256: '0'.repeat(64),
    snapshot: { name: 's', size: snapshotSize, sha256: '0'.repeat(64) },
    deltas: deltas.map(([from, to, size]) => ({ name: `d${from}-${to}`, size, sha256: '0'.repeat(64), from, to })),
    publicKey: 'k',
    signature: 's',
  };
}

const names = (chain: ReturnType<typeof planDeltaChain>) => chain?.map((d) => d.name) ?? null;

describe('planDeltaChain', () => {
  it('takes the direct delta when there is one', () => {
    expect(
      names(
        planDeltaChain(
          manifest(5, 1000, [
            [3, 5, 10],
            [4, 5, 5],
          ]),
          4,
        ),
      ),
    ).toEqual(['d4-5']);
  });

  it('chains deltas, choosing the fewest bytes', () => {
    const m = manifest(5, 1000, [
      [2, 3, 10],
      [3, 5, 10],
      [2, 4, 1],
      [4, 5, 1],
      [2, 5, 50],
    ]);
    expect(names(planDeltaChain(m, 2))).toEqual(['d2-4', 'd4-5']);
  });

  it('gives null (the snapshot) with no local list, no path, or a path as big as the snapshot', () => {
    expect(planDeltaChain(manifest(5, 1000, [[4, 5, 5]]), 0)).toBeNull();
    expect(planDeltaChain(manifest(5, 1000, [[3, 5, 5]]), 4)).toBeNull();
    expect(planDeltaChain(manifest(5, 100, [[4, 5, 100]]), 4)).toBeNull();
    expect(planDeltaChain(manifest(5, 1000, [[4, 5, 5]]), 5)).toBeNull();
  });

  it('ignores backward or out-of-range deltas and caps the chain length', () => {
    expect(
      planDeltaChain(
        manifest(5, 1000, [
          [5, 4, 1],
          [4, 6, 1],
        ]),
        4,
      ),
    ).toBeNull();
    const long = Array.from({ length: MAX_CHAIN_LENGTH + 1 }, (_, i): [number, number, number] => [i + 1, i + 2, 1]);
    expect(planDeltaChain(manifest(MAX_CHAIN_LENGTH + 2, 1000, long), 1)).toBeNull();
    expect(planDeltaChain(manifest(MAX_CHAIN_LENGTH + 1, 1000, long), 1)).toHaveLength(MAX_CHAIN_LENGTH);
  });
});
