/**
 * Deltas between two versions of the crowd list: removals, then upserts (new entries and changed payloads),
 * the way Safe Browsing v4 updates its local list (STYLE.md §7). Applying a delta rebuilds the whole target
 * list with the deterministic writer and checks it against the target's own SHA-256, carried in the delta:
 * a client either holds exactly the server's snapshot of that version, or gets an error and falls back to
 * the snapshot. Format: docs/list-format.md §Delta.
 */

import { CATEGORIES } from '../verdict.ts';
import { CHECKSUM_BYTES } from './layout.ts';
import { MAX_DIGITS } from './pattern.ts';
import { keyCategory, keyDay, keyReports, keyScore, makeKey } from './payload-table.ts';
import { type OpenedList, openList } from './reader.ts';
import { sha256Sync } from './sha256-sync.ts';
import { encodeIndexedListUnsealed, type SortedList } from './writer.ts';

/** `VGCD` (Vigie Crowd Delta) read as a little-endian u32. */
export const DELTA_MAGIC = 0x44434756;
export const DELTA_FORMAT = 1;
export const DELTA_HEADER_BYTES = 96;

/** Thrown when a delta is corrupt or does not lead from the given list to its target. */
export class DeltaError extends Error {
  override name = 'DeltaError';
}

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

  return encodeDelta(oldList.version, newList.version, oldList.checksumHex, newList.checksumHex, changes);
}

/**
 * Applies a delta to the list it was made from and returns the target list's bytes, byte for byte the
 * server's snapshot of that version. Throws DeltaError when the delta is corrupt, was made from another list,
 * or does not produce its target (the caller then downloads the snapshot); ListFormatError (reader.ts) when
 * the old list is in a format this code does not read, e.g. a client's list from before a format change.
 * Asynchronous because both SHA-256s (the delta's and the rebuilt list's) go to WebCrypto: native code hashes
 * a 15M-number list (~50 MB) in tens of milliseconds, where the JavaScript one (sha256-sync.ts) takes ~500 ms.
 */
