/**
 * The crowd list writer: entries in, the binary file of docs/list-format.md out.
 *
 * Deterministic by construction: entries are sorted by number, duplicates are resolved by a fixed rule, the
 * payload table is sorted by payload, the layout parameters are chosen by a pure function of the numbers, and
 * every padding byte is zero. The sync protocol relies on it: a client that rebuilt a list from deltas hashes
 * it and compares with the server's snapshot (Safe Browsing v4 checks its full list the same way).
 */

import {
  align8,
  CHECKSUM_BYTES,
  H,
  HEADER_BYTES,
  indexBits,
  LIST_FORMAT,
  LIST_MAGIC,
  MAX_LOW_BITS,
  MAX_RECORD_BITS,
  MAX_SUB_BITS,
  MIN_LOW_BITS,
  PAYLOAD_BYTES,
  RECORD_PADDING,
} from './layout.ts';
import { patternValue } from './pattern.ts';
import {
  buildPayloadTable,
  keyCategory,
  keyDay,
  keyReports,
  keyScore,
  type PayloadTable,
  payloadKey,
  payloadProblem,
} from './payload-table.ts';
import { sha256Sync } from './sha256-sync.ts';
import type { ListEntry } from './types.ts';

/** A list in sorted columns: what the writer encodes and what the delta codec merges. */
export interface SortedList {
  version: number;
  /** Exact numbers as integers, strictly ascending. */
  exactValues: Float64Array;
  /** Payload key (payload-table.ts) of each exact number. */
  exactKeys: Float64Array;
  /** Ranges ordered by digit count descending, then prefix value ascending, no repeats. */
  rangeDigits: Uint8Array;
  rangeValues: Float64Array;
  rangeKeys: Float64Array;
}

export interface WriteOptions {
  /** The list version (u32), e.g. the publication number on the server. */
  version: number;
}

/**
 * Writes a list file. Throws an Error naming the offending entries when a pattern or payload is invalid (the
 * writer is fed by the server and the CLI, which check user input before; this is the last guard).
 * When one pattern appears twice, the entry with the greater payload wins, in the order
 * (category, score, lastReportDay, reports) — arbitrary but fixed, so the output never depends on input order.
 */
export function writeList(entries: readonly ListEntry[], opts: WriteOptions): Uint8Array {
  return encodeSortedList(sortEntries(entries, opts.version));
}

/** Validates and sorts entries into columns (see writeList for the duplicate rule). */
export function sortEntries(entries: readonly ListEntry[], version: number): SortedList {
  checkVersion(version);
  const problems: string[] = [];
  let bad = 0;
  // Typed columns straight away: no object per entry (a 5M-entry list would spend seconds in the GC).
  const n = entries.length;
  const exactValues = new Float64Array(n);
  const exactKeys = new Float64Array(n);
  const ranges: { digits: number; value: number; key: number }[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    const entry = entries[i] as ListEntry | undefined;
    const pattern = entry?.pattern;
    const value = typeof pattern === 'string' ? patternValue(pattern) : -1;
    const problem =
      value < 0
        ? `bad pattern ${JSON.stringify(pattern)}`
        : entry?.payload
          ? payloadProblem(entry.payload)
          : 'no payload';
    if (problem !== null) {
      bad++;
      if (problems.length < 10) problems.push(`entry ${i}${value < 0 ? '' : ` (${pattern})`}: ${problem}`);
      continue;
    }
    const { pattern: text, payload } = entry as ListEntry;
    const key = payloadKey(payload);
    if (text.charCodeAt(text.length - 1) === 42 /* * */) ranges.push({ digits: text.length - 2, value, key });
    else {
      exactValues[e] = value;
      exactKeys[e] = key;
      e++;
    }
  }
  if (bad > 0) {
    throw new Error(
      `writeList: ${bad} invalid entr${bad === 1 ? 'y' : 'ies'} (patterns are E.164 like +33612345678 or a prefix like +33162*):\n  ${problems.join('\n  ')}`,
    );
  }
  const exact = sortExact(exactValues.subarray(0, e), exactKeys.subarray(0, e));
  ranges.sort((a, b) => b.digits - a.digits || a.value - b.value || a.key - b.key);
  // After the sort, the last of equal patterns has the greatest key: keep it.
  const kept = ranges.filter((r, i) => {
    const next = ranges[i + 1];
    return !next || next.digits !== r.digits || next.value !== r.value;
  });
  return {
    version,
    exactValues: exact.values,
    exactKeys: exact.keys,
    rangeDigits: Uint8Array.from(kept, (r) => r.digits),
    rangeValues: Float64Array.from(kept, (r) => r.value),
    rangeKeys: Float64Array.from(kept, (r) => r.key),
  };
}

