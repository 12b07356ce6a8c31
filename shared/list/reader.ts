/**
 * The crowd list reader: typed-array views over the file's own bytes (zero-copy), no parse step, no object
 * per entry — the way Ghostery's adblocker and uBO's selfies load their engines (STYLE.md §6). Opening checks
 * the header and every section's bounds in O(directory) time, not O(entries); `verifyList` checks the
 * embedded SHA-256 when the caller can afford a pass over the bytes (after a download, not on each wake-up).
 * Layout: docs/list-format.md.
 */

import { toHex } from '../hash.ts';
import { CATEGORIES, type Category } from '../verdict.ts';
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
import { exactPattern, MAX_DIGITS, POW10, rangePattern } from './pattern.ts';
import { MAX_PAYLOADS, makeKey } from './payload-table.ts';
import type { CrowdList, ListEntry, ListMatch, ListPayload } from './types.ts';
import type { SortedList } from './writer.ts';

/** Thrown by openList for bytes that are not a valid list file; the message says what is wrong. */
export class ListFormatError extends Error {
  override name = 'ListFormatError';
}

/** `matchNumber` result when nothing matches. */
export const NO_MATCH = -1;
/** A `matchNumber` code holds the payload index in its low 10 bits and the range's digit count above. */
export const MATCH_PAYLOAD_MASK = 0x3ff;
export const MATCH_DIGITS_SHIFT = 10;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Opens a list file. The bytes are used in place (keep them unchanged while the list is in use); they are
 * copied once only if they do not start on an 8-byte boundary, which typed-array views require.
 */
export function openList(bytes: Uint8Array): OpenedList {
  return new OpenedList(bytes);
}

/** True when the file's embedded SHA-256 matches its body (WebCrypto, async). */
export async function verifyList(bytes: Uint8Array): Promise<boolean> {
  if (bytes.length < HEADER_BYTES + CHECKSUM_BYTES) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(H.magic, true) !== LIST_MAGIC) return false;
  const checksumOffset = view.getUint32(H.checksumOffset, true);
  if (checksumOffset + CHECKSUM_BYTES !== bytes.length) return false;
  const body = bytes.slice(0, checksumOffset);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  const stored = bytes.subarray(checksumOffset);
  for (let i = 0; i < CHECKSUM_BYTES; i++) if (digest[i] !== stored[i]) return false;
  return true;
}

export class OpenedList implements CrowdList {
  readonly version: number;
  readonly exactCount: number;
  readonly rangeCount: number;
  readonly payloadCount: number;
  /** The bytes in use (the input, or its aligned copy). */
  readonly bytes: Uint8Array;
  /** Split chosen by the writer (docs/list-format.md §Exact numbers). */
  readonly lowBits: number;
  readonly bucketShift: number;
  readonly bucketCount: number;

  private readonly payloads: readonly ListPayload[];
  private readonly bucketKeys: Float64Array;
  private readonly subStart: Uint32Array;
  private readonly records: Uint8Array;
  private readonly recordBits: number;
  private readonly recordMask: number;
  private readonly lowMask: number;
  private readonly subBits: number;
  private readonly bucketSize: number;
  private readonly lowSize: number;
  private readonly rangeValues: Float64Array;
  private readonly rangePayload: Uint16Array;
  /** Digit count of each range group, longest first, with group bounds in rangeStart/rangeEnd. */
  private readonly rangeDigits: Uint8Array;
  private readonly rangeStart: Uint32Array;
  private readonly rangeEnd: Uint32Array;
  private readonly subPerBucket: number;
  /**
   * Bucket index by bucket key − denseBase, −1 where no bucket: built on open when the keys are packed enough
   * (a national list spans a few hundred keys), so finding the bucket is one read instead of a binary search.
   */
  private readonly dense: Int32Array | null;
  private readonly denseBase: number;
  /** Open-addressing hash of the ranges, built on open (O(ranges), a few thousand): slot → range index + 1. */
  private readonly rangeSlots: Int32Array;
  private readonly rangeSlotShift: number;
  /**
   * One bit per hash of (prefix, digit count), 2^18 bits = 32 KB: stays in the L1/L2 cache, so most numbers
   * that no range covers are turned away without touching the bigger hash table (about 8 % false positives
   * per range length with 20,000 ranges).
   */
  private readonly rangeBits = new Int32Array(RANGE_FILTER_BITS / 32);
  /** Digits of the input parsed by match(), reused: prefixes[k] = value of the first k digits. */
  private readonly prefixes = new Float64Array(MAX_DIGITS + 1);

