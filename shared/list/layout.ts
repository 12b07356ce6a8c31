/**
 * The byte layout of a crowd list file, shared by the writer and the reader. The table of every byte, and
 * why it is shaped this way, is in docs/list-format.md; keep the two in step.
 */

/** `VGCL` (Vigie Crowd List) read as a little-endian u32. */
export const LIST_MAGIC = 0x4c434756;
/**
 * Format 2: exact numbers in 64-byte lines reached through a rank directory (one cache line per look-up).
 * Format 1 (a sub-bucket offset table and binary search over packed records) is no longer read: clients
 * holding one fail to apply the next delta and take the snapshot (shared/sync/list-sync.ts).
 */
export const LIST_FORMAT = 2;
export const HEADER_BYTES = 80;
export const CHECKSUM_BYTES = 32;
/** Bytes per payload in the table: u8 category, u8 score, u16 lastReportDay, u32 reports. */
export const PAYLOAD_BYTES = 8;
/** One line of exact numbers: a CPU cache line. */
export const LINE_BYTES = 64;
export const LINE_WORDS = LINE_BYTES / 4;
/** Line header bits: first bucket (16), offset width (5), record count (6), 5 reserved. */
export const LINE_HEADER_BITS = 32;
/** At most this many records in a line (the header's 6-bit count). */
export const MAX_LINE_RECORDS = 63;
/** Record width limit (offset bits + payload index bits): records stay below 2^31, plain int arithmetic. */
export const MAX_RECORD_BITS = 31;
/** Bucket bits L: the writer never goes below (a bucket of 16 values always fits a line). */
export const MIN_BUCKET_BITS = 4;
export const MAX_BUCKET_BITS = 20;
/** Buckets per segment 2^B: at least one directory word (32), at most what the line header's 16 bits name. */
export const MIN_SEGMENT_BITS = 5;
export const MAX_SEGMENT_BITS = 16;
/** L + B: a value's offset inside its segment stays below 2^30 (int arithmetic). */
export const MAX_SEGMENT_SHIFT = 30;

/** Header field offsets (bytes). */
export const H = {
  magic: 0,
  format: 4,
  headerBytes: 6,
  version: 8,
  exactCount: 12,
  rangeCount: 16,
  payloadCount: 20,
  bucketBits: 22,
  segmentBits: 23,
  segmentCount: 24,
  lineCount: 28,
  payloadBits: 32,
  rangeGroupCount: 33,
  payloadTableOffset: 40,
  segmentKeysOffset: 44,
  directoryOffset: 48,
  rangeValuesOffset: 52,
  rangeGroupsOffset: 56,
  linesOffset: 60,
  rangePayloadOffset: 64,
  checksumOffset: 68,
} as const;

export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

export function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/** Bits needed for an index below `count` (0 when there is at most one value). */
export function indexBits(count: number): number {
  return count <= 1 ? 0 : 32 - Math.clz32(count - 1);
}

/** Bits to write an offset up to `x` (0 for 0): the writer's and the line patcher's record widths. */
export function widthOf(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

/** Set bits in a 32-bit integer. */
export function popcount32(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Directory words (u32) for `buckets` buckets: per 32 buckets, the line starts before them and their bits. */
export function directoryWords(buckets: number): number {
  return 2 * Math.ceil(buckets / 32);
}

/** Where each section of a list file starts (docs/list-format.md §Layout), from the header's counts. */
export interface SectionOffsets {
  payloadTableOffset: number;
  segmentKeysOffset: number;
  directoryOffset: number;
  rangeValuesOffset: number;
  rangeGroupsOffset: number;
  linesOffset: number;
  rangePayloadOffset: number;
  checksumOffset: number;
}

export function sectionOffsets(c: {
  payloadCount: number;
  segmentCount: number;
  segmentBits: number;
  rangeCount: number;
  groupCount: number;
  lineCount: number;
}): SectionOffsets {
  const payloadTableOffset = HEADER_BYTES;
  const segmentKeysOffset = align8(payloadTableOffset + c.payloadCount * PAYLOAD_BYTES);
  const directoryOffset = align8(segmentKeysOffset + c.segmentCount * 8);
  const rangeValuesOffset = align8(directoryOffset + directoryWords(c.segmentCount * 2 ** c.segmentBits) * 4);
  const rangeGroupsOffset = align8(rangeValuesOffset + c.rangeCount * 8);
  const linesOffset = align64(rangeGroupsOffset + c.groupCount * 8);
  const rangePayloadOffset = linesOffset + c.lineCount * LINE_BYTES;
  const checksumOffset = align8(rangePayloadOffset + c.rangeCount * 2);
  return {
    payloadTableOffset,
    segmentKeysOffset,
    directoryOffset,
    rangeValuesOffset,
    rangeGroupsOffset,
    linesOffset,
    rangePayloadOffset,
    checksumOffset,
  };
}
