/**
 * Deltas between two versions of the crowd list: removals, then upserts (new entries and changed payloads),
 * the way Safe Browsing v4 updates its local list (STYLE.md §7). Applying a delta rebuilds the whole target
 * list with the deterministic writer and checks it against the target's own SHA-256, carried in the delta:
 * a client either holds exactly the server's snapshot of that version, or gets an error and falls back to
 * the snapshot. Format: docs/list-format.md §Delta.
 */

import { CATEGORIES } from '../verdict.ts';
import { DeltaError } from './delta-error.ts';
import { type DeltaSource, openDeltaSource, sourceRanges } from './delta-source.ts';
import { CHECKSUM_BYTES, HEADER_BYTES, LINE_WORDS, PAYLOAD_BYTES, popcount32 } from './layout.ts';
import { patchLines } from './line-patch.ts';
import { MAX_DIGITS } from './pattern.ts';
import { keyCategory, keyDay, keyReports, keyScore, MAX_PAYLOADS, makeKey } from './payload-table.ts';
import { pieceHash, pieceHashSync } from './piece-hash.ts';
import { ListFormatError, type ListHeader, type OpenedList, openList, readListHeader } from './reader.ts';
import { sha256Sync } from './sha256-sync.ts';
import { encodeIndexedListUnsealed, type SortedList } from './writer.ts';

export { DeltaError };

/** `VGCD` (Vigie Crowd Delta) read as a little-endian u32. */
export const DELTA_MAGIC = 0x44434756;
/**
 * Format 2 (Dec 2026) adds the target list's header and piece hash, and carries the target's whole payload
 * table, so that applyDelta can patch the old lines in place of re-encoding them all (docs/list-format.md).
 * Format 1 is refused with a DeltaError: the client then takes the snapshot, as for any failed delta.
 */
export const DELTA_FORMAT = 2;
/** Where the target list's header and the piece hash of the target file sit in a delta's header. */
const TARGET_HEADER_AT = 96;
const PIECE_HASH_AT = TARGET_HEADER_AT + HEADER_BYTES;
export const DELTA_HEADER_BYTES = PIECE_HASH_AT + 32;

export interface DeltaInfo {
  fromVersion: number;
  toVersion: number;
  /** Embedded SHA-256 (hex) of the list the delta applies to, and of the list it produces. */
  fromChecksum: string;
  toChecksum: string;
  removedExact: number;
  removedRanges: number;
  upsertExact: number;
  upsertRanges: number;
}

interface Changes {
  removedExact: number[];
  removedRanges: { digits: number; value: number }[];
  upsertExact: { value: number; key: number }[];
  upsertRanges: { digits: number; value: number; key: number }[];
}

/**
 * The delta that turns list file `oldBytes` into list file `newBytes`. `toVersion`, when given, must be the
 * new file's version (a guard against publishing a delta under the wrong name).
 */
export function diffLists(oldBytes: Uint8Array, newBytes: Uint8Array, toVersion?: number): Uint8Array {
  const oldList = openList(oldBytes);
  const newList = openList(newBytes);
  if (toVersion !== undefined && toVersion !== newList.version)
    throw new DeltaError(`diffLists: the new list is version ${newList.version}, not ${toVersion}`);
  const a = oldList.toSorted();
  const b = newList.toSorted();
  const changes: Changes = { removedExact: [], removedRanges: [], upsertExact: [], upsertRanges: [] };

  let i = 0;
  let j = 0;
  while (i < a.exactValues.length || j < b.exactValues.length) {
    const va = i < a.exactValues.length ? (a.exactValues[i] as number) : Number.POSITIVE_INFINITY;
    const vb = j < b.exactValues.length ? (b.exactValues[j] as number) : Number.POSITIVE_INFINITY;
    if (va < vb) {
      changes.removedExact.push(va);
      i++;
    } else if (vb < va) {
      changes.upsertExact.push({ value: vb, key: b.exactKeys[j] as number });
      j++;
    } else {
      if (a.exactKeys[i] !== b.exactKeys[j]) changes.upsertExact.push({ value: vb, key: b.exactKeys[j] as number });
      i++;
      j++;
    }
  }

  const oldRanges = rangeMap(a);
  const newRanges = rangeMap(b);
  for (const [id, r] of oldRanges) if (!newRanges.has(id)) changes.removedRanges.push(r);
  for (const [id, r] of newRanges) if (oldRanges.get(id)?.key !== r.key) changes.upsertRanges.push(r);
  changes.removedRanges.sort(compareRanges);
  changes.upsertRanges.sort(compareRanges);

  return encodeDelta(oldList, newList, changes);
}

