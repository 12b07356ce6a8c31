/**
 * Which files to download to go from the local list version to the manifest's: the cheapest chain of deltas
 * (by bytes), or the snapshot when no chain exists or the chain would cost as much as the snapshot.
 * The service publishes deltas from each of its last N versions to the newest (issue 3), which makes most
 * chains one file long; chains of several hops (v3→v4→v5) are accepted too, as Safe Browsing-style clients do.
 */
import type { Manifest } from '../api/schemas.ts';

export type DeltaFile = Manifest['deltas'][number];

/** A chain longer than this is not worth its round trips: take the snapshot. */
export const MAX_CHAIN_LENGTH = 16;

export function planDeltaChain(manifest: Manifest, fromVersion: number): DeltaFile[] | null {
  if (fromVersion <= 0 || fromVersion >= manifest.version) return null;
  // Deltas only go forward, so relaxing edges in order of their start version is a complete shortest-path pass.
  const edges = manifest.deltas
    .filter((d) => d.from < d.to && d.from >= fromVersion && d.to <= manifest.version)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const best = new Map<number, { cost: number; path: DeltaFile[] }>([[fromVersion, { cost: 0, path: [] }]]);
  for (const edge of edges) {
    const start = best.get(edge.from);
    if (!start || start.path.length >= MAX_CHAIN_LENGTH) continue;
    const cost = start.cost + edge.size;
    const known = best.get(edge.to);
    if (!known || cost < known.cost) best.set(edge.to, { cost, path: [...start.path, edge] });
  }
  const chain = best.get(manifest.version);
  if (!chain || chain.cost >= manifest.snapshot.size) return null;
  return chain.path;
}