  constructor(input: Uint8Array) {
    if (!LITTLE_ENDIAN)
      throw new ListFormatError('list files need a little-endian platform (every browser and Node target is)');
    if (!(input instanceof Uint8Array)) throw new ListFormatError('a list file must be given as a Uint8Array');
    if (input.length < HEADER_BYTES + CHECKSUM_BYTES)
      throw new ListFormatError(`not a Vigie list: ${input.length} bytes is shorter than the header`);
    const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
    this.bytes = bytes;
    const buffer = bytes.buffer;
    const base = bytes.byteOffset;
    const view = new DataView(buffer, base, bytes.byteLength);
    if (view.getUint32(H.magic, true) !== LIST_MAGIC) throw new ListFormatError('not a Vigie list: bad magic number');
    const format = view.getUint16(H.format, true);
    if (format !== LIST_FORMAT)
      throw new ListFormatError(`list format ${format} is not supported (this version reads format ${LIST_FORMAT})`);
    if (view.getUint16(H.headerBytes, true) !== HEADER_BYTES)
      throw new ListFormatError('corrupt list: bad header size');

    const u32 = (at: number) => view.getUint32(at, true);
    this.version = u32(H.version);
    const n = u32(H.exactCount);
    const rangeCount = u32(H.rangeCount);
    const payloadCount = view.getUint16(H.payloadCount, true);
    const lowBits = view.getUint8(H.lowBits);
    const bucketShift = view.getUint8(H.bucketShift);
    const bucketCount = u32(H.bucketCount);
    const recordBits = view.getUint8(H.recordBits);
    const payloadBits = view.getUint8(H.payloadBits);
    const groupCount = view.getUint8(H.rangeGroupCount);
    const subBits = bucketShift - lowBits;
    const fail = (what: string): never => {
      throw new ListFormatError(`corrupt list: ${what}`);
    };
    if (lowBits < MIN_LOW_BITS || lowBits > MAX_LOW_BITS || subBits < 0 || subBits > MAX_SUB_BITS)
      fail(`bad split (low ${lowBits} bits, bucket shift ${bucketShift})`);
    if (payloadCount > MAX_PAYLOADS || (payloadCount === 0 && n + rangeCount > 0))
      fail(`bad payload count ${payloadCount}`);
    if (payloadBits !== indexBits(payloadCount) || recordBits !== lowBits + payloadBits || recordBits > MAX_RECORD_BITS)
      fail('bad record width');
    if (groupCount > MAX_DIGITS) fail('bad range group count');
    if (bucketCount > n || (n > 0 && bucketCount === 0)) fail('bad bucket count');

    // Every section must sit exactly where the writer puts it: one rule, checked field by field.
    const subStartLength = bucketCount * 2 ** subBits + 1;
    const expected: [keyof typeof H, number][] = [];
    let at = HEADER_BYTES;
    const place = (field: keyof typeof H, size: number) => {
      expected.push([field, at]);
      at = align8(at + size);
    };
    place('payloadTableOffset', payloadCount * PAYLOAD_BYTES);
    place('bucketKeysOffset', bucketCount * 8);
    place('subStartOffset', subStartLength * 4);
    place('rangeValuesOffset', rangeCount * 8);
    place('rangeGroupsOffset', groupCount * 8);
    place('recordsOffset', Math.ceil((n * recordBits) / 8) + RECORD_PADDING);
    place('rangePayloadOffset', rangeCount * 2);
    place('checksumOffset', 0);
    for (const [field, offset] of expected)
      if (u32(H[field]) !== offset) fail(`${field} is ${u32(H[field])}, expected ${offset}`);
    if (at + CHECKSUM_BYTES !== bytes.length)
      fail(`file is ${bytes.length} bytes, the header describes ${at + CHECKSUM_BYTES} (truncated or extended)`);

    this.exactCount = n;
    this.rangeCount = rangeCount;
    this.payloadCount = payloadCount;
    this.lowBits = lowBits;
    this.bucketShift = bucketShift;
    this.bucketCount = bucketCount;
    this.subBits = subBits;
    this.recordBits = recordBits;
    this.recordMask = 2 ** recordBits - 1;
    this.lowMask = 2 ** lowBits - 1;
    this.bucketSize = 2 ** bucketShift;
    this.lowSize = 2 ** lowBits;

    const payloads: ListPayload[] = [];
    for (let i = 0; i < payloadCount; i++) {
      const p = u32(H.payloadTableOffset) + i * PAYLOAD_BYTES;
      const category = CATEGORIES[view.getUint8(p)];
      if (!category) fail(`payload ${i} has unknown category ${view.getUint8(p)}`);
      payloads.push(
        Object.freeze({
          category: category as Category,
          score: view.getUint8(p + 1),
          lastReportDay: view.getUint16(p + 2, true),
          reports: view.getUint32(p + 4, true),
        }),
      );
    }
    this.payloads = payloads;
    this.bucketKeys = new Float64Array(buffer, base + u32(H.bucketKeysOffset), bucketCount);
    this.subStart = new Uint32Array(buffer, base + u32(H.subStartOffset), subStartLength);
    this.records = bytes.subarray(u32(H.recordsOffset), u32(H.rangePayloadOffset));
    this.rangeValues = new Float64Array(buffer, base + u32(H.rangeValuesOffset), rangeCount);
    this.rangePayload = new Uint16Array(buffer, base + u32(H.rangePayloadOffset), rangeCount);

    // The directory is small (about 0.2 byte per number): checking it keeps every lookup in bounds.
    for (let i = 1; i < bucketCount; i++)
      if (!((this.bucketKeys[i] as number) > (this.bucketKeys[i - 1] as number))) fail('bucket keys out of order');
    if (this.subStart[0] !== 0 || this.subStart[subStartLength - 1] !== n) fail('sub-bucket offsets do not add up');
    for (let i = 1; i < subStartLength; i++)
      if ((this.subStart[i] as number) < (this.subStart[i - 1] as number)) fail('sub-bucket offsets out of order');

    const groups = new Uint32Array(buffer, base + u32(H.rangeGroupsOffset), groupCount * 2);
    this.rangeDigits = new Uint8Array(groupCount);
    this.rangeStart = new Uint32Array(groupCount);
    this.rangeEnd = new Uint32Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      const digits = groups[g * 2] as number;
      const start = groups[g * 2 + 1] as number;
      const end = g + 1 < groupCount ? (groups[g * 2 + 3] as number) : rangeCount;
      if (digits < 1 || digits > MAX_DIGITS || (g > 0 && digits >= (this.rangeDigits[g - 1] as number)))
        fail('range groups out of order');
      if (start > end || end > rangeCount || (g === 0 && start !== 0)) fail('range group bounds');
      this.rangeDigits[g] = digits;
      this.rangeStart[g] = start;
      this.rangeEnd[g] = end;
    }
    if (rangeCount > 0 && groupCount === 0) fail('ranges without groups');
    this.subPerBucket = 2 ** subBits;
    const span =
      bucketCount > 0 ? (this.bucketKeys[bucketCount - 1] as number) - (this.bucketKeys[0] as number) + 1 : 0;
    if (bucketCount > 0 && span <= 4 * bucketCount + 4096) {
      this.denseBase = this.bucketKeys[0] as number;
      this.dense = new Int32Array(span).fill(-1);
      for (let i = 0; i < bucketCount; i++) this.dense[(this.bucketKeys[i] as number) - this.denseBase] = i;
    } else {
      this.denseBase = 0;
      this.dense = null;
    }

