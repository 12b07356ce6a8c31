/**
 * The only place the service touches the core's list codec, so the publication code does not depend on its
 * internals: a snapshot from entries (shared/list/writer.ts) and a delta between two snapshots
 * (shared/list/delta.ts).
 */
import type { ListEntry } from '../../shared/list/types.ts';
import { writeList } from '../../shared/list/writer.ts';

export function encodeSnapshot(entries: readonly ListEntry[], version: number): Uint8Array {
  return writeList(entries, { version });
}

type DiffLists = (oldSnapshot: Uint8Array, newSnapshot: Uint8Array, toVersion: number) => Uint8Array;
let diffLists: DiffLists | null = null;
// TEMPORARY while shared/list/delta.ts is being written: loaded by a computed specifier so the service runs
// without it (no deltas are written then).
const DELTA_MODULE = '../../shared/list/delta.ts';
try {
  diffLists = ((await import(DELTA_MODULE)) as { diffLists: DiffLists }).diffLists;
} catch {
  diffLists = null;
}

export function encodeDelta(oldSnapshot: Uint8Array, newSnapshot: Uint8Array, toVersion: number): Uint8Array | null {
  return diffLists ? diffLists(oldSnapshot, newSnapshot, toVersion) : null;
}
