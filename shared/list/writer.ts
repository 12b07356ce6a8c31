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
  align64,
  CHECKSUM_BYTES,
  directoryWords,
  H,
  HEADER_BYTES,
  indexBits,
  LINE_BYTES,
  LINE_HEADER_BITS,
  LINE_WORDS,
  LIST_FORMAT,
  LIST_MAGIC,
  MAX_BUCKET_BITS,
  MAX_LINE_RECORDS,
  MAX_RECORD_BITS,
  MAX_SEGMENT_BITS,
  MAX_SEGMENT_SHIFT,
  MIN_BUCKET_BITS,
  MIN_SEGMENT_BITS,
  PAYLOAD_BYTES,
  popcount32,
  widthOf,
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

/** How the exact numbers are cut into segments, buckets and lines (docs/list-format.md §Exact numbers). */
export interface ExactLayout {
  /** L: bucket = ⌊value / 2^L⌋. */
  bucketBits: number;
  /** B: 2^B buckets per segment; segment key = ⌊value / 2^(L+B)⌋. */
  segmentBits: number;
  segmentKeys: Float64Array;
  /** Per line: index of its first number, record count, first bucket (in its segment), offset width, base value. */
  lineFirst: Uint32Array;
  lineCount: Uint8Array;
  lineBucket: Uint16Array;
  lineWidth: Uint8Array;
  lineBase: Float64Array;
  /** Global bucket index (segment index · 2^B + bucket) where each line starts: the directory's set bits. */
  lineStart: Uint32Array;
  lines: number;
}

/**
 * Chooses the bucket size and packs the numbers into lines. L: the smallest bucket size whose non-empty buckets
 * hold two numbers on average (fewer, bigger buckets waste more of each line's end, since a bucket never
 * straddles two lines; more, smaller ones grow the directory), lowered while some bucket is too dense for one
 * line. B: the segment size that makes the sparse segment keys plus their dense directory smallest. A pure
 * function of the numbers: same numbers, same layout.
 */
export function chooseExactLayout(values: Float64Array, payloadBits: number): ExactLayout {
  const n = values.length;
  // distinct(s) = 1 + number of consecutive pairs that differ at bit s or above: one pass, a histogram.
  const differAt = new Float64Array(64);
  for (let i = 1; i < n; i++) {
    const d = highestDifferingBit(values[i - 1] as number, values[i] as number);
    differAt[d] = (differAt[d] as number) + 1;
  }
  const above = new Float64Array(65);
  for (let s = 63; s >= 0; s--) above[s] = (above[s + 1] as number) + (differAt[s] as number);
  const distinct = (s: number) => (n === 0 ? 0 : 1 + (above[s] as number));
  let bucketBits = MIN_BUCKET_BITS;
  while (bucketBits < MAX_BUCKET_BITS && distinct(bucketBits) > n / 2) bucketBits++;
  for (;;) {
    let segmentBits = MIN_SEGMENT_BITS;
    let best = Number.POSITIVE_INFINITY;
    for (let b = MIN_SEGMENT_BITS; b <= MAX_SEGMENT_BITS && bucketBits + b <= MAX_SEGMENT_SHIFT; b++) {
      const bytes = distinct(bucketBits + b) * (8 + 2 ** b / 4);
      if (bytes < best) {
        best = bytes;
        segmentBits = b;
      }
    }
    const layout = packLines(values, payloadBits, bucketBits, segmentBits);
    if (layout) return layout;
    // A bucket too dense for one line (a block of consecutive numbers listed one by one): smaller buckets.
    // At MIN_BUCKET_BITS a bucket holds at most 16 numbers, which always fit.
    bucketBits--;
  }
}