    // Ranges are few (tens of thousands at most), so a hash set over them costs under a millisecond to build
    // and turns each "does a range of k digits start this number?" into one or two probes.
    let slotBits = 4;
    while (2 ** slotBits < rangeCount * 2) slotBits++;
    this.rangeSlots = new Int32Array(2 ** slotBits);
    this.rangeSlotShift = 32 - slotBits;
    const slotMask = 2 ** slotBits - 1;
    for (let g = 0; g < groupCount; g++) {
      const digits = this.rangeDigits[g] as number;
      for (let r = this.rangeStart[g] as number; r < (this.rangeEnd[g] as number); r++) {
        const value = this.rangeValues[r] as number;
        if (r > (this.rangeStart[g] as number) && !(value > (this.rangeValues[r - 1] as number)))
          fail('ranges out of order');
        if (!(value >= POW10[digits - 1]! && value < POW10[digits]!)) fail(`range ${r} does not have ${digits} digits`);
        const hash = rangeHash(value, digits);
        const bit = hash >>> RANGE_FILTER_SHIFT;
        this.rangeBits[bit >>> 5] = (this.rangeBits[bit >>> 5] as number) | (1 << (bit & 31));
        let slot = hash >>> this.rangeSlotShift;
        while (this.rangeSlots[slot] !== 0) slot = (slot + 1) & slotMask;
        this.rangeSlots[slot] = r + 1;
      }
    }
  }

  /** The embedded SHA-256 of the body, as hex (not recomputed: see verifyList). */
  get checksumHex(): string {
    return toHex(this.bytes.subarray(this.bytes.length - CHECKSUM_BYTES));
  }

  /** Payload `i` of the table (0 ≤ i < payloadCount), a frozen object shared by every entry using it. */
  payloadAt(i: number): ListPayload {
    const p = this.payloads[i];
    if (!p) throw new RangeError(`no payload ${i} in this list`);
    return p;
  }

  /** Exact entry first, else the longest matching range, else null. Input: E.164 (`+33612345678`). */
  match(e164: string): ListMatch | null {
    const length = e164.length;
    if (length < 2 || length > MAX_DIGITS + 1 || e164.charCodeAt(0) !== 43) return null;
    const prefixes = this.prefixes;
    let value = 0;
    for (let i = 1; i < length; i++) {
      const d = e164.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      value = value * 10 + d;
      prefixes[i] = value;
    }
    if (prefixes[1] === 0) return null;
    const digits = length - 1;
    const exact = this.findExact(value);
    if (exact >= 0) {
      const p = this.payloads[exact];
      return p
        ? {
            kind: 'exact',
            pattern: e164,
            category: p.category,
            score: p.score,
            reports: p.reports,
            lastReportDay: p.lastReportDay,
          }
        : null;
    }
    for (let g = 0; g < this.rangeDigits.length; g++) {
      const k = this.rangeDigits[g] as number;
      if (k > digits) continue;
      const prefix = prefixes[k] as number;
      const i = this.findRange(g, prefix);
      if (i >= 0) {
        const p = this.payloads[this.rangePayload[i] as number];
        return p
          ? {
              kind: 'range',
              pattern: rangePattern(prefix, k),
              category: p.category,
              score: p.score,
              reports: p.reports,
              lastReportDay: p.lastReportDay,
            }
          : null;
      }
    }
    return null;
  }

  /**
   * The hot-loop path: a number as its E.164 digits read as an integer (`33612345678`). Returns NO_MATCH (−1)
   * or a match code: the payload index in the low 10 bits and the matching range's digit count above them
   * (0 for an exact entry). Decode with `payloadAt(code & MATCH_PAYLOAD_MASK)` and
   * `code >> MATCH_DIGITS_SHIFT`. No allocation.
   */
  matchNumber(value: number): number {
    const exact = this.findExact(value);
    return exact >= 0 ? exact : this.matchRangeOnly(value);
  }

  /**
   * `matchNumber` for many numbers at once (what the extension's background does for a page): the same codes
   * in `out`. Numbers go through in small groups: first every directory step and one read of each number's
   * records, then the searches. The first reads do not depend on each other, so the CPU overlaps their cache
   * misses instead of waiting for each in turn — the records are far bigger than the caches.
   */
  matchNumbers(values: Float64Array, out: Int32Array): void {
    if (out.length < values.length) throw new RangeError('matchNumbers: out is shorter than values');
    const group = 16;
    const from = this.batchFrom;
    const to = this.batchTo;
    const low = this.batchLow;
    const records = this.records;
    const bits = this.recordBits;
    for (let start = 0; start < values.length; start += group) {
      const end = Math.min(values.length, start + group);
      let touched = 0;
      for (let i = start; i < end; i++) {
        const j = i - start;
        const sub = this.locate(values[i] as number, j);
        if (sub < 0) {
          from[j] = 0;
          to[j] = 0;
          continue;
        }
        // Read the middle record now (its byte is all the CPU needs to start fetching the cache line).
        touched += records[((((from[j] as number) + (to[j] as number)) >>> 1) * bits) >>> 3] as number;
      }
      this.touched = touched;
      for (let i = start; i < end; i++) {
        const j = i - start;
        const exact = this.searchRecords(from[j] as number, to[j] as number, low[j] as number);
        out[i] = exact >= 0 ? exact : this.matchRangeOnly(values[i] as number);
      }
    }
  }

  private readonly batchFrom = new Int32Array(16);
  private readonly batchTo = new Int32Array(16);
  private readonly batchLow = new Int32Array(16);
  /** Sink for the prefetching reads of matchNumbers, so the engine cannot drop them. */
  touched = 0;

  /** Directory step for batch slot j: fills batchFrom/To/Low; returns the sub-bucket or −1. */
  private locate(value: number, j: number): number {
    const key = Math.floor(value / this.bucketSize);
    const bucket = this.bucketOf(key);
    if (bucket < 0) return -1;
    const rest = value - key * this.bucketSize;
    const sub = bucket * this.subPerBucket + (rest >>> this.lowBits);
    this.batchFrom[j] = this.subStart[sub] as number;
    this.batchTo[j] = this.subStart[sub + 1] as number;
    this.batchLow[j] = rest & this.lowMask;
    return sub;
  }

  private matchRangeOnly(value: number): number {
    if (this.rangeDigits.length === 0 || !(value >= 1)) return NO_MATCH;
    let digits = 1;
    while (digits < MAX_DIGITS && value >= (POW10[digits] as number)) digits++;
    for (let g = 0; g < this.rangeDigits.length; g++) {
      const k = this.rangeDigits[g] as number;
      if (k > digits) continue;
      // Exact: value < 2^53, so the rounded quotient is never pushed up to the next integer.
      const i = this.findRange(g, Math.floor(value / (POW10[digits - k] as number)));
      if (i >= 0) return (this.rangePayload[i] as number) | (k << MATCH_DIGITS_SHIFT);
    }
    return NO_MATCH;
  }

  /** Payload index of an exact number, or −1. */
  findExact(value: number): number {
    const key = Math.floor(value / this.bucketSize);
    const bucket = this.bucketOf(key);
    if (bucket < 0) return -1;
    const rest = value - key * this.bucketSize; // below 2^26: an int from here on
    const sub = bucket * this.subPerBucket + (rest >>> this.lowBits);
    return this.searchRecords(this.subStart[sub] as number, this.subStart[sub + 1] as number, rest & this.lowMask);
  }

  /** Index of the bucket with this key, or −1. */
  private bucketOf(key: number): number {
    const dense = this.dense;
    if (dense) {
      const d = key - this.denseBase;
      return d >= 0 && d < dense.length ? (dense[d] as number) : -1;
    }
    // Binary search of the directory (a few thousand keys: stays in the CPU cache).
    const keys = this.bucketKeys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid] as number;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Binary search of records [from, to) for a low part; returns the payload index or −1. */
  private searchRecords(from: number, to: number, low: number): number {
    const records = this.records;
    const bits = this.recordBits;
    const mask = this.recordMask;
    const lowMask = this.lowMask;
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const bitPos = mid * bits;
      const at = bitPos >>> 3;
      const word =
        ((records[at] as number) |
          ((records[at + 1] as number) << 8) |
          ((records[at + 2] as number) << 16) |
          ((records[at + 3] as number) << 24)) >>>
        (bitPos & 7);
      const record = word & mask;
      const l = record & lowMask;
      if (l < low) lo = mid + 1;
      else if (l > low) hi = mid - 1;
      else return record >>> this.lowBits;
    }
    return -1;
  }

  /** Index of the range of group `group` whose prefix is `prefix`, or −1. */
  private findRange(group: number, prefix: number): number {
    const slots = this.rangeSlots;
    const mask = slots.length - 1;
    const from = this.rangeStart[group] as number;
    const to = this.rangeEnd[group] as number;
    const hash = rangeHash(prefix, this.rangeDigits[group] as number);
    const bit = hash >>> RANGE_FILTER_SHIFT;
    if ((((this.rangeBits[bit >>> 5] as number) >>> (bit & 31)) & 1) === 0) return -1;
    let slot = hash >>> this.rangeSlotShift;
    for (;;) {
      const r = (slots[slot] as number) - 1;
      if (r < 0) return -1;
      if (r >= from && r < to && this.rangeValues[r] === prefix) return r;
      slot = (slot + 1) & mask;
    }
  }

  /** Every entry, exact numbers ascending then ranges (longest prefixes first). One object per step. */
  *entries(): IterableIterator<ListEntry> {
    const sorted = this.toSorted();
    const byKey = new Map(this.payloadKeys().map((k, i) => [k, this.payloads[i] as ListPayload]));
    for (let i = 0; i < sorted.exactValues.length; i++) {
      yield {
        pattern: exactPattern(sorted.exactValues[i] as number),
        payload: byKey.get(sorted.exactKeys[i] as number) as ListPayload,
      };
    }
    for (let i = 0; i < sorted.rangeValues.length; i++) {
      yield {
        pattern: rangePattern(sorted.rangeValues[i] as number, sorted.rangeDigits[i] as number),
        payload: byKey.get(sorted.rangeKeys[i] as number) as ListPayload,
      };
    }
  }

  private cachedKeys: number[] | null = null;
  /** Payload keys (payload-table.ts) of the table, in table order. */
  payloadKeys(): number[] {
    if (!this.cachedKeys) {
      this.cachedKeys = this.payloads.map((p) =>
        makeKey(CATEGORIES.indexOf(p.category), p.score, p.lastReportDay, p.reports),
      );
    }
    return this.cachedKeys;
  }

  /** The list as sorted columns (one pass over the records): what the delta codec diffs and merges. */
  toSorted(): SortedList {
    const keys = this.payloadKeys();
    const { values: exactValues, payloadIndex } = this.exactColumns();
    const n = exactValues.length;
    const exactKeys = new Float64Array(n);
    for (let i = 0; i < n; i++) exactKeys[i] = keys[payloadIndex[i] as number] as number;
    const ranges = this.rangeColumns();
    return { version: this.version, exactValues, exactKeys, ...ranges };
  }

  /**
   * The exact numbers ascending, each with its index in this file's payload table (not its key): what
   * `applyDelta` merges, so that it never hashes a payload key per entry (see encodeIndexedList).
   */
  exactColumns(): { values: Float64Array; payloadIndex: Uint32Array } {
    const n = this.exactCount;
    const payloadCount = this.payloads.length;
    const values = new Float64Array(n);
    const payloadIndex = new Uint32Array(n);
    const subPerBucket = 2 ** this.subBits;
    const records = this.records;
    const bits = this.recordBits;
    const recordMask = this.recordMask;
    const lowMask = this.lowMask;
    const lowBits = this.lowBits;
    const lowSize = this.lowSize;
    const subStart = this.subStart;
    let i = 0;
    for (let b = 0; b < this.bucketCount; b++) {
      const bucketBase = (this.bucketKeys[b] as number) * this.bucketSize;
      for (let s = 0; s < subPerBucket; s++) {
        const g = b * subPerBucket + s;
        const subBase = bucketBase + s * lowSize;
        const end = subStart[g + 1] as number;
        for (; i < end; i++) {
          const bitPos = i * bits;
          const at = bitPos >>> 3;
          const record =
            (((records[at] as number) |
              ((records[at + 1] as number) << 8) |
              ((records[at + 2] as number) << 16) |
              ((records[at + 3] as number) << 24)) >>>
              (bitPos & 7)) &
            recordMask;
          values[i] = subBase + (record & lowMask);
          const index = record >>> lowBits;
          if (index >= payloadCount) throw new ListFormatError(`corrupt list: entry ${i} points at a missing payload`);
          payloadIndex[i] = index;
        }
      }
    }
    return { values, payloadIndex };
  }

  /** The ranges as sorted columns (SortedList's range fields). */
  rangeColumns(): Pick<SortedList, 'rangeDigits' | 'rangeValues' | 'rangeKeys'> {
    const keys = this.payloadKeys();
    const rangeDigits = new Uint8Array(this.rangeCount);
    const rangeKeys = new Float64Array(this.rangeCount);
    for (let g = 0; g < this.rangeDigits.length; g++) {
      rangeDigits.fill(this.rangeDigits[g] as number, this.rangeStart[g], this.rangeEnd[g]);
    }
    for (let r = 0; r < this.rangeCount; r++) {
      const key = keys[this.rangePayload[r] as number];
      if (key === undefined) throw new ListFormatError(`corrupt list: range ${r} points at a missing payload`);
      rangeKeys[r] = key;
    }
    return { rangeDigits, rangeValues: Float64Array.from(this.rangeValues), rangeKeys };
  }
}

const RANGE_FILTER_BITS = 2 ** 18;
const RANGE_FILTER_SHIFT = 32 - 18;

/** A 32-bit hash of (prefix value, digit count); the top bits pick the slot (Fibonacci hashing). */
function rangeHash(value: number, digits: number): number {
  const lo = value >>> 0;
  const hi = (value / 0x1_0000_0000) >>> 0;
  return Math.imul((lo ^ Math.imul(hi, 0x27d4eb2d)) + digits, 0x9e3779b1);
}