/**
 * Piece hashes of target bodies already computed: the service writes deltas from several old versions to one
 * new snapshot, and hashing 46 MB in JavaScript for each would cost ~0.2 s apiece.
 */
const pieceHashes = new WeakMap<Uint8Array, Uint8Array>();

function targetPieceHash(list: OpenedList): Uint8Array {
  let hash = pieceHashes.get(list.bytes);
  if (!hash) {
    hash = pieceHashSync(list.bytes);
    pieceHashes.set(list.bytes, hash);
  }
  return hash;
}

/**
 * Applies a delta to the list it was made from and returns the target list's bytes, byte for byte the
 * server's snapshot of that version. Throws DeltaError when the delta is corrupt, was made from another list,
 * or does not produce its target (the caller then downloads the snapshot); ListFormatError (reader.ts) when
 * the old list is in a format this code does not read, e.g. a client's list from before a format change.
 *
 * When the target keeps the old list's bucket size, segment size and payload index width (the usual day),
 * the old file's untouched lines are copied and only the touched ones re-encoded (line-patch.ts), into a
 * buffer of the size the target header gives. Otherwise the whole list is merged and written again. Either
 * way the result, closed by the target's own checksum (carried by the delta), is checked against the piece
 * hash the delta carries for the target file (WebCrypto, one 1 MiB piece at a time: piece-hash.ts).
 */
export async function applyDelta(oldBytes: Uint8Array, deltaBytes: Uint8Array): Promise<Uint8Array> {
  checkDeltaHeader(deltaBytes);
  const deltaBody = deltaBytes.subarray(0, deltaBytes.length - CHECKSUM_BYTES);
  if (!sameBytes(await sha256(deltaBody), deltaBytes.subarray(deltaBody.length)))
    throw new DeltaError('corrupt delta: checksum mismatch');
  const delta = decodeDelta(deltaBytes, false);
  const { info, target } = delta;
  // The light open (delta-source.ts): the patcher needs none of the look-up structures openList builds.
  const source = openDeltaSource(oldBytes);
  const from = source.header;
  if (from.version !== info.fromVersion || !sameBytes(source.checksum, deltaBytes.subarray(32, 64)))
    throw new DeltaError(
      `this delta goes from version ${info.fromVersion} (${info.fromChecksum.slice(0, 12)}…), the list is version ${from.version} (${toHexString(source.checksum).slice(0, 12)}…)`,
    );
  const samePacking =
    target.bucketBits === from.bucketBits &&
    target.segmentBits === from.segmentBits &&
    target.payloadBits === from.payloadBits;
  const bytes = samePacking ? patchList(source, delta) : rebuildList(openList(source.bytes), delta);
  // The target's embedded checksum comes from the delta; the piece hash covers it too.
  bytes.set(deltaBytes.subarray(64, 96), bytes.length - CHECKSUM_BYTES);
  if (!sameBytes(await pieceHash(bytes), delta.pieceHash))
    throw new DeltaError(`the rebuilt list does not hash to the target's (version ${info.toVersion})`);
  return bytes;
}