/** Greedy packing: each bucket goes whole into the current line if it fits, else starts a new one. Null when a bucket cannot fit any line. */
function packLines(
  values: Float64Array,
  payloadBits: number,
  bucketBits: number,
  segmentBits: number,
): ExactLayout | null {
  const n = values.length;
  const bucketSize = 2 ** bucketBits;
  const segmentSize = 2 ** (bucketBits + segmentBits);
  const lowMask = bucketSize - 1;
  const capacityBits = LINE_BYTES * 8 - LINE_HEADER_BITS;
  const maxWidth = MAX_RECORD_BITS - payloadBits;
  const bucketsPerSegment = 2 ** segmentBits; // once, not per line: a variable ** is a call into V8's pow
  const segmentKeys: number[] = [];
  const lineFirst = new Uint32Array(n);
  const lineCount = new Uint8Array(n);
  const lineBucket = new Uint16Array(n);
  const lineWidth = new Uint8Array(n);
  const lineBase = new Float64Array(n);
  const lineStart = new Uint32Array(n);
  let lines = 0;
  let segment = -1;
  let segmentKey = -1;
  let count = 0;
  let h0 = 0;
  let i = 0;
  while (i < n) {
    const value = values[i] as number;
    const key = Math.floor(value / segmentSize);
    const rest = value - key * segmentSize; // < 2^30: an int from here on
    const bucket = rest >>> bucketBits;
    if (key !== segmentKey) {
      segment++;
      segmentKey = key;
      segmentKeys.push(key);
      count = 0; // a new segment always starts a new line
    }
    // The bucket's numbers: up to the next value outside [bucket start, bucket end).
    const end = key * segmentSize + (bucket + 1) * bucketSize;
    let j = i + 1;
    while (j < n && (values[j] as number) < end) j++;
    const m = j - i;
    const lastLow = ((values[j - 1] as number) - key * segmentSize) & lowMask;
    let fits = false;
    if (count > 0) {
      const w = widthOf((bucket - h0) * bucketSize + lastLow);
      const c = count + m;
      if (c <= MAX_LINE_RECORDS && w <= maxWidth && c * (w + payloadBits) <= capacityBits) {
        fits = true;
        count = c;
        lineCount[lines - 1] = c;
        lineWidth[lines - 1] = w;
      }
    }
    if (!fits) {
      const w = widthOf(lastLow);
      if (m > MAX_LINE_RECORDS || w > maxWidth || m * (w + payloadBits) > capacityBits) return null;
      h0 = bucket;
      count = m;
      lineFirst[lines] = i;
      lineCount[lines] = m;
      lineBucket[lines] = bucket;
      lineWidth[lines] = w;
      lineBase[lines] = key * segmentSize + bucket * bucketSize;
      lineStart[lines] = segment * bucketsPerSegment + bucket;
      lines++;
    }
    i = j;
  }
  return {
    bucketBits,
    segmentBits,
    segmentKeys: Float64Array.from(segmentKeys),
    lineFirst,
    lineCount,
    lineBucket,
    lineWidth,
    lineBase,
    lineStart,
    lines,
  };
}

/** Encodes sorted columns (SortedList invariants are the caller's job; sortEntries establishes them). */
export function encodeSortedList(list: SortedList): Uint8Array {
  checkVersion(list.version);
  const table = buildPayloadTable(list.exactKeys, list.rangeKeys);
  const n = list.exactValues.length;
  const tableIndex = new Uint32Array(n);
  for (let i = 0; i < n; i++) tableIndex[i] = table.indexOf(list.exactKeys[i] as number);
  const identity = Uint32Array.from(table.keys, (_, i) => i);
  return sealList(encodeWithTable(list, tableIndex, identity, table));
}

/** Sorted exact numbers given by an index into a small array of payload keys, plus ranges: see encodeIndexedList. */
export interface IndexedList
  extends Pick<SortedList, 'version' | 'exactValues' | 'rangeDigits' | 'rangeValues' | 'rangeKeys'> {
  /** For each exact number, an index into `sourceKeys`. */
  sourceIndex: Uint32Array | Uint16Array;
  /** Payload keys, repeats allowed (e.g. the old file's table followed by a delta's). */
  sourceKeys: Float64Array;
}

/**
 * Encodes the same bytes as encodeSortedList for the list whose exact keys are sourceKeys[sourceIndex[i]],
 * without hashing a key per number: the payload table depends only on the set of keys used (it is sorted),
 * so the keys actually used are found with one flag per source key, the table is built from those few, and
 * each number's table index comes from a lookup array. applyDelta uses it (the old file's records already
 * hold table indices); it saves a hash lookup per number and two 8-byte-per-number key columns.
 *
 * The last 32 bytes (the embedded SHA-256) are left zero: seal with sealList, or with WebCrypto as applyDelta
 * does (native SHA-256: a 45 MB list in tens of milliseconds instead of hundreds in JavaScript).
 */
