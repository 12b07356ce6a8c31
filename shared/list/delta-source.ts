/**
 * The old list as `applyDelta`'s line patcher reads it: a light open of a list file (docs/list-format.md
 * §Applying a delta: cost). `openList` (reader.ts) prepares a list for look-ups: it walks every line header
 * (one read per 64-byte line: the whole 46 MB of a 15M-number file), copies the directory's ranks and builds
 * the range hash set and filter. The patcher needs none of that: the header's fields, views on the lines and
 * segment keys, each segment's first line (the directory's rank word at the segment's start), the payload
 * table as keys and the ranges as columns. Measured at 15M: see the commit that added this module.
 *
 * What is not checked here (the line headers, the directory's bitmaps) cannot make a wrong list: the patched
 * file must have the delta's piece hash, or applyDelta throws a DeltaError. What is checked keeps every view
 * and loop inside the file: the header (readListHeader), the file's length, and segment first lines that
 * increase and stay within the line count.
 */
import { CATEGORIES } from '../verdict.ts';
import { CHECKSUM_BYTES, directoryWords, LINE_WORDS, PAYLOAD_BYTES } from './layout.ts';
import { MAX_DIGITS } from './pattern.ts';
import { makeKey } from './payload-table.ts';
import { ListFormatError, type ListHeader, readListHeader } from './reader.ts';
import type { SortedList } from './writer.ts';

export interface DeltaSource {
  header: ListHeader;
  /** The bytes in use (the input, or its aligned copy). */
  bytes: Uint8Array;
  /** The lines as 32-bit words (16 a line), the segment keys, each segment's first line (then the line count). */
  words: Uint32Array;
  segmentKeys: Float64Array;
  segmentFirstLine: Int32Array;
  /** The payload table as keys (payload-table.ts), in table order. */
  payloadKeys: number[];
  /** The embedded checksum (the file's last 32 bytes). */
  checksum: Uint8Array;
}

/** Opens `input` for patching; throws ListFormatError (ListFormatVersionError for another format) as openList does. */
export function openDeltaSource(input: Uint8Array): DeltaSource {
  if (!(input instanceof Uint8Array)) throw new ListFormatError('a list file must be given as a Uint8Array');
  if (input.length < 8) throw new ListFormatError(`not a Vigie list: ${input.length} bytes is shorter than the header`);
  // Typed-array views need 8-byte alignment, as in openList.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const buffer = bytes.buffer;
  const base = bytes.byteOffset;
  const view = new DataView(buffer, base, bytes.byteLength);
  const header = readListHeader(view);
  const fail = (what: string): never => {
    throw new ListFormatError(`corrupt list: ${what}`);
  };
  if (header.checksumOffset + CHECKSUM_BYTES !== bytes.length)
    fail(`file is ${bytes.length} bytes, the header describes ${header.checksumOffset + CHECKSUM_BYTES}`);
  const { segmentCount, segmentBits, lineCount } = header;

  const payloadKeys: number[] = [];
  for (let i = 0; i < header.payloadCount; i++) {
    const p = header.payloadTableOffset + i * PAYLOAD_BYTES;
    const category = view.getUint8(p);
    if (category >= CATEGORIES.length) fail(`payload ${i} has unknown category ${category}`);
    payloadKeys.push(makeKey(category, view.getUint8(p + 1), view.getUint16(p + 2, true), view.getUint32(p + 4, true)));
  }

  const directory = new Uint32Array(
    buffer,
    base + header.directoryOffset,
    directoryWords(segmentCount * 2 ** segmentBits),
  );
  // A segment's first line is the rank word of its first group of 32 buckets (2^B / 32 groups a segment).
  const pairsPerSegment = 2 ** segmentBits / 32;
  const segmentFirstLine = new Int32Array(segmentCount + 1);
  for (let s = 0; s < segmentCount; s++) {
    const first = directory[2 * s * pairsPerSegment] as number;
    if (first >= lineCount || (s > 0 && first <= (segmentFirstLine[s - 1] as number)))
      fail(`segment ${s} starts at line ${first}`);
    segmentFirstLine[s] = first;
  }
  if (segmentCount > 0 && segmentFirstLine[0] !== 0) fail('the first segment does not start at line 0');
  segmentFirstLine[segmentCount] = lineCount;

  return {
    header,
    bytes,
    words: new Uint32Array(buffer, base + header.linesOffset, lineCount * LINE_WORDS),
    segmentKeys: new Float64Array(buffer, base + header.segmentKeysOffset, segmentCount),
    segmentFirstLine,
    payloadKeys,
    checksum: bytes.subarray(bytes.length - CHECKSUM_BYTES),
  };
}

/** The ranges as sorted columns (SortedList's range fields, as OpenedList.rangeColumns gives them). */
export function sourceRanges(source: DeltaSource): Pick<SortedList, 'rangeDigits' | 'rangeValues' | 'rangeKeys'> {
  const { header, bytes, payloadKeys } = source;
  const count = header.rangeCount;
  const groups = new Uint32Array(bytes.buffer, bytes.byteOffset + header.rangeGroupsOffset, header.groupCount * 2);
  const payload = new Uint16Array(bytes.buffer, bytes.byteOffset + header.rangePayloadOffset, count);
  const rangeDigits = new Uint8Array(count);
  const rangeKeys = new Float64Array(count);
  for (let g = 0; g < header.groupCount; g++) {
    const digits = groups[2 * g] as number;
    const start = groups[2 * g + 1] as number;
    const end = g + 1 < header.groupCount ? (groups[2 * g + 3] as number) : count;
    if (digits < 1 || digits > MAX_DIGITS || start > end || end > count || (g === 0 && start !== 0))
      throw new ListFormatError('corrupt list: range groups');
    rangeDigits.fill(digits, start, end);
  }
  if (count > 0 && header.groupCount === 0) throw new ListFormatError('corrupt list: ranges without groups');
  for (let r = 0; r < count; r++) {
    const key = payloadKeys[payload[r] as number];
    if (key === undefined) throw new ListFormatError(`corrupt list: range ${r} points at a missing payload`);
    rangeKeys[r] = key;
  }
  return {
    rangeDigits,
    rangeValues: new Float64Array(bytes.buffer, bytes.byteOffset + header.rangeValuesOffset, count).slice(),
    rangeKeys,
  };
}