function checkVersion(version: number): void {
  if (!Number.isInteger(version) || version < 0 || version > 0xffff_ffff)
    throw new Error(`writeList: version ${version} is not an integer 0–4294967295`);
}

/** Sorts by value and keeps, among equal values, the one with the greatest key. */
function sortExact(values: Float64Array, keys: Float64Array): { values: Float64Array; keys: Float64Array } {
  const n = values.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = (values[i - 1] as number) < (values[i] as number);
  if (sorted) return { values, keys };
  const order = radixOrder(values);
  const outValues = new Float64Array(n);
  const outKeys = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const at = order[i] as number;
    const v = values[at] as number;
    const k = keys[at] as number;
    if (m > 0 && outValues[m - 1] === v) {
      if (k > (outKeys[m - 1] as number)) outKeys[m - 1] = k;
      continue;
    }
    outValues[m] = v;
    outKeys[m] = k;
    m++;
  }
  return { values: outValues.slice(0, m), keys: outKeys.slice(0, m) };
}

/**
 * The permutation that sorts `values` (integers below 2^52): a stable LSD radix sort, four passes of 13 bits.
 * A comparison sort with a callback takes seconds on millions of numbers; this takes a few hundred ms.
 */
function radixOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const h = Math.floor(v / 0x400_0000); // 2^26
    hi[i] = h;
    lo[i] = v - h * 0x400_0000;
  }
  const counts = new Uint32Array(8193);
  for (const [part, shift] of [
    [lo, 0],
    [lo, 13],
    [hi, 0],
    [hi, 13],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = (((part[order[i] as number] as number) >>> shift) & 0x1fff) + 1;
      counts[digit] = (counts[digit] as number) + 1;
    }
    for (let d = 1; d <= 8192; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
    for (let i = 0; i < n; i++) {
      const at = order[i] as number;
      const digit = ((part[at] as number) >>> shift) & 0x1fff;
      next[counts[digit] as number] = at;
      counts[digit] = (counts[digit] as number) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** The highest bit in which two integers below 2^53 differ (−1 when equal). */
function highestDifferingBit(a: number, b: number): number {
  const hiA = Math.floor(a / 0x1_0000_0000);
  const hiB = Math.floor(b / 0x1_0000_0000);
  if (hiA !== hiB) return 63 - Math.clz32(hiA ^ hiB);
  const x = (a - hiA * 0x1_0000_0000) ^ (b - hiB * 0x1_0000_0000);
  return 31 - Math.clz32(x);
}

export interface ExactLayout {
  lowBits: number;
  bucketShift: number;
  bucketCount: number;
  /** Bytes of the bucket directory plus the packed records (what the choice minimises). */
  bytes: number;
}

/**
 * Chooses how to split numbers: bucket = value >> bucketShift (a sparse, sorted directory), sub-bucket = the
 * next (bucketShift − lowBits) bits (a dense offset table per bucket), and the lowBits left are stored in
 * each record. Dense lists favour few stored bits and a bigger offset table; sparse ones the reverse. The
 * smallest total wins; ties go to the first tried, so the choice is a pure function of the numbers.
 */
export function chooseExactLayout(values: Float64Array, payloadBits: number): ExactLayout {
  const n = values.length;
  // buckets(S) = 1 + number of consecutive pairs that differ at bit S or above: one pass, a histogram.
  const differAt = new Float64Array(64);
  for (let i = 1; i < n; i++) {
    const d = highestDifferingBit(values[i - 1] as number, values[i] as number);
    differAt[d] = (differAt[d] as number) + 1;
  }
  const bucketsAtShift = new Float64Array(65);
  for (let s = 63; s >= 0; s--) bucketsAtShift[s] = (bucketsAtShift[s + 1] as number) + (differAt[s] as number);
  let best: ExactLayout | null = null;
  // A record is read with one 4-byte load shifted by up to 7 bits: it must fit 24 bits.
  const maxLowBits = Math.min(MAX_LOW_BITS, MAX_RECORD_BITS - payloadBits);
  for (let lowBits = MIN_LOW_BITS; lowBits <= maxLowBits; lowBits++) {
    const recordBytes = Math.ceil((n * (lowBits + payloadBits)) / 8);
    for (let sub = 0; sub <= MAX_SUB_BITS; sub++) {
      const shift = lowBits + sub;
      const buckets = n === 0 ? 0 : 1 + (bucketsAtShift[shift] as number);
      const bytes = align8(buckets * 8) + align8((buckets * 2 ** sub + 1) * 4) + recordBytes;
      if (!best || bytes < best.bytes) best = { lowBits, bucketShift: shift, bucketCount: buckets, bytes };
    }
  }
  return best as ExactLayout;
}

/** Encodes sorted columns (SortedList invariants are the caller's job; sortEntries establishes them). */
export function encodeSortedList(list: SortedList): Uint8Array {
  checkVersion(list.version);
  const table = buildPayloadTable(list.exactKeys, list.rangeKeys);
  const n = list.exactValues.length;
  const tableIndex = new Uint32Array(n);
  for (let i = 0; i < n; i++) tableIndex[i] = table.indexOf(list.exactKeys[i] as number);
  const identity = Uint32Array.from(table.keys, (_, i) => i);
  return encodeWithTable(list, tableIndex, identity, table);
}

/** Sorted exact numbers given by an index into a small array of payload keys, plus ranges: see encodeIndexedList. */
export interface IndexedList
  extends Pick<SortedList, 'version' | 'exactValues' | 'rangeDigits' | 'rangeValues' | 'rangeKeys'> {
  /** For each exact number, an index into `sourceKeys`. */
  sourceIndex: Uint32Array;
  /** Payload keys, repeats allowed (e.g. the old file's table followed by a delta's). */
  sourceKeys: Float64Array;
}

/**
 * Encodes the same bytes as encodeSortedList for the list whose exact keys are sourceKeys[sourceIndex[i]],
 * without hashing a key per number: the payload table depends only on the set of keys used (it is sorted),
 * so the keys actually used are found with one flag per source key, the table is built from those few, and
 * each number's table index comes from a lookup array. applyDelta uses it (the old file's records already
 * hold table indices); it saves a hash lookup per number and two 8-byte-per-number key columns.
 */
export function encodeIndexedList(list: IndexedList): Uint8Array {
  checkVersion(list.version);
  const { sourceIndex, sourceKeys } = list;
  const n = list.exactValues.length;
  if (sourceIndex.length < n) throw new Error('encodeIndexedList: fewer payload indices than numbers');
  const used = new Uint8Array(sourceKeys.length);
  for (let i = 0; i < n; i++) {
    const s = sourceIndex[i] as number;
    if (s >= sourceKeys.length) throw new Error(`encodeIndexedList: payload index ${s} out of range`);
    used[s] = 1;
  }
  const usedKeys: number[] = [];
  for (let s = 0; s < sourceKeys.length; s++) if (used[s] === 1) usedKeys.push(sourceKeys[s] as number);
  const table = buildPayloadTable(Float64Array.from(usedKeys), list.rangeKeys);
  const toTable = new Uint32Array(sourceKeys.length);
  for (let s = 0; s < sourceKeys.length; s++) if (used[s] === 1) toTable[s] = table.indexOf(sourceKeys[s] as number);
  return encodeWithTable(list, sourceIndex, toTable, table);
}

/** The file for sorted columns; exact number i has payload table index toTable[sourceIndex[i]]. */
function encodeWithTable(
  list: Pick<SortedList, 'version' | 'exactValues' | 'rangeDigits' | 'rangeValues' | 'rangeKeys'>,
  sourceIndex: Uint32Array,
  toTable: Uint32Array,
  table: PayloadTable,
): Uint8Array {
  const n = list.exactValues.length;
  const rangeCount = list.rangeValues.length;
  if (n > 0xffff_ffff) throw new Error('writeList: too many numbers for one file');
  const payloadCount = table.keys.length;
  const payloadBits = indexBits(payloadCount);
  const layout = chooseExactLayout(list.exactValues, payloadBits);
  const { lowBits, bucketShift, bucketCount } = layout;
  const subBits = bucketShift - lowBits;
  const recordBits = lowBits + payloadBits;

  const groups: number[] = [];
  for (let i = 0; i < rangeCount; i++) {
    if (i === 0 || list.rangeDigits[i] !== list.rangeDigits[i - 1]) groups.push(list.rangeDigits[i] as number, i);
  }
  const groupCount = groups.length / 2;

  // Section offsets (docs/list-format.md): 8-byte aligned so Float64Array and Uint32Array views need no copy.
  const payloadTableOffset = HEADER_BYTES;
  const bucketKeysOffset = align8(payloadTableOffset + payloadCount * PAYLOAD_BYTES);
  const subStartOffset = align8(bucketKeysOffset + bucketCount * 8);
  const subStartLength = bucketCount * 2 ** subBits + 1;
  const rangeValuesOffset = align8(subStartOffset + subStartLength * 4);
  const rangeGroupsOffset = align8(rangeValuesOffset + rangeCount * 8);
  const recordsOffset = align8(rangeGroupsOffset + groupCount * 8);
  const rangePayloadOffset = align8(recordsOffset + Math.ceil((n * recordBits) / 8) + RECORD_PADDING);
  const checksumOffset = align8(rangePayloadOffset + rangeCount * 2);
  const bytes = new Uint8Array(checksumOffset + CHECKSUM_BYTES);
  const buffer = bytes.buffer;
  const view = new DataView(buffer);

  view.setUint32(H.magic, LIST_MAGIC, true);
  view.setUint16(H.format, LIST_FORMAT, true);
  view.setUint16(H.headerBytes, HEADER_BYTES, true);
  view.setUint32(H.version, list.version, true);
  view.setUint32(H.exactCount, n, true);
  view.setUint32(H.rangeCount, rangeCount, true);
  view.setUint16(H.payloadCount, payloadCount, true);
  view.setUint8(H.lowBits, lowBits);
  view.setUint8(H.bucketShift, bucketShift);
  view.setUint32(H.bucketCount, bucketCount, true);
  view.setUint8(H.recordBits, recordBits);
  view.setUint8(H.payloadBits, payloadBits);
  view.setUint8(H.rangeGroupCount, groupCount);
  view.setUint32(H.payloadTableOffset, payloadTableOffset, true);
  view.setUint32(H.bucketKeysOffset, bucketKeysOffset, true);
  view.setUint32(H.subStartOffset, subStartOffset, true);
  view.setUint32(H.rangeValuesOffset, rangeValuesOffset, true);
  view.setUint32(H.rangeGroupsOffset, rangeGroupsOffset, true);
  view.setUint32(H.recordsOffset, recordsOffset, true);
  view.setUint32(H.rangePayloadOffset, rangePayloadOffset, true);
  view.setUint32(H.checksumOffset, checksumOffset, true);

  for (let i = 0; i < payloadCount; i++) {
    const key = table.keys[i] as number;
    const at = payloadTableOffset + i * PAYLOAD_BYTES;
    view.setUint8(at, keyCategory(key));
    view.setUint8(at + 1, keyScore(key));
    view.setUint16(at + 2, keyDay(key), true);
    view.setUint32(at + 4, keyReports(key), true);
  }

  // Exact numbers: directory of bucket keys, dense sub-bucket start offsets, bit-packed records.
  const bucketKeys = new Float64Array(buffer, bucketKeysOffset, bucketCount);
  const subStart = new Uint32Array(buffer, subStartOffset, subStartLength);
  const bucketSize = 2 ** bucketShift;
  const lowMask = 2 ** lowBits - 1;
  const values = list.exactValues;
  const subPerBucket = 2 ** subBits;
  let bucket = -1;
  let previousKey = -1;
  let bitPos = recordsOffset * 8;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const key = Math.floor(value / bucketSize);
    if (key !== previousKey) {
      bucket++;
      bucketKeys[bucket] = key;
      previousKey = key;
    }
    const rest = value - key * bucketSize; // < 2^26: an int from here on
    const sub = bucket * subPerBucket + (rest >>> lowBits);
    subStart[sub + 1] = (subStart[sub + 1] as number) + 1;
    const record = (rest & lowMask) | ((toTable[sourceIndex[i] as number] as number) << lowBits);
    // recordBits ≤ 24 and the bit shift ≤ 7, so the shifted record fits 31 bits: no sign trouble.
    const shifted = record << (bitPos & 7);
    const at = bitPos >>> 3;
    bytes[at] = (bytes[at] as number) | (shifted & 0xff);
    bytes[at + 1] = (bytes[at + 1] as number) | ((shifted >>> 8) & 0xff);
    bytes[at + 2] = (bytes[at + 2] as number) | ((shifted >>> 16) & 0xff);
    bytes[at + 3] = (bytes[at + 3] as number) | ((shifted >>> 24) & 0xff);
    bitPos += recordBits;
  }
  for (let i = 1; i < subStartLength; i++) subStart[i] = (subStart[i] as number) + (subStart[i - 1] as number);

  // Ranges: prefix values grouped by digit count (longest first), a payload index each.
  new Float64Array(buffer, rangeValuesOffset, rangeCount).set(list.rangeValues);
  const groupTable = new Uint32Array(buffer, rangeGroupsOffset, groupCount * 2);
  groupTable.set(groups);
  const rangePayload = new Uint16Array(buffer, rangePayloadOffset, rangeCount);
  for (let i = 0; i < rangeCount; i++) rangePayload[i] = table.indexOf(list.rangeKeys[i] as number);

  bytes.set(sha256Sync(bytes.subarray(0, checksumOffset)), checksumOffset);
  return bytes;
}