export async function applyDelta(oldBytes: Uint8Array, deltaBytes: Uint8Array): Promise<Uint8Array> {
  checkDeltaHeader(deltaBytes);
  const deltaBody = deltaBytes.subarray(0, deltaBytes.length - CHECKSUM_BYTES);
  if (!sameBytes(await sha256(deltaBody), deltaBytes.subarray(deltaBody.length)))
    throw new DeltaError('corrupt delta: checksum mismatch');
  const { info, changes, table, upsertExactIndex, removedExact, upsertExactValues } = decodeDelta(deltaBytes, false);
  const oldList = openList(oldBytes);
  if (oldList.version !== info.fromVersion || oldList.checksumHex !== info.fromChecksum)
    throw new DeltaError(
      `this delta goes from version ${info.fromVersion} (${info.fromChecksum.slice(0, 12)}…), the list is version ${oldList.version} (${oldList.checksumHex.slice(0, 12)}…)`,
    );
  // Exact numbers travel with an index into sourceKeys (the old file's payload table, then the delta's) rather
  // than a key: the encoder then needs no hash lookup per number (writer.ts encodeIndexedList).
  const oldPayloadKeys = oldList.payloadKeys();
  const sourceKeys = Float64Array.from([...oldPayloadKeys, ...table]);
  const { values, index, n } = mergeExact(
    oldList,
    removedExact,
    upsertExactValues,
    upsertExactIndex.map((t) => t + oldPayloadKeys.length),
  );

  const ranges = mergeRanges(oldList.rangeColumns(), changes.removedRanges, changes.upsertRanges);

  const bytes = encodeIndexedListUnsealed({
    version: info.toVersion,
    exactValues: values.subarray(0, n),
    sourceIndex: index.subarray(0, n),
    sourceKeys,
    ...ranges,
  });
  const body = bytes.length - CHECKSUM_BYTES;
  bytes.set(await sha256(bytes.subarray(0, body)), body);
  const checksum = toHexString(bytes.subarray(body));
  if (checksum !== info.toChecksum)
    throw new DeltaError(`the rebuilt list's SHA-256 ${checksum} is not the target's ${info.toChecksum}`);
  return bytes;
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

function encodeDelta(fromVersion: number, toVersion: number, fromSum: string, toSum: string, c: Changes): Uint8Array {
  const w = new ByteWriter();
  const header = new Uint8Array(DELTA_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, DELTA_MAGIC, true);
  view.setUint16(4, DELTA_FORMAT, true);
  view.setUint16(6, DELTA_HEADER_BYTES, true);
  view.setUint32(8, fromVersion, true);
  view.setUint32(12, toVersion, true);
  view.setUint32(16, c.removedExact.length, true);
  view.setUint32(20, c.removedRanges.length, true);
  view.setUint32(24, c.upsertExact.length, true);
  view.setUint32(28, c.upsertRanges.length, true);
  header.set(hexBytes(fromSum), 32);
  header.set(hexBytes(toSum), 64);
  w.raw(header);

  // The upserts' payloads, once each (ascending keys), then a small index per upsert.
  const table = [...new Set([...c.upsertExact.map((x) => x.key), ...c.upsertRanges.map((x) => x.key)])].sort(
    (x, y) => x - y,
  );
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
  table: number[];
  removedExact: Float64Array;
  upsertExactValues: Float64Array;
  upsertExactIndex: Uint32Array;
}

/** Decodes a delta; `checkSum` false when the caller has checked its SHA-256 already (applyDelta, WebCrypto). */
function checkDeltaHeader(bytes: Uint8Array): DataView {
  if (!(bytes instanceof Uint8Array) || bytes.length < DELTA_HEADER_BYTES + CHECKSUM_BYTES)
    throw new DeltaError('not a Vigie delta: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== DELTA_MAGIC) throw new DeltaError('not a Vigie delta: bad magic number');
  const format = view.getUint16(4, true);
  if (format !== DELTA_FORMAT) throw new DeltaError(`delta format ${format} is not supported`);
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
  const tableSize = rd.varint();
  if (tableSize > body.length) throw new DeltaError('corrupt delta: payload table larger than the file');
  const table: number[] = [];
  for (let i = 0; i < tableSize; i++) {
    const category = rd.u8();
    const score = rd.u8();
    const day = rd.varint();
    const reports = rd.varint();
    if (category >= CATEGORIES.length || day > 0xffff || reports > 0xff_ffff)
      throw new DeltaError(`corrupt delta: bad payload ${i}`);
    table.push(makeKey(category, score, day, reports));
  }
  let lastIndex = 0;
  const payload = (): number => {
    lastIndex = rd.varint();
    const key = table[lastIndex];
    if (key === undefined) throw new DeltaError('corrupt delta: payload index out of range');
    return key;
  };
  const upsertExactIndex = new Uint32Array(info.upsertExact);
  const digits = (): number => {
    const d = rd.u8();
    if (d < 1 || d > MAX_DIGITS) throw new DeltaError('corrupt delta: bad range length');
    return d;
  };
  const changes: DecodedDelta['changes'] = { removedRanges: [], upsertRanges: [] };
  const removedExact = new Float64Array(info.removedExact);
  const upsertExactValues = new Float64Array(info.upsertExact);
  let value = 0;
  for (let i = 0; i < info.removedExact; i++) {
    const gap = rd.varint();
    if (i > 0 && gap === 0) throw new DeltaError('corrupt delta: removals out of order');
    value += gap;
    removedExact[i] = value;
  }
  for (let i = 0; i < info.removedRanges; i++) changes.removedRanges.push({ digits: digits(), value: rd.varint() });
  value = 0;
  for (let i = 0; i < info.upsertExact; i++) {
    const gap = rd.varint();
    if (i > 0 && gap === 0) throw new DeltaError('corrupt delta: upserts out of order');
    value += gap;
    upsertExactValues[i] = value;
    payload();
    upsertExactIndex[i] = lastIndex;
  }
  for (let i = 0; i < info.upsertRanges; i++) {
    const d = digits();
    const v = rd.varint();
    changes.upsertRanges.push({ digits: d, value: v, key: payload() });
  }
  if (rd.at !== body.length) throw new DeltaError('corrupt delta: trailing bytes');
  return { info, changes, table, removedExact, upsertExactValues, upsertExactIndex };
}