export function encodeIndexedListUnsealed(list: IndexedList): Uint8Array {
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

/** encodeIndexedListUnsealed, sealed with the synchronous SHA-256. */
export function encodeIndexedList(list: IndexedList): Uint8Array {
  return sealList(encodeIndexedListUnsealed(list));
}

/** Writes the embedded SHA-256 (the last 32 bytes) of a list encoded unsealed. */
export function sealList(bytes: Uint8Array): Uint8Array {
  const body = bytes.length - CHECKSUM_BYTES;
  bytes.set(sha256Sync(bytes.subarray(0, body)), body);
  return bytes;
}

/** The file for sorted columns; exact number i has payload table index toTable[sourceIndex[i]]. Unsealed. */
function encodeWithTable(
  list: Pick<SortedList, 'version' | 'exactValues' | 'rangeDigits' | 'rangeValues' | 'rangeKeys'>,
  sourceIndex: Uint32Array | Uint16Array,
  toTable: Uint32Array,
  table: PayloadTable,
): Uint8Array {
  const n = list.exactValues.length;
  const rangeCount = list.rangeValues.length;
  if (n > 0xffff_ffff) throw new Error('writeList: too many numbers for one file');
  const payloadCount = table.keys.length;
  const payloadBits = indexBits(payloadCount);
  const layout = chooseExactLayout(list.exactValues, payloadBits);
  const { bucketBits, segmentBits, lines } = layout;
  const segmentCount = layout.segmentKeys.length;
  const dirWords = directoryWords(segmentCount * 2 ** segmentBits);

  const groups: number[] = [];
  for (let i = 0; i < rangeCount; i++) {
    if (i === 0 || list.rangeDigits[i] !== list.rangeDigits[i - 1]) groups.push(list.rangeDigits[i] as number, i);
  }
  const groupCount = groups.length / 2;

  // Section offsets (docs/list-format.md): 8-byte aligned so typed-array views need no copy; lines on 64.
  const payloadTableOffset = HEADER_BYTES;
  const segmentKeysOffset = align8(payloadTableOffset + payloadCount * PAYLOAD_BYTES);
  const directoryOffset = align8(segmentKeysOffset + segmentCount * 8);
  const rangeValuesOffset = align8(directoryOffset + dirWords * 4);
  const rangeGroupsOffset = align8(rangeValuesOffset + rangeCount * 8);
  const linesOffset = align64(rangeGroupsOffset + groupCount * 8);
  const rangePayloadOffset = linesOffset + lines * LINE_BYTES;
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
  view.setUint8(H.bucketBits, bucketBits);
  view.setUint8(H.segmentBits, segmentBits);
  view.setUint32(H.segmentCount, segmentCount, true);
  view.setUint32(H.lineCount, lines, true);
  view.setUint8(H.payloadBits, payloadBits);
  view.setUint8(H.rangeGroupCount, groupCount);
  view.setUint32(H.payloadTableOffset, payloadTableOffset, true);
  view.setUint32(H.segmentKeysOffset, segmentKeysOffset, true);
  view.setUint32(H.directoryOffset, directoryOffset, true);
  view.setUint32(H.rangeValuesOffset, rangeValuesOffset, true);
  view.setUint32(H.rangeGroupsOffset, rangeGroupsOffset, true);
  view.setUint32(H.linesOffset, linesOffset, true);
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

  // Exact numbers: segment keys, the rank directory (a bit per bucket that starts a line), the lines.
  new Float64Array(buffer, segmentKeysOffset, segmentCount).set(layout.segmentKeys);
  const directory = new Uint32Array(buffer, directoryOffset, dirWords);
  for (let l = 0; l < lines; l++) {
    const g = layout.lineStart[l] as number;
    const at = 2 * (g >>> 5) + 1;
    directory[at] = (directory[at] as number) | (1 << (g & 31));
  }
  let rank = 0;
  for (let w = 0; w < dirWords; w += 2) {
    directory[w] = rank;
    rank += popcount32(directory[w + 1] as number);
  }
  const words = new Uint32Array(buffer, linesOffset, lines * LINE_WORDS);
  const values = list.exactValues;
  for (let l = 0; l < lines; l++) {
    const count = layout.lineCount[l] as number;
    const width = layout.lineWidth[l] as number;
    const recordBits = width + payloadBits;
    const first = layout.lineFirst[l] as number;
    const base = layout.lineBase[l] as number;
    const at = l * LINE_WORDS;
    words[at] = (layout.lineBucket[l] as number) | (width << 16) | (count << 21);
    let bitPos = LINE_HEADER_BITS;
    for (let k = 0; k < count; k++) {
      const i = first + k;
      // offset < 2^width ≤ 2^21 and the index < 2^10: the record stays below 2^31.
      const record = ((values[i] as number) - base) | ((toTable[sourceIndex[i] as number] as number) << width);
      const word = at + (bitPos >>> 5);
      const shift = bitPos & 31;
      words[word] = (words[word] as number) | (record << shift);
      if (shift + recordBits > 32) words[word + 1] = (words[word + 1] as number) | (record >>> (32 - shift));
      bitPos += recordBits;
    }
  }

  // Ranges: prefix values grouped by digit count (longest first), a payload index each.
  new Float64Array(buffer, rangeValuesOffset, rangeCount).set(list.rangeValues);
  const groupTable = new Uint32Array(buffer, rangeGroupsOffset, groupCount * 2);
  groupTable.set(groups);
  const rangePayload = new Uint16Array(buffer, rangePayloadOffset, rangeCount);
  for (let i = 0; i < rangeCount; i++) rangePayload[i] = table.indexOf(list.rangeKeys[i] as number);
  return bytes;
}