/** The target file by patching the old lines (same packing parameters); unsealed. */
function patchList(old: DeltaSource, delta: DecodedDelta): Uint8Array {
  const { target, table } = delta;
  const bytes = new Uint8Array(target.checksumOffset + CHECKSUM_BYTES);
  const buffer = bytes.buffer;
  bytes.set(delta.targetHeader);
  writePayloadTable(bytes, table);
  const targetIndex = new Map(table.map((key, i) => [key, i]));
  const oldKeys = old.payloadKeys;
  const payloadBits = old.header.payloadBits;
  let identity = oldKeys.length === table.length;
  // Every index the old records' width can hold (2^W ≥ the table's size): one past the table reads 0xffff.
  const remap = new Uint16Array(Math.max(oldKeys.length, 2 ** payloadBits)).fill(0xffff);
  for (let i = 0; i < oldKeys.length; i++) {
    const t = targetIndex.get(oldKeys[i] as number);
    remap[i] = t === undefined ? 0xffff : t;
    if (t !== i) identity = false;
  }
  const directory = new Uint32Array(
    buffer,
    target.directoryOffset,
    (target.rangeValuesOffset - target.directoryOffset) / 4,
  );
  const written = patchLines({
    bucketBits: target.bucketBits,
    segmentBits: target.segmentBits,
    payloadBits: target.payloadBits,
    oldWords: old.words,
    oldSegmentKeys: old.segmentKeys,
    oldSegmentFirstLine: old.segmentFirstLine,
    remap: identity ? null : remap,
    removed: delta.removedExact,
    upValues: delta.upsertExactValues,
    upIndex: delta.upsertExactIndex,
    outWords: new Uint32Array(buffer, target.linesOffset, target.lineCount * LINE_WORDS),
    outSegmentKeys: new Float64Array(buffer, target.segmentKeysOffset, target.segmentCount),
    outDirectory: directory,
  });
  if (written !== target.exactCount)
    throw new DeltaError(`the delta leaves ${written} numbers, its target header says ${target.exactCount}`);
  // The directory's rank words: lines started before each group of 32 buckets.
  let rank = 0;
  for (let w = 0; w < directory.length; w += 2) {
    directory[w] = rank;
    rank += popcount32(directory[w + 1] as number);
  }
  writeRanges(
    bytes,
    target,
    mergeRanges(sourceRanges(old), delta.changes.removedRanges, delta.changes.upsertRanges),
    targetIndex,
  );
  return bytes;
}

/** The target file by merging every number and writing the list again (the packing changed); unsealed. */
function rebuildList(oldList: OpenedList, delta: DecodedDelta): Uint8Array {
  // Exact numbers travel with an index into sourceKeys (the old file's payload table, then the target's) rather
  // than a key: the encoder then needs no hash lookup per number (writer.ts encodeIndexedList).
  const oldPayloadKeys = oldList.payloadKeys();
  const sourceKeys = Float64Array.from([...oldPayloadKeys, ...delta.table]);
  const { values, index, n } = mergeExact(
    oldList,
    delta.removedExact,
    delta.upsertExactValues,
    Uint32Array.from(delta.upsertExactIndex, (t) => t + oldPayloadKeys.length),
  );
  const ranges = mergeRanges(oldList.rangeColumns(), delta.changes.removedRanges, delta.changes.upsertRanges);
  const bytes = encodeIndexedListUnsealed({
    version: delta.info.toVersion,
    exactValues: values.subarray(0, n),
    sourceIndex: index.subarray(0, n),
    sourceKeys,
    ...ranges,
  });
  if (bytes.length !== delta.target.checksumOffset + CHECKSUM_BYTES)
    throw new DeltaError('the rebuilt list does not have the size its target header says');
  return bytes;
}

/** The payload table section (docs/list-format.md §Sections). */
function writePayloadTable(bytes: Uint8Array, table: readonly number[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < table.length; i++) {
    const key = table[i] as number;
    const at = HEADER_BYTES + i * PAYLOAD_BYTES;
    view.setUint8(at, keyCategory(key));
    view.setUint8(at + 1, keyScore(key));
    view.setUint16(at + 2, keyDay(key), true);
    view.setUint32(at + 4, keyReports(key), true);
  }
}

/** The range sections: prefix values, groups by digit count, and each range's payload index. */
function writeRanges(
  bytes: Uint8Array,
  target: ListHeader,
  ranges: RangeColumns,
  targetIndex: Map<number, number>,
): void {
  const count = ranges.rangeValues.length;
  if (count !== target.rangeCount)
    throw new DeltaError(`the delta leaves ${count} ranges, its target header says ${target.rangeCount}`);
  const groups: number[] = [];
  for (let i = 0; i < count; i++)
    if (i === 0 || ranges.rangeDigits[i] !== ranges.rangeDigits[i - 1]) groups.push(ranges.rangeDigits[i] as number, i);
  if (groups.length / 2 !== target.groupCount)
    throw new DeltaError('the delta leaves another number of range lengths than its target header says');
  const buffer = bytes.buffer;
  new Float64Array(buffer, target.rangeValuesOffset, count).set(ranges.rangeValues);
  new Uint32Array(buffer, target.rangeGroupsOffset, groups.length).set(groups);
  const payload = new Uint16Array(buffer, target.rangePayloadOffset, count);
  for (let i = 0; i < count; i++) {
    const t = targetIndex.get(ranges.rangeKeys[i] as number);
    if (t === undefined) throw new DeltaError('a range has a payload missing from the target table');
    payload[i] = t;
  }
}

