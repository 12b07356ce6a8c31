/**
 * One 64-byte line of exact numbers (docs/list-format.md §Layout, "A line"): decoding its records, writing
 * them. Shared by the reader's scans and the delta codec's line patcher. (The reader's exact look-up keeps
 * its own inlined binary search: it reads one record per step, not the whole line. The writer keeps its own
 * encoder on purpose: the independent reference the patcher's tests compare against.)
 */
import { LINE_WORDS } from './layout.ts';

// The line header is the first 32-bit word (layout.ts LINE_HEADER_BITS = 32): records start at the second.

/**
 * Decodes line `line`'s records into `values[at…]` (base + offset: `base` is the value of the line's first
 * bucket's start, or that start's offset in its segment) and `payloadIndex[at…]`. Returns the record count.
 * Checks nothing: callers check order and payload indices where the input is not trusted.
 */
export function decodeLine(
  words: Uint32Array,
  line: number,
  base: number,
  payloadBits: number,
  values: Float64Array,
  payloadIndex: Uint16Array,
  at: number,
): number {
  let word = line * LINE_WORDS;
  const header = words[word++] as number;
  const width = (header >>> 16) & 31;
  const count = (header >>> 21) & 63;
  const recordBits = width + payloadBits;
  const recordMask = (1 << recordBits) - 1; // recordBits ≤ 31
  const offsetMask = (1 << width) - 1;
  // `bits` unread bits of the current word sit at the bottom of `current` (≤ 31-bit records: never 32).
  let current = count > 0 ? (words[word++] as number) : 0;
  let bits = 32;
  for (let k = 0; k < count; k++) {
    let record: number;
    if (bits >= recordBits) {
      record = current & recordMask;
      current >>>= recordBits;
      bits -= recordBits;
    } else {
      // The record straddles two words: its low `bits` bits are here, the rest in the next word.
      const next = words[word++] as number;
      record = (current | (next << bits)) & recordMask;
      current = next >>> (recordBits - bits);
      bits += 32 - recordBits;
    }
    values[at + k] = base + (record & offsetMask);
    payloadIndex[at + k] = record >>> width;
  }
  return count;
}

/**
 * Decodes line `line`'s records as the line patcher needs them, at `offsets[at…]` and `payloadIndex[at…]`:
 * each number's offset in its segment (`base` = the line's first bucket · 2^L, below 2^30: an int) and its
 * payload index, through `remap` (old table index → target index) when given. Returns the record count, or
 * its complement (~count, negative) when some index maps to 0xffff (a payload the target table lacks).
 * Its own bit reader, not decodeLine's: this loop runs for most numbers of a 15M apply, writes int offsets with
 * the remap in the same pass, and reads each record without a branch (below), where decodeLine (the reader's)
 * is left as it is.
 */
export function decodeLineOffsets(
  words: Uint32Array,
  line: number,
  base: number,
  payloadBits: number,
  remap: Uint16Array | null,
  offsets: Int32Array,
  payloadIndex: Uint16Array,
  at: number,
): number {
  const first = line << 4; // 16 words a line (layout.ts LINE_WORDS; a literal: see line-patch.ts on speed)
  const header = words[first] as number;
  const width = (header >>> 16) & 31;
  const count = (header >>> 21) & 63;
  const recordBits = width + payloadBits;
  const recordMask = (1 << recordBits) - 1;
  const offsetMask = (1 << width) - 1;
  const end = at + count;
  // Record k starts at bit 32 + k·recordBits of the line. Both words it may span are read and shifted, with no
  // branch on whether it crosses a word boundary (a branch whose outcome changes from record to record). The
  // high word's shift is split in two so that a record starting on a word boundary takes none of its bits; the
  // index wraps within the line, since a record never extends past the line's last word.
  let bit = 32;
  if (remap === null) {
    for (let k = at; k < end; k++) {
      const shift = bit & 31;
      const w = bit >>> 5;
      const record =
        (((words[first + w] as number) >>> shift) |
          (((words[first + ((w + 1) & 15)] as number) << 1) << (31 - shift))) &
        recordMask;
      offsets[k] = base + (record & offsetMask);
      payloadIndex[k] = record >>> width;
      bit += recordBits;
    }
    return count;
  }
  let missing = 0;
  for (let k = at; k < end; k++) {
    const shift = bit & 31;
    const w = bit >>> 5;
    const record =
      (((words[first + w] as number) >>> shift) | (((words[first + ((w + 1) & 15)] as number) << 1) << (31 - shift))) &
      recordMask;
    offsets[k] = base + (record & offsetMask);
    const t = remap[record >>> width] as number;
    missing |= (t + 1) >>> 16; // 1 for 0xffff only, without a branch
    payloadIndex[k] = t;
    bit += recordBits;
  }
  return missing === 0 ? count : ~count;
}

/**
 * Writes one line at word `start` of `words` (zero there from the header's end on): its header, then
 * `count` records whose offsets are offsets[from + k] − base and whose payload indices are
 * payloadIndex[from + k]. Bits gather in a local word written once when full, rather than read-modify-write
 * of the output per record. offset < 2^width ≤ 2^21 and the index < 2^10: each record stays below 2^31.
 */
export function encodeLine(
  words: Uint32Array,
  start: number,
  firstBucket: number,
  width: number,
  payloadBits: number,
  offsets: Int32Array,
  base: number,
  payloadIndex: Uint16Array,
  from: number,
  count: number,
): void {
  words[start] = firstBucket | (width << 16) | (count << 21);
  const recordBits = width + payloadBits;
  let at = start + 1;
  let word = 0;
  let filled = 0;
  const end = from + count;
  // No branch on whether a record fills the word: the word is stored after every record, and `carry` (0 or 1)
  // moves to the next one and selects its first bits through masks. A record never makes the line's last
  // word overflow (count·recordBits ≤ 480), so every store stays inside the line.
  for (let k = from; k < end; k++) {
    const record = ((offsets[k] as number) - base) | ((payloadIndex[k] as number) << width);
    word |= record << filled;
    words[at] = word;
    const next = filled + recordBits;
    const carry = next >>> 5;
    // The record's bits past the word's end (when filled is 0 there are none to carry: carry is 0 then).
    word = (word & (carry - 1)) | ((record >>> (32 - filled)) & -carry);
    at += carry;
    filled = next & 31;
  }
  if (filled > 0) words[at] = word; // the bits carried by the last record
}
