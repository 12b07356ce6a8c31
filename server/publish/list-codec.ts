/**
 * The only place the service touches the core's list codec, so the publication code does not depend on its
 * internals: a snapshot from entries (shared/list/writer.ts) and a delta between two snapshots
 * (shared/list/delta.ts: removals then upserts, checked against the target's SHA-256 when applied).
 */
import { diffLists } from '../../shared/list/delta.ts';
import { encodeSortedList, type SortedList } from '../../shared/list/writer.ts';

/** The snapshot of a list given as sorted columns (what `writeList` encodes after sorting its entries). */
export function encodeSnapshot(sorted: SortedList): Uint8Array {
  return encodeSortedList(sorted);
}

export function encodeDelta(oldSnapshot: Uint8Array, newSnapshot: Uint8Array, toVersion: number): Uint8Array {
  return diffLists(oldSnapshot, newSnapshot, toVersion);
}
