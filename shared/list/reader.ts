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
  type SectionOffsets,
  sectionOffsets,
} from './layout.ts';
import { decodeLine } from './line.ts';
import { exactPattern, MAX_DIGITS, POW10, rangePattern } from './pattern.ts';
import { MAX_PAYLOADS, makeKey } from './payload-table.ts';
import type { CrowdList, ListEntry, ListMatch, ListPayload } from './types.ts';
import type { SortedList } from './writer.ts';

/** Thrown by openList for bytes that are not a valid list file; the message says what is wrong. */
export class ListFormatError extends Error {
  override name = 'ListFormatError';
}

/**
 * A list written in another format version (an older client's stored list after an update, or a newer
 * server's): not corrupt, just not readable here. Sync treats it like any failed delta and takes the snapshot.
 */
export class ListFormatVersionError extends ListFormatError {
  override name = 'ListFormatVersionError';
  constructor(
    readonly format: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bits of a line left for records after its header. */
const LINE_RECORD_BITS = LINE_BYTES * 8 - LINE_HEADER_BITS;

/** `matchNumber` result when nothing matches. */
export const NO_MATCH = -1;
/** A `matchNumber` code holds the payload index in its low 10 bits and the range's digit count above. */
export const MATCH_PAYLOAD_MASK = 0x3ff;
export const MATCH_DIGITS_SHIFT = 10;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Module-local copies of what the lookup path uses from other modules. Node 20, one cached line search: 27–44 ns
// with these against 49 ns reading the imported names as native ES modules, and 303 ns when a CommonJS transform
// (tsx loading a module from CommonJS) turns each imported name into a getter call.
const WORDS_PER_LINE = LINE_WORDS;
const RECORDS_START_BIT = LINE_HEADER_BITS;
const DIGITS_MAX = MAX_DIGITS;
const POWERS_OF_TEN = POW10;
/** The range filter's size (bits) and the hash shift that picks one of its bits. */
const RANGE_FILTER_BITS = 2 ** 18;
const RANGE_FILTER_SHIFT = 32 - 18;

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

/** A list file's header fields, checked (readListHeader). */
export interface ListHeader extends SectionOffsets {
  version: number;
  exactCount: number;
  rangeCount: number;
  payloadCount: number;
  bucketBits: number;
  segmentBits: number;
  segmentCount: number;
  lineCount: number;
  payloadBits: number;
  groupCount: number;
}

/**
 * Reads and checks a list header (its first HEADER_BYTES bytes; the view may be just those): magic, format,
 * field ranges, and every section offset where the writer puts it. The file's length is the caller's check
 * (checksumOffset + 32). Throws ListFormatVersionError for another format, ListFormatError otherwise.
 */
export function readListHeader(view: DataView): ListHeader {
  if (view.byteLength < 8)
    throw new ListFormatError(`not a Vigie list: ${view.byteLength} bytes is shorter than the header`);
  if (view.getUint32(H.magic, true) !== LIST_MAGIC) throw new ListFormatError('not a Vigie list: bad magic number');
  const format = view.getUint16(H.format, true);
  if (format !== LIST_FORMAT)
    throw new ListFormatVersionError(
      format,
      `list format ${format} is not supported (this version reads format ${LIST_FORMAT}; download the current snapshot)`,
    );
  if (view.byteLength < HEADER_BYTES + CHECKSUM_BYTES && view.byteLength !== HEADER_BYTES)
    throw new ListFormatError(`not a Vigie list: ${view.byteLength} bytes is shorter than the header`);
  if (view.getUint16(H.headerBytes, true) !== HEADER_BYTES) throw new ListFormatError('corrupt list: bad header size');
  const u32 = (at: number) => view.getUint32(at, true);
  const header = {
    version: u32(H.version),
    exactCount: u32(H.exactCount),
    rangeCount: u32(H.rangeCount),
    payloadCount: view.getUint16(H.payloadCount, true),
    bucketBits: view.getUint8(H.bucketBits),
    segmentBits: view.getUint8(H.segmentBits),
    segmentCount: u32(H.segmentCount),
    lineCount: u32(H.lineCount),
    payloadBits: view.getUint8(H.payloadBits),
    groupCount: view.getUint8(H.rangeGroupCount),
  };
  const { exactCount: n, rangeCount, payloadCount, bucketBits, segmentBits, segmentCount, lineCount } = header;
  const fail = (what: string): never => {
    throw new ListFormatError(`corrupt list: ${what}`);
  };
  if (
    bucketBits < MIN_BUCKET_BITS ||
    bucketBits > MAX_BUCKET_BITS ||
    segmentBits < MIN_SEGMENT_BITS ||
    segmentBits > MAX_SEGMENT_BITS ||
    bucketBits + segmentBits > MAX_SEGMENT_SHIFT
  )
    fail(`bad split (buckets of 2^${bucketBits}, segments of 2^${segmentBits} buckets)`);
  if (payloadCount > MAX_PAYLOADS || (payloadCount === 0 && n + rangeCount > 0))
    fail(`bad payload count ${payloadCount}`);
  if (header.payloadBits !== indexBits(payloadCount)) fail('bad payload index width');
  if (header.groupCount > MAX_DIGITS) fail('bad range group count');
  if (segmentCount > n || (n > 0 && segmentCount === 0)) fail('bad segment count');
  if (lineCount > n || lineCount < segmentCount) fail('bad line count');
  for (let at = 34; at < 40; at++) if (view.getUint8(at) !== 0) fail('reserved header bytes are not zero');
  for (let at = 72; at < HEADER_BYTES; at++) if (view.getUint8(at) !== 0) fail('reserved header bytes are not zero');
  // Every section must sit exactly where the writer puts it: one rule, checked field by field.
  const offsets = sectionOffsets(header);
  for (const field of Object.keys(offsets) as (keyof SectionOffsets)[])
    if (u32(H[field]) !== offsets[field]) fail(`${field} is ${u32(H[field])}, expected ${offsets[field]}`);
  return { ...header, ...offsets };
}

export class OpenedList implements CrowdList {
  readonly version: number;
  readonly exactCount: number;
  readonly rangeCount: number;
  readonly payloadCount: number;
  /** The bytes in use (the input, or its aligned copy). */
  readonly bytes: Uint8Array;
  /** Layout chosen by the writer (docs/list-format.md §Exact numbers): L, B, and the counts. */
  readonly bucketBits: number;
  readonly segmentBits: number;
  readonly segmentCount: number;
  readonly lineCount: number;

  private readonly payloads: readonly ListPayload[];
  private readonly payloadBits: number;
  private readonly payloadMask: number;
  private readonly segmentKeys: Float64Array;
  /** Index of each segment's first line (derived from the directory on open). */
  private readonly segmentFirstLine: Int32Array;
  /** Rank of each group of 32 buckets = rankBase[group >> 3] + rankStep[group]; built on open (locate). */
  private readonly rankBase: Uint32Array;
  private readonly rankStep: Uint8Array;
  /** The lines as 32-bit words, 16 per line. */
  private readonly lineWords: Uint32Array;
  private readonly bucketSize: number;
  private readonly segmentSize: number;
  /** 2^B, kept as a number: the lookup multiplies by it (see searchLine on `**`). */
  private readonly bucketsPerSegment: number;
  private readonly lowMask: number;
  private readonly rangeValues: Float64Array;
  private readonly rangePayload: Uint16Array;
  /** Digit count of each range group, longest first, with group bounds in rangeStart/rangeEnd. */
  private readonly rangeDigits: Uint8Array;
  private readonly rangeStart: Uint32Array;
  private readonly rangeEnd: Uint32Array;
  /**
   * Segment index by segment key − denseBase, −1 where no segment: built on open when the keys are packed
   * enough (a national list spans a few hundred keys), so finding the segment is one read, not a search.
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
    if (input.length < 8)
      throw new ListFormatError(`not a Vigie list: ${input.length} bytes is shorter than the header`);
    const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
    this.bytes = bytes;
    const buffer = bytes.buffer;
    const base = bytes.byteOffset;
    const view = new DataView(buffer, base, bytes.byteLength);
    const header = readListHeader(view);
    const { exactCount: n, rangeCount, payloadCount, bucketBits, segmentBits, segmentCount, lineCount } = header;
    const { payloadBits, groupCount } = header;
    this.version = header.version;
    const u32 = (at: number) => view.getUint32(at, true);
    const fail = (what: string): never => {
      throw new ListFormatError(`corrupt list: ${what}`);
    };
    if (header.checksumOffset + CHECKSUM_BYTES !== bytes.length)
      fail(
        `file is ${bytes.length} bytes, the header describes ${header.checksumOffset + CHECKSUM_BYTES} (truncated or extended)`,
      );
    const dirWords = directoryWords(segmentCount * 2 ** segmentBits);

    this.exactCount = n;
    this.rangeCount = rangeCount;
    this.payloadCount = payloadCount;
    this.payloadBits = payloadBits;
    this.payloadMask = 2 ** payloadBits - 1;
    this.bucketBits = bucketBits;
    this.segmentBits = segmentBits;
    this.segmentCount = segmentCount;
    this.lineCount = lineCount;
    this.bucketSize = 2 ** bucketBits;
    this.segmentSize = 2 ** (bucketBits + segmentBits);
    this.bucketsPerSegment = 2 ** segmentBits;
    this.lowMask = 2 ** bucketBits - 1;

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
    this.segmentKeys = new Float64Array(buffer, base + u32(H.segmentKeysOffset), segmentCount);
    // Read on open only: look-ups use the rank copy below (rankBase, rankStep).
    const directory = new Uint32Array(buffer, base + u32(H.directoryOffset), dirWords);
    this.lineWords = new Uint32Array(buffer, base + u32(H.linesOffset), lineCount * LINE_WORDS);
    this.rangeValues = new Float64Array(buffer, base + u32(H.rangeValuesOffset), rangeCount);
    this.rangePayload = new Uint16Array(buffer, base + u32(H.rangePayloadOffset), rangeCount);

    // The directory is small (a quarter byte per bucket): checking it keeps every lookup in bounds. Each
    // segment's first line starts in it, the ranks add up, and they count lineCount lines in all.
    for (let i = 1; i < segmentCount; i++)
      if (!((this.segmentKeys[i] as number) > (this.segmentKeys[i - 1] as number))) fail('segment keys out of order');
    // The same pass copies the ranks, as one byte per group of 32 buckets above a u32 every 8 groups (at most
    // 7 × 32 = 224 lines start in the 7 groups before a group of its block): 0.54 MB at 15M numbers instead of the
    // directory's 2.87 MB, small enough to stay in the caches, so a look-up's only uncached read is its line.
    const rankGroups = dirWords / 2;
    this.rankBase = new Uint32Array((rankGroups >>> 3) + 1);
    this.rankStep = new Uint8Array(rankGroups + 1);
    let rank = 0;
    for (let group = 0; group <= rankGroups; group++) {
      if ((group & 7) === 0) this.rankBase[group >>> 3] = rank;
      this.rankStep[group] = rank - (this.rankBase[group >>> 3] as number);
      if (group === rankGroups) break;
      const w = 2 * group;
      if (directory[w] !== rank) fail(`directory rank ${group} is ${directory[w]}, expected ${rank}`);
      rank += popcount32(directory[w + 1] as number);
    }
    if (rank !== lineCount) fail(`the directory starts ${rank} lines, the header says ${lineCount}`);
    const wordsPerSegment = 2 ** segmentBits / 32;
    this.segmentFirstLine = new Int32Array(segmentCount + 1);
    for (let s = 0; s < segmentCount; s++) {
      const w = 2 * s * wordsPerSegment;
      this.segmentFirstLine[s] = directory[w] as number;
      let any = 0;
      for (let k = 0; k < wordsPerSegment; k++) any |= directory[w + 2 * k + 1] as number;
      if (any === 0) fail(`segment ${s} has no line`);
    }
    this.segmentFirstLine[segmentCount] = lineCount;
    // Line headers: each line starts at the bucket whose directory bit names it, and its record count and
    // width stay inside the line (O(lines + directory), ~n / 20 lines).
    const words = this.lineWords;
    const bucketMask = 2 ** segmentBits - 1;
    let records = 0;
    let line = 0;
    for (let w = 1; w < dirWords; w += 2) {
      let bits = directory[w] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const g = (w >>> 1) * 32 + (31 - Math.clz32(low));
        bits ^= low;
        const header = words[line * LINE_WORDS] as number;
        const width = (header >>> 16) & 31;
        const count = (header >>> 21) & 63;
        if (header >>> 27 !== 0 || (header & 0xffff) !== (g & bucketMask)) fail(`line ${line} has a bad header`);
        if (count === 0 || width + payloadBits > MAX_RECORD_BITS || count * (width + payloadBits) > LINE_RECORD_BITS)
          fail(`line ${line} holds more than it can`);
        records += count;
        line++;
      }
    }
    if (records !== n) fail(`the lines hold ${records} numbers, the header says ${n}`);

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
    const span =
      segmentCount > 0 ? (this.segmentKeys[segmentCount - 1] as number) - (this.segmentKeys[0] as number) + 1 : 0;
    if (segmentCount > 0 && span <= 4 * segmentCount + 4096) {
      this.denseBase = this.segmentKeys[0] as number;
      this.dense = new Int32Array(span).fill(-1);
      for (let i = 0; i < segmentCount; i++) this.dense[(this.segmentKeys[i] as number) - this.denseBase] = i;
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
    if (length < 2 || length > DIGITS_MAX + 1 || e164.charCodeAt(0) !== 43) return null;
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
   * line, then the searches. The first reads do not depend on each other, so the CPU overlaps their cache
   * misses instead of waiting for each in turn — the lines are far bigger than the caches.
   */
  matchNumbers(values: Float64Array, out: Int32Array): void {
    if (out.length < values.length) throw new RangeError('matchNumbers: out is shorter than values');
    const group = 16;
    const lines = this.batchLine;
    const offsets = this.batchOffset;
    const words = this.lineWords;
    for (let start = 0; start < values.length; start += group) {
      const end = Math.min(values.length, start + group);
      let touched = 0;
      for (let i = start; i < end; i++) {
        const j = i - start;
        const line = this.locate(values[i] as number);
        lines[j] = line;
        offsets[j] = this.locatedOffset;
        // Read the line's header now (its word is all the CPU needs to start fetching the cache line).
        if (line >= 0) touched += words[line * WORDS_PER_LINE] as number;
      }
      this.touched = touched;
      for (let i = start; i < end; i++) {
        const j = i - start;
        const line = lines[j] as number;
        const exact = line >= 0 ? this.searchLine(line, offsets[j] as number) : -1;
        out[i] = exact >= 0 ? exact : this.matchRangeOnly(values[i] as number);
      }
    }
  }

  private readonly batchLine = new Int32Array(16);
  private readonly batchOffset = new Int32Array(16);
  /** Sink for the prefetching reads of matchNumbers, so the engine cannot drop them. */
  touched = 0;
  /** Second result of locate(): the number's offset from its line's first bucket (no allocation). */
  private locatedOffset = 0;

  /**
   * The line that holds `value` if the list does (−1 when no line can), with the value's offset from the
   * line's first bucket in locatedOffset. Reads only the segment map and the directory, both small.
   */
  private locate(value: number): number {
    const key = Math.floor(value / this.segmentSize);
    const segment = this.segmentOf(key);
    if (segment < 0) return -1;
    const rest = value - key * this.segmentSize; // below 2^30: an int from here on
    const bucket = rest >>> this.bucketBits;
    // The lines starting in this bucket's group of 32 come from the cached rank (rankBase + rankStep); the line
    // holding the bucket is the last of them starting at or before it (their headers, adjacent in the file,
    // give their first buckets), else the line before them. The directory's bitmap is not read: see rankStep.
    const group = (segment * this.bucketsPerSegment + bucket) >>> 5;
    const rankBase = this.rankBase;
    const rankStep = this.rankStep;
    const from = (rankBase[group >>> 3] as number) + (rankStep[group] as number);
    const to = (rankBase[(group + 1) >>> 3] as number) + (rankStep[group + 1] as number);
    const words = this.lineWords;
    let line = from - 1;
    for (let next = from; next < to; next++) {
      if (((words[next * WORDS_PER_LINE] as number) & 0xffff) > bucket) break;
      line = next;
    }
    // Buckets before the segment's first line: the rank points into the previous segment's lines.
    if (line < (this.segmentFirstLine[segment] as number)) return -1;
    const first = (words[line * WORDS_PER_LINE] as number) & 0xffff;
    this.locatedOffset = (bucket - first) * this.bucketSize + (rest & this.lowMask);
    return line;
  }

  private matchRangeOnly(value: number): number {
    if (this.rangeDigits.length === 0 || !(value >= 1)) return NO_MATCH;
    let digits = 1;
    while (digits < DIGITS_MAX && value >= (POWERS_OF_TEN[digits] as number)) digits++;
    for (let g = 0; g < this.rangeDigits.length; g++) {
      const k = this.rangeDigits[g] as number;
      if (k > digits) continue;
      // Exact: value < 2^53, so the rounded quotient is never pushed up to the next integer.
      const i = this.findRange(g, Math.floor(value / (POWERS_OF_TEN[digits - k] as number)));
      if (i >= 0) return (this.rangePayload[i] as number) | (k << MATCH_DIGITS_SHIFT);
    }
    return NO_MATCH;
  }

  /** Payload index of an exact number, or −1: one line read. */
  findExact(value: number): number {
    const line = this.locate(value);
    return line < 0 ? -1 : this.searchLine(line, this.locatedOffset);
  }

  /** Index of the segment with this key, or −1. */
  private segmentOf(key: number): number {
    const dense = this.dense;
    if (dense) {
      const d = key - this.denseBase;
      return d >= 0 && d < dense.length ? (dense[d] as number) : -1;
    }
    // Binary search of the segment keys (a few thousand at most: stays in the CPU cache).
    const keys = this.segmentKeys;
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

  /** Binary search of one line's records for an offset; returns the payload index or −1. */
  private searchLine(line: number, offset: number): number {
    const words = this.lineWords;
    const at = line * WORDS_PER_LINE;
    const header = words[at] as number;
    const width = (header >>> 16) & 31;
    // Shifts and masks, not `2 ** width`: V8 compiles a variable `**` to a call into its pow routine (about
    // 50 ns each in Node 20), which made this search slower than its memory read (width ≤ 31, offset < 2^30).
    if (offset >>> width !== 0) return -1;
    const recordBits = width + this.payloadBits;
    const offsetMask = 0x7fffffff >>> (31 - width);
    let lo = 0;
    let hi = ((header >>> 21) & 63) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const bitPos = RECORDS_START_BIT + mid * recordBits;
      const shift = bitPos & 31;
      const word = at + (bitPos >>> 5);
      let record = (words[word] as number) >>> shift;
      if (shift + recordBits > 32) record |= (words[word + 1] as number) << (32 - shift);
      const o = record & offsetMask;
      if (o < offset) lo = mid + 1;
      else if (o > offset) hi = mid - 1;
      else return (record >>> width) & this.payloadMask;
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
  exactColumns(): { values: Float64Array; payloadIndex: Uint16Array } {
    const values = new Float64Array(this.exactCount);
    const payloadIndex = new Uint16Array(this.exactCount);
    const bad = decodeLines(
      this.lineWords,
      this.segmentKeys,
      this.segmentFirstLine,
      this.segmentSize,
      this.bucketSize,
      this.payloadBits,
      this.payloads.length,
      values,
      payloadIndex,
    );
    if (bad >= 0)
      throw new ListFormatError(`corrupt list: entry ${bad} is out of order or points at a missing payload`);
    return { values, payloadIndex };
  }

  /**
   * The exact numbers ascending, in chunks of whole lines (at most `chunk` numbers each) decoded into two
   * buffers reused from one chunk to the next: applyDelta merges from these rather than from exactColumns, so
   * it never holds a second full copy of the numbers (on this kind of VM, first touching 180 MB of fresh
   * memory costs about a second).
   */
  *exactChunks(chunk = 1 << 16): Generator<{ values: Float64Array; payloadIndex: Uint16Array; count: number }> {
    const values = new Float64Array(Math.max(chunk, MAX_LINE_RECORDS));
    const payloadIndex = new Uint16Array(values.length);
    const out = { values, payloadIndex, count: 0 };
    let previous = -1;
    for (let s = 0; s < this.segmentCount; s++) {
      const segmentBase = (this.segmentKeys[s] as number) * this.segmentSize;
      const last = this.segmentFirstLine[s + 1] as number;
      let line = this.segmentFirstLine[s] as number;
      while (line < last) {
        const r = decodeLineRun(
          this.lineWords,
          line,
          last,
          segmentBase,
          this.bucketSize,
          this.payloadBits,
          this.payloads.length,
          previous,
          values,
          payloadIndex,
        );
        if (r.bad) throw new ListFormatError('corrupt list: an entry is out of order or points at a missing payload');
        line = r.line;
        previous = r.previous;
        out.count = r.count;
        if (r.count > 0) yield out;
      }
    }
  }

  /**
   * The lines and what locates them, for the delta codec's line patcher (line-patch.ts), which copies
   * untouched lines verbatim: views on this file's bytes, not copies.
   */
  lineStructure(): {
    words: Uint32Array;
    segmentKeys: Float64Array;
    segmentFirstLine: Int32Array;
    payloadBits: number;
  } {
    return {
      words: this.lineWords,
      segmentKeys: this.segmentKeys,
      segmentFirstLine: this.segmentFirstLine,
      payloadBits: this.payloadBits,
    };
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

/**
 * Every exact number of the lines, ascending, with its payload index: a plain function over local typed arrays
 * (V8 optimises it as one tight loop; as a method reading `this` fields it ran several times slower at 15M).
 * Returns −1, or the index of the first entry out of order or pointing past the payload table.
 */
function decodeLines(
  words: Uint32Array,
  segmentKeys: Float64Array,
  segmentFirstLine: Int32Array,
  segmentSize: number,
  bucketSize: number,
  payloadBits: number,
  payloadCount: number,
  values: Float64Array,
  payloadIndex: Uint16Array,
): number {
  let i = 0;
  let previous = -1;
  for (let s = 0; s < segmentKeys.length; s++) {
    const segmentBase = (segmentKeys[s] as number) * segmentSize;
    const lastLine = segmentFirstLine[s + 1] as number;
    for (let line = segmentFirstLine[s] as number; line < lastLine; line++) {
      const base = segmentBase + ((words[line * LINE_WORDS] as number) & 0xffff) * bucketSize;
      const count = decodeLine(words, line, base, payloadBits, values, payloadIndex, i);
      const bad = firstBadRecord(values, payloadIndex, i, count, previous, payloadCount);
      if (bad >= 0) return bad;
      i += count;
      previous = values[i - 1] as number;
    }
  }
  return -1;
}

/** Index of the first of records [from, from + count) not above its predecessor or past the table, or −1. */
function firstBadRecord(
  values: Float64Array,
  payloadIndex: Uint16Array,
  from: number,
  count: number,
  previous: number,
  payloadCount: number,
): number {
  let last = previous;
  for (let k = from; k < from + count; k++) {
    const value = values[k] as number;
    if (!(value > last) || (payloadIndex[k] as number) >= payloadCount) return k;
    last = value;
  }
  return -1;
}

/** Decodes whole lines [line, last) of one segment into the buffers until the next line would not fit. */
function decodeLineRun(
  words: Uint32Array,
  firstLine: number,
  last: number,
  segmentBase: number,
  bucketSize: number,
  payloadBits: number,
  payloadCount: number,
  start: number,
  values: Float64Array,
  payloadIndex: Uint16Array,
): { line: number; count: number; previous: number; bad: boolean } {
  let i = 0;
  let previous = start;
  let line = firstLine;
  for (; line < last; line++) {
    const header = words[line * LINE_WORDS] as number;
    if (i + ((header >>> 21) & 63) > values.length) break;
    const count = decodeLine(
      words,
      line,
      segmentBase + (header & 0xffff) * bucketSize,
      payloadBits,
      values,
      payloadIndex,
      i,
    );
    if (firstBadRecord(values, payloadIndex, i, count, previous, payloadCount) >= 0)
      return { line, count: i, previous, bad: true };
    i += count;
    previous = values[i - 1] as number;
  }
  return { line, count: i, previous, bad: false };
}

/** A 32-bit hash of (prefix value, digit count); the top bits pick the slot (Fibonacci hashing). */
function rangeHash(value: number, digits: number): number {
  const lo = value >>> 0;
  const hi = (value / 0x1_0000_0000) >>> 0;
  return Math.imul((lo ^ Math.imul(hi, 0x27d4eb2d)) + digits, 0x9e3779b1);
}
