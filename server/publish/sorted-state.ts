/**
 * The last version's list as exact sorted columns, kept beside the published files in `<data>/state/`: what the
 * incremental publication merges its changes into. Not the published snapshot, for one reason: above 1,024
 * distinct payloads the snapshot's payload table is quantised (shared/list/payload-table.ts), so the payloads
 * read back from it can differ from the ones computed, and a merge into them would drift away from what a
 * full publication writes. This file holds the computed payload keys as they are. It is private to the
 * service (never served) and rebuilt from the database when missing (a rebuild publication).
 *
 * Layout (little-endian): "VGSC", format u32, version u32, exact count u32, range count u32, 12 bytes zero,
 * then exactValues f64[], exactKeys f64[], rangeValues f64[], rangeKeys f64[], rangeDigits u8[].
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SortedList } from '../../shared/list/writer.ts';

const MAGIC = 0x43534756; // "VGSC"
const FORMAT = 1;
const HEADER = 32;

export function stateDir(dataDir: string): string {
  return join(dataDir, 'state');
}

function fileName(version: number): string {
  return `sorted-v${version}.bin`;
}

export function writeSortedState(dataDir: string, list: SortedList): void {
  const exact = list.exactValues.length;
  const ranges = list.rangeValues.length;
  const bytes = new Uint8Array(HEADER + 16 * exact + 16 * ranges + ranges);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT, true);
  view.setUint32(8, list.version, true);
  view.setUint32(12, exact, true);
  view.setUint32(16, ranges, true);
  let at = HEADER;
  for (const column of [list.exactValues, list.exactKeys, list.rangeValues, list.rangeKeys]) {
    bytes.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += column.byteLength;
  }
  bytes.set(list.rangeDigits, at);
  const dir = stateDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName(list.version));
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

/** The columns of `version`, or null when the file is missing or not a valid state file of that version. */
export function readSortedState(dataDir: string, version: number): SortedList | null {
  let file: Buffer;
  try {
    file = readFileSync(join(stateDir(dataDir), fileName(version)));
  } catch {
    return null;
  }
  if (file.byteLength < HEADER) return null;
  // A copy at an 8-aligned offset, so the columns are views with no per-entry copy.
  const bytes = new Uint8Array(file.byteLength);
  bytes.set(file);
  const view = new DataView(bytes.buffer);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FORMAT) return null;
  if (view.getUint32(8, true) !== version) return null;
  const exact = view.getUint32(12, true);
  const ranges = view.getUint32(16, true);
  if (bytes.byteLength !== HEADER + 16 * exact + 17 * ranges) return null;
  let at = HEADER;
  const column = (count: number) => {
    const out = new Float64Array(bytes.buffer, at, count);
    at += 8 * count;
    return out;
  };
  const exactValues = column(exact);
  const exactKeys = column(exact);
  const rangeValues = column(ranges);
  const rangeKeys = column(ranges);
  const rangeDigits = new Uint8Array(bytes.buffer, at, ranges);
  return { version, exactValues, exactKeys, rangeDigits, rangeValues, rangeKeys };
}

/** Removes the state files of every version but `keep` (and leftover temporaries). */
export function pruneSortedState(dataDir: string, keep: number): void {
  let names: string[];
  try {
    names = readdirSync(stateDir(dataDir));
  } catch {
    return;
  }
  for (const name of names) {
    if (name === fileName(keep)) continue;
    if (/^sorted-v\d+\.bin(\.tmp)?$/.test(name)) rmSync(join(stateDir(dataDir), name), { force: true });
  }
}
