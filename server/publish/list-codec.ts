/**
 * The only place the service touches the core's list codec, so the publication code does not depend on its
 * internals: a snapshot from entries (shared/list/writer.ts) and a delta between two snapshots
 * (shared/list/delta.ts: removals then upserts, checked against the target's SHA-256 when applied).
 */
import { diffLists } from '../../shared/list/delta.ts';
import { ListFormatVersionError } from '../../shared/list/reader.ts';
import { encodeSortedList, type SortedList } from '../../shared/list/writer.ts';

/** The snapshot of a list given as sorted columns (what `writeList` encodes after sorting its entries). */
export function encodeSnapshot(sorted: SortedList): Uint8Array {
  return encodeSortedList(sorted);
}

/**
 * The delta from an earlier snapshot, or null when that snapshot is in an older list format (published before
 * an upgrade): a client holding it cannot apply a delta anyway (its reader refuses the old file) and takes
 * the snapshot.
 */
export function encodeDelta(oldSnapshot: Uint8Array, newSnapshot: Uint8Array, toVersion: number): Uint8Array | null {
  try {
    return diffLists(oldSnapshot, newSnapshot, toVersion);
  } catch (error) {
    if (error instanceof ListFormatVersionError) return null;
    throw error;
  }
}