/** SHA-256 through WebCrypto (every browser context Vigie runs in, and Node, has it). */
async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One merge pass over three sorted sequences (old, removals, upserts), in typed arrays: the new exact numbers
 * and their indices into the source keys. A function of its own: V8 optimises a small sync loop far better
 * than the same loop inside the async applyDelta.
 */
function mergeExact(
  oldList: OpenedList,
  removed: Float64Array,
  upValues: Float64Array,
  upIndex: Uint32Array,
): { values: Float64Array; index: Uint16Array; n: number } {
  const upCount = upValues.length;
  const removedCount = removed.length;
  const values = new Float64Array(oldList.exactCount + upCount);
  // Source indices stay below 2048: the old table and the delta's have at most 1024 payloads each.
  const index = new Uint16Array(oldList.exactCount + upCount);
  let n = 0;
  let r = 0;
  let u = 0;
  for (const chunk of oldList.exactChunks()) {
    const old = chunk.values;
    const oldIndex = chunk.payloadIndex;
    const oldCount = chunk.count;
    let i = 0;
    while (i < oldCount) {
      // Old numbers below the next removal or upsert are kept as they are: copy the run in one block (a
      // memcpy), instead of testing both queues for each of the ~97 % of numbers the delta does not touch.
      const next = Math.min(
        r < removedCount ? (removed[r] as number) : Number.POSITIVE_INFINITY,
        u < upCount ? (upValues[u] as number) : Number.POSITIVE_INFINITY,
      );
      let end = i;
      while (end < oldCount && (old[end] as number) < next) end++;
      if (end > i) {
        values.set(old.subarray(i, end), n);
        index.set(oldIndex.subarray(i, end), n);
        n += end - i;
        i = end;
        if (i === oldCount) break;
      }
      const vo = old[i] as number;
      // Upserts below the next old number are new entries.
      while (u < upCount && (upValues[u] as number) < vo) {
        values[n] = upValues[u] as number;
        index[n++] = upIndex[u++] as number;
      }
      if (r < removedCount && (removed[r] as number) <= vo) {
        if ((removed[r] as number) < vo)
          throw new DeltaError(`delta removes +${removed[r]}, which the list does not hold`);
        if (u < upCount && upValues[u] === vo) throw new DeltaError(`delta both removes and upserts +${vo}`);
        r++;
        i++;
        continue;
      }
      values[n] = vo;
      if (u < upCount && upValues[u] === vo) index[n++] = upIndex[u++] as number;
      else index[n++] = oldIndex[i] as number;
      i++;
    }
  }
  while (u < upCount) {
    values[n] = upValues[u] as number;
    index[n++] = upIndex[u++] as number;
  }
  if (r < removedCount) throw new DeltaError(`delta removes +${removed[r]}, which the list does not hold`);
  return { values, index, n };
}

type RangeColumns = Pick<SortedList, 'rangeDigits' | 'rangeValues' | 'rangeKeys'>;
type Range = { digits: number; value: number };

/**
 * Old ranges minus removals plus upserts, as one merge of sorted sequences (the file's order: digit count
 * descending, then prefix value; diffLists writes both lists in that order). An upsert of a removed range
 * keeps the upsert. Replaces a Map keyed by strings, which cost ~15 ms cold for 20,000 ranges.
 */
