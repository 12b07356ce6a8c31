/**
 * The byte layout of a crowd list file, shared by the writer and the reader. The table of every byte, and
 * why it is shaped this way, is in docs/list-format.md; keep the two in step.
 */

/** `VGCL` (Vigie Crowd List) read as a little-endian u32. */
export const LIST_MAGIC = 0x4c434756;
export const LIST_FORMAT = 1;
export const HEADER_BYTES = 64;
export const CHECKSUM_BYTES = 32;
/** Bytes after the packed records so a 4-byte read at the last record stays inside the section. */
export const RECORD_PADDING = 4;
/** Bytes per payload in the table: u8 category, u8 score, u16 lastReportDay, u32 reports. */
export const PAYLOAD_BYTES = 8;

/** Header field offsets (bytes). */
export const H = {
  magic: 0,
  format: 4,
  headerBytes: 6,
  version: 8,
  exactCount: 12,
  rangeCount: 16,
  payloadCount: 20,
  lowBits: 22,
  bucketShift: 23,
  bucketCount: 24,
  recordBits: 28,
  payloadBits: 29,
  rangeGroupCount: 30,
  reserved: 31,
  payloadTableOffset: 32,
  bucketKeysOffset: 36,
  subStartOffset: 40,
  rangeValuesOffset: 44,
  rangeGroupsOffset: 48,
  recordsOffset: 52,
  rangePayloadOffset: 56,
  checksumOffset: 60,
} as const;

/** Lowest and highest low-part widths the writer may choose (bits per record besides the payload index). */
export const MIN_LOW_BITS = 8;
export const MAX_LOW_BITS = 16;
/** Record width limit: low bits + payload index bits, read with one 4-byte load and a shift of up to 7. */
export const MAX_RECORD_BITS = 24;
/** At most 2^10 sub-buckets per bucket: beyond that the directory only grows. */
export const MAX_SUB_BITS = 10;

export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Bits needed for an index below `count` (0 when there is at most one value). */
export function indexBits(count: number): number {
  return count <= 1 ? 0 : 32 - Math.clz32(count - 1);
}