function mergeRanges(
  old: RangeColumns,
  removed: readonly { digits: number; value: number }[],
  upserts: readonly { digits: number; value: number; key: number }[],
): RangeColumns {
  for (const list of [removed, upserts]) {
    for (let j = 1; j < list.length; j++)
      if (compareRanges(list[j - 1] as Range, list[j] as Range) >= 0)
        throw new DeltaError('corrupt delta: ranges out of order');
  }
  const count = old.rangeValues.length;
  const digits = new Uint8Array(count + upserts.length);
  const values = new Float64Array(count + upserts.length);
  const keys = new Float64Array(count + upserts.length);
  let m = 0;
  let i = 0;
  let x = 0;
  let y = 0;
  const missing = (r: Range): DeltaError =>
    new DeltaError(`delta removes range ${r.value}* that the list does not hold`);
  while (i < count || y < upserts.length) {
    const up = upserts[y];
    const od = old.rangeDigits[i] as number;
    const ov = old.rangeValues[i] as number;
    // ≤ 0: the old range comes first (or is the upsert's own range); > 0: the upsert comes first.
    const order = i >= count ? 1 : up === undefined ? -1 : up.digits - od || ov - up.value;
    if (order <= 0) {
      let dropped = false;
      const rem = removed[x];
      if (rem !== undefined) {
        const before = od - rem.digits || rem.value - ov; // compareRanges(rem, old range)
        if (before < 0) throw missing(rem);
        if (before === 0) {
          x++;
          dropped = true;
        }
      }
      if (order === 0 && up !== undefined) {
        digits[m] = up.digits;
        values[m] = up.value;
        keys[m++] = up.key;
        y++;
      } else if (!dropped) {
        digits[m] = od;
        values[m] = ov;
        keys[m++] = old.rangeKeys[i] as number;
      }
      i++;
    } else if (up !== undefined) {
      digits[m] = up.digits;
      values[m] = up.value;
      keys[m++] = up.key;
      y++;
    }
  }
  const rest = removed[x];
  if (rest !== undefined) throw missing(rest);
  return { rangeDigits: digits.slice(0, m), rangeValues: values.slice(0, m), rangeKeys: keys.slice(0, m) };
}

/** The header of a delta (after checking its own checksum). */
export function readDeltaInfo(deltaBytes: Uint8Array): DeltaInfo {
  return decodeDelta(deltaBytes).info;
}

// ——— encoding ———

function rangeId(r: { digits: number; value: number }): string {
  return `${r.digits}:${r.value}`;
}

function rangeMap(
  list: Pick<SortedList, 'rangeDigits' | 'rangeValues' | 'rangeKeys'>,
): Map<string, { digits: number; value: number; key: number }> {
  const map = new Map<string, { digits: number; value: number; key: number }>();
  for (let i = 0; i < list.rangeValues.length; i++) {
    const r = {
      digits: list.rangeDigits[i] as number,
      value: list.rangeValues[i] as number,
      key: list.rangeKeys[i] as number,
    };
    map.set(rangeId(r), r);
  }
  return map;
}

function compareRanges(a: { digits: number; value: number }, b: { digits: number; value: number }): number {
  return b.digits - a.digits || a.value - b.value;
}

/** A growable byte buffer with LEB128 varints of integers up to 2^53 (exact in doubles). */
class ByteWriter {
  bytes = new Uint8Array(1024);
  length = 0;
  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  u8(v: number): void {
    this.ensure(1);
    this.bytes[this.length++] = v;
  }
  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  varint(v: number): void {
    this.ensure(8);
    let x = v;
    while (x >= 128) {
      this.bytes[this.length++] = (x % 128) | 128;
      x = Math.floor(x / 128);
    }
    this.bytes[this.length++] = x;
  }
}

class ByteReader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  u8(): number {
    if (this.at >= this.bytes.length) throw new DeltaError('corrupt delta: truncated');
    return this.bytes[this.at++] as number;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      value += (b & 127) * scale;
      if (b < 128) return value;
      scale *= 128;
    }
    throw new DeltaError('corrupt delta: varint too long');
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function encodeDelta(oldList: OpenedList, newList: OpenedList, c: Changes): Uint8Array {
  const w = new ByteWriter();
  const header = new Uint8Array(DELTA_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, DELTA_MAGIC, true);
  view.setUint16(4, DELTA_FORMAT, true);
  view.setUint16(6, DELTA_HEADER_BYTES, true);
  view.setUint32(8, oldList.version, true);
  view.setUint32(12, newList.version, true);
  view.setUint32(16, c.removedExact.length, true);
  view.setUint32(20, c.removedRanges.length, true);
  view.setUint32(24, c.upsertExact.length, true);
  view.setUint32(28, c.upsertRanges.length, true);
  header.set(hexBytes(oldList.checksumHex), 32);
  header.set(hexBytes(newList.checksumHex), 64);
  header.set(newList.bytes.subarray(0, HEADER_BYTES), TARGET_HEADER_AT);
  header.set(targetPieceHash(newList), PIECE_HASH_AT);
  w.raw(header);

  // The target's payload table (what applyDelta writes, and maps the old table's indices to), then an index
  // into it per upsert.
  const table = newList.payloadKeys();
  const index = new Map(table.map((k, i) => [k, i]));
  w.varint(table.length);
  for (const key of table) {
    w.u8(keyCategory(key));
    w.u8(keyScore(key));
    w.varint(keyDay(key));
    w.varint(keyReports(key));
  }
  // Sorted numbers as gaps from the previous one: about 3 bytes each at 1M numbers over 10^9.
  let previous = 0;
  for (const v of c.removedExact) {
    w.varint(v - previous);
    previous = v;
  }
  for (const r of c.removedRanges) {
    w.u8(r.digits);
    w.varint(r.value);
  }
  previous = 0;
  for (const x of c.upsertExact) {
    w.varint(x.value - previous);
    w.varint(index.get(x.key) as number);
    previous = x.value;
  }
  for (const r of c.upsertRanges) {
    w.u8(r.digits);
    w.varint(r.value);
    w.varint(index.get(r.key) as number);
  }
  const body = w.bytes.subarray(0, w.length);
  const out = new Uint8Array(body.length + CHECKSUM_BYTES);
  out.set(body);
  out.set(sha256Sync(body), body.length);
  return out;
}

function toHexString(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** A decoded delta; `table` is its payload table and upsertExactIndex each exact upsert's index in it. */
interface DecodedDelta {
  info: DeltaInfo;
  /** The ranges' changes (few); the exact numbers' are in the typed columns below. */
  changes: Pick<Changes, 'removedRanges' | 'upsertRanges'>;
  /** The target list's payload table (keys, ascending); upsertExactIndex and the ranges index into it. */
  table: number[];
  removedExact: Float64Array;
  upsertExactValues: Float64Array;
  upsertExactIndex: Uint16Array;
  /** The target list's header, as bytes and checked fields, and the piece hash of the whole target file. */
  targetHeader: Uint8Array;
  target: ListHeader;
  pieceHash: Uint8Array;
}

/**
 * Reads `values.length` ascending numbers written as varint gaps (each followed by a varint payload index
 * when `index` is given) from `body` at `at`; returns the position after them. One loop over locals: the
 * hundreds of thousands of numbers of a daily delta at 15M.
 */
function readGaps(
  body: Uint8Array,
  at: number,
  values: Float64Array,
  index: Uint16Array | null,
  tableSize: number,
  what: string,
): number {
  const end = body.length;
  let value = 0;
  let p = at;
  for (let i = 0; i < values.length; i++) {
    for (let part = 0; part < (index === null ? 1 : 2); part++) {
      let x = 0;
      let scale = 1;
      for (let b = 0; ; b++) {
        if (p >= end) throw new DeltaError('corrupt delta: truncated');
        if (b === 8) throw new DeltaError('corrupt delta: varint too long');
        const byte = body[p++] as number;
        x += (byte & 127) * scale;
        if (byte < 128) break;
        scale *= 128;
      }
      if (part === 0) {
        if (i > 0 && x === 0) throw new DeltaError(`corrupt delta: ${what} out of order`);
        value += x;
        values[i] = value;
      } else if (index !== null) {
        if (x >= tableSize) throw new DeltaError('corrupt delta: payload index out of range');
        index[i] = x;
      }
    }
  }
  return p;
}

/** Decodes a delta; `checkSum` false when the caller has checked its SHA-256 already (applyDelta, WebCrypto). */
function checkDeltaHeader(bytes: Uint8Array): DataView {
  // Shorter than any delta format's header: too short; then the magic and format, then this format's length.
  if (!(bytes instanceof Uint8Array) || bytes.length < TARGET_HEADER_AT + CHECKSUM_BYTES)
    throw new DeltaError('not a Vigie delta: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== DELTA_MAGIC) throw new DeltaError('not a Vigie delta: bad magic number');
  const format = view.getUint16(4, true);
  if (format !== DELTA_FORMAT) throw new DeltaError(`delta format ${format} is not supported`);
  if (bytes.length < DELTA_HEADER_BYTES + CHECKSUM_BYTES) throw new DeltaError('not a Vigie delta: too short');
  if (view.getUint16(6, true) !== DELTA_HEADER_BYTES) throw new DeltaError('corrupt delta: bad header size');
  return view;
}

function decodeDelta(bytes: Uint8Array, checkSum = true): DecodedDelta {
  const view = checkDeltaHeader(bytes);
  const body = bytes.subarray(0, bytes.length - CHECKSUM_BYTES);
  if (checkSum && !sameBytes(sha256Sync(body), bytes.subarray(body.length)))
    throw new DeltaError('corrupt delta: checksum mismatch');

  const info: DeltaInfo = {
    fromVersion: view.getUint32(8, true),
    toVersion: view.getUint32(12, true),
    removedExact: view.getUint32(16, true),
    removedRanges: view.getUint32(20, true),
    upsertExact: view.getUint32(24, true),
    upsertRanges: view.getUint32(28, true),
    fromChecksum: toHexString(bytes.subarray(32, 64)),
    toChecksum: toHexString(bytes.subarray(64, 96)),
  };
  const total = info.removedExact + info.removedRanges + info.upsertExact + info.upsertRanges;
  if (total > body.length) throw new DeltaError('corrupt delta: counts larger than the file');
  const rd = new ByteReader(body);
  rd.at = DELTA_HEADER_BYTES;
  const targetHeader = bytes.subarray(TARGET_HEADER_AT, TARGET_HEADER_AT + HEADER_BYTES);
  let target: ListHeader;
  try {
    target = readListHeader(new DataView(bytes.buffer, bytes.byteOffset + TARGET_HEADER_AT, HEADER_BYTES));
  } catch (error) {
    if (error instanceof ListFormatError) throw new DeltaError(`the delta's target list: ${error.message}`);
    throw error;
  }
  if (target.version !== info.toVersion) throw new DeltaError('corrupt delta: the target header has another version');
  const tableSize = rd.varint();
  if (tableSize !== target.payloadCount || tableSize > MAX_PAYLOADS)
    throw new DeltaError("corrupt delta: the payload table is not the target header's");
  const table: number[] = [];
  for (let i = 0; i < tableSize; i++) {
    const category = rd.u8();
    const score = rd.u8();
    const day = rd.varint();
    const reports = rd.varint();
    if (category >= CATEGORIES.length || day > 0xffff || reports > 0xff_ffff)
      throw new DeltaError(`corrupt delta: bad payload ${i}`);
    const key = makeKey(category, score, day, reports);
    if (i > 0 && !(key > (table[i - 1] as number))) throw new DeltaError('corrupt delta: payload table out of order');
    table.push(key);
  }
  const payload = (): number => {
    const key = table[rd.varint()];
    if (key === undefined) throw new DeltaError('corrupt delta: payload index out of range');
    return key;
  };
  const upsertExactIndex = new Uint16Array(info.upsertExact);
  const digits = (): number => {
    const d = rd.u8();
    if (d < 1 || d > MAX_DIGITS) throw new DeltaError('corrupt delta: bad range length');
    return d;
  };
  const changes: DecodedDelta['changes'] = { removedRanges: [], upsertRanges: [] };
  const removedExact = new Float64Array(info.removedExact);
  const upsertExactValues = new Float64Array(info.upsertExact);
  rd.at = readGaps(body, rd.at, removedExact, null, 0, 'removals');
  for (let i = 0; i < info.removedRanges; i++) changes.removedRanges.push({ digits: digits(), value: rd.varint() });
  rd.at = readGaps(body, rd.at, upsertExactValues, upsertExactIndex, table.length, 'upserts');
  for (let i = 0; i < info.upsertRanges; i++) {
    const d = digits();
    const v = rd.varint();
    changes.upsertRanges.push({ digits: d, value: v, key: payload() });
  }
  if (rd.at !== body.length) throw new DeltaError('corrupt delta: trailing bytes');
  return {
    info,
    changes,
    table,
    removedExact,
    upsertExactValues,
    upsertExactIndex,
    targetHeader,
    target,
    pieceHash: bytes.subarray(PIECE_HASH_AT, PIECE_HASH_AT + 32),
  };
}
