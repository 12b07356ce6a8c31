/**
 * Applies exact-number changes to a list's 64-byte lines, copying the lines no change touches and re-encoding
 * only the others: what lets `applyDelta` rebuild a 15M-number list without decoding and re-encoding every
 * number (docs/list-format.md §Patching lines).
 *
 * Why copying is exact: the writer packs each segment greedily (a bucket goes whole into the current line if
 * it fits, else starts a line), so a line is a function of the buckets from its first one up to the bucket
 * that did not fit after it. An old line is therefore the new file's line as it stands when (1) the new
 * packing starts a line at the same bucket, (2) none of its buckets changed, and (3) the bucket that starts
 * the next old line did not change either (the reason the line ended). The packer below feeds decoded
 * buckets wherever that does not hold, and falls back into step with the old lines at the first line where
 * it does. Only valid when the bucket size, segment size and payload index width are the target's (the delta
 * carries the target's header; delta.ts checks it). The result is checked by the caller against the target's
 * hash: a wrong delta or a bug here gives a DeltaError, never a wrong list.
 */
import { DeltaError } from './delta-error.ts';
import { LINE_BYTES, LINE_HEADER_BITS, LINE_WORDS, MAX_LINE_RECORDS, MAX_RECORD_BITS, widthOf } from './layout.ts';
import { decodeLine, encodeLine } from './line.ts';

const LINE_RECORD_BITS = LINE_BYTES * 8 - LINE_HEADER_BITS;

export interface PatchLinesInput {
  bucketBits: number;
  segmentBits: number;
  payloadBits: number;
  /** The old list's lines (16 words each), segment keys, and each segment's first line (then the line count). */
  oldWords: Uint32Array;
  oldSegmentKeys: Float64Array;
  oldSegmentFirstLine: Int32Array;
  /** Old payload table index → target index (0xffff: not in the target table), or null when they are equal. */
  remap: Uint16Array | null;
  /** Numbers removed, ascending. */
  removed: Float64Array;
  /** Numbers added or given a new payload, ascending, with their target payload index. */
  upValues: Float64Array;
  upIndex: Uint16Array;
  /** The target's lines (zeroed) and segment keys, sized from the target header. */
  outWords: Uint32Array;
  outSegmentKeys: Float64Array;
  /**
   * The target's directory (zeroed): the bit of each line's global bucket (segment index · 2^B + first bucket)
   * is set here; the rank words are the caller's.
   */
  outDirectory: Uint32Array;
}

/** Patches the lines; returns the number of exact numbers written. Throws DeltaError on any inconsistency. */
export function patchLines(p: PatchLinesInput): number {
  const bucketSize = 2 ** p.bucketBits;
  const segmentSize = 2 ** (p.bucketBits + p.segmentBits);
  const bucketsPerSegment = 2 ** p.segmentBits;
  const packer = new LinePacker(p);
  const { oldWords, oldSegmentKeys, oldSegmentFirstLine, removed, upValues, upIndex, remap } = p;
  const segments = oldSegmentKeys.length;
  const removedCount = removed.length;
  const upCount = upValues.length;
  // One decoded old line (offsets in its segment, target payload indices), and the merged numbers fed to
  // the packer: the old line's, plus any number of new ones falling in its buckets.
  const lineValues = new Float64Array(MAX_LINE_RECORDS);
  const lineIndex = new Uint16Array(MAX_LINE_RECORDS);
  let stageValues = new Float64Array(4 * MAX_LINE_RECORDS);
  let stageIndex = new Uint16Array(stageValues.length);
  let r = 0;
  let u = 0;
  let s = 0;
  const missing = (value: number) => new DeltaError(`delta removes +${value}, which the list does not hold`);

  /** Decodes old line `line` (segment offsets) into lineValues/lineIndex with target payload indices. */
  const decodeOld = (line: number): number => {
    const base = ((oldWords[line * LINE_WORDS] as number) & 0xffff) * bucketSize;
    const count = decodeLine(oldWords, line, base, p.payloadBits, lineValues, lineIndex, 0);
    // 0xffff for a payload the target table lacks: fine for a number the delta removes or gives a new
    // payload, refused by the packer for one it keeps.
    if (remap !== null) for (let k = 0; k < count; k++) lineIndex[k] = remap[lineIndex[k] as number] as number;
    return count;
  };

  while (s < segments || r < removedCount || u < upCount) {
    const nextChange = Math.min(
      r < removedCount ? (removed[r] as number) : Number.POSITIVE_INFINITY,
      u < upCount ? (upValues[u] as number) : Number.POSITIVE_INFINITY,
    );
    const oldKey = s < segments ? (oldSegmentKeys[s] as number) : Number.POSITIVE_INFINITY;
    const key = Math.min(oldKey, Math.floor(nextChange / segmentSize));
    const segmentBase = key * segmentSize;
    const segmentEnd = segmentBase + segmentSize;
    packer.startSegment();
    if (key !== oldKey) {
      // A segment the old list does not have: only new numbers.
      if (r < removedCount && (removed[r] as number) < segmentEnd) throw missing(removed[r] as number);
      while (u < upCount && (upValues[u] as number) < segmentEnd) {
        const n = Math.min(stageValues.length, upCount - u);
        let m = 0;
        while (m < n && (upValues[u] as number) < segmentEnd) {
          stageValues[m] = (upValues[u] as number) - segmentBase;
          stageIndex[m++] = upIndex[u++] as number;
        }
        packer.pack(stageValues, stageIndex, 0, m);
      }
    } else {
      const firstLine = oldSegmentFirstLine[s] as number;
      const lastLine = oldSegmentFirstLine[s + 1] as number;
      for (let line = firstLine; line < lastLine; line++) {
        const h0 = (oldWords[line * LINE_WORDS] as number) & 0xffff;
        const nextH0 = line + 1 < lastLine ? (oldWords[(line + 1) * LINE_WORDS] as number) & 0xffff : bucketsPerSegment;
        const spanEnd = segmentBase + nextH0 * bucketSize;
        let rEnd = r;
        while (rEnd < removedCount && (removed[rEnd] as number) < spanEnd) rEnd++;
        let uEnd = u;
        while (uEnd < upCount && (upValues[uEnd] as number) < spanEnd) uEnd++;
        if (rEnd === r && uEnd === u) {
          // (3): the next line's first bucket is unchanged (or this is the segment's last line).
          const next = Math.min(
            r < removedCount ? (removed[r] as number) : Number.POSITIVE_INFINITY,
            u < upCount ? (upValues[u] as number) : Number.POSITIVE_INFINITY,
          );
          const nextIntact = line + 1 === lastLine || !(next < spanEnd + bucketSize);
          if (nextIntact && packer.idle()) {
            packer.copy(oldWords, line, h0, remap);
            continue;
          }
          const count = decodeOld(line);
          let k = 0;
          if (nextIntact) {
            // (1): feed the first bucket; if it starts a line of its own, the old line is the new one.
            const bucketEnd = (h0 + 1) * bucketSize;
            while (k < count && (lineValues[k] as number) < bucketEnd) k++;
            packer.pack(lineValues, lineIndex, 0, k);
            if (packer.startedLineWith(h0, k)) {
              packer.discardOpenLine();
              packer.copy(oldWords, line, h0, remap);
              continue;
            }
          }
          packer.pack(lineValues, lineIndex, k, count);
          continue;
        }
        // A touched line: merge its numbers with the changes that fall in its buckets.
        const count = decodeOld(line);
        if (count + (uEnd - u) > stageValues.length) {
          stageValues = new Float64Array(2 * (count + (uEnd - u)));
          stageIndex = new Uint16Array(stageValues.length);
        }
        let m = 0;
        let k = 0;
        while (k < count) {
          const ov = lineValues[k] as number;
          while (u < uEnd && (upValues[u] as number) - segmentBase < ov) {
            stageValues[m] = (upValues[u] as number) - segmentBase;
            stageIndex[m++] = upIndex[u++] as number;
          }
          const uv = u < uEnd ? (upValues[u] as number) - segmentBase : -1;
          if (r < rEnd && (removed[r] as number) - segmentBase <= ov) {
            if ((removed[r] as number) - segmentBase < ov) throw missing(removed[r] as number);
            if (uv === ov) throw new DeltaError(`delta both removes and upserts +${ov + segmentBase}`);
            r++;
          } else if (uv === ov) {
            stageValues[m] = ov;
            stageIndex[m++] = upIndex[u++] as number;
          } else {
            stageValues[m] = ov;
            stageIndex[m++] = lineIndex[k] as number;
          }
          k++;
        }
        if (r < rEnd) throw missing(removed[r] as number);
        while (u < uEnd) {
          stageValues[m] = (upValues[u] as number) - segmentBase;
          stageIndex[m++] = upIndex[u++] as number;
        }
        packer.pack(stageValues, stageIndex, 0, m);
      }
      s++;
    }
    if (packer.endSegment()) packer.keepSegmentKey(key);
    // The segment's lines cover all its buckets: any change left below its end was not placed (unsorted input).
    if (
      (r < removedCount && (removed[r] as number) < segmentEnd) ||
      (u < upCount && (upValues[u] as number) < segmentEnd)
    )
      throw new DeltaError('corrupt delta: changes out of order');
  }
  packer.finish();
  return packer.records;
}

/**
 * The writer's greedy packing (writer.ts packLines), fed one number at a time in ascending order within a
 * segment: the open line's records are at [0, count) of the buffers, the bucket being gathered after them.
 */
class LinePacker {
  private readonly offsets = new Int32Array(2 * MAX_LINE_RECORDS + 2);
  private readonly index = new Uint16Array(2 * MAX_LINE_RECORDS + 2);
  private readonly bucketBits: number;
  private readonly bucketSize: number;
  private readonly segmentBits: number;
  private readonly payloadBits: number;
  private readonly maxWidth: number;
  private readonly outWords: Uint32Array;
  private readonly outSegmentKeys: Float64Array;
  private readonly outDirectory: Uint32Array;
  private readonly outLines: number;
  /** Open line: first bucket, record count, offset width. */
  private open = false;
  private h0 = 0;
  private count = 0;
  private width = 0;
  /** The bucket being gathered (−1: none) and its record count so far. */
  private bucket = -1;
  private pending = 0;
  private line = 0;
  private segment = 0;
  private segmentStartLine = 0;
  /** Global bucket index of the current segment's first bucket (segment index · 2^B). */
  private segmentFirstBucket = 0;
  records = 0;

  constructor(p: PatchLinesInput) {
    this.bucketBits = p.bucketBits;
    this.bucketSize = 2 ** p.bucketBits;
    this.segmentBits = p.segmentBits;
    this.payloadBits = p.payloadBits;
    this.maxWidth = MAX_RECORD_BITS - p.payloadBits;
    this.outWords = p.outWords;
    this.outSegmentKeys = p.outSegmentKeys;
    this.outDirectory = p.outDirectory;
    this.outLines = p.outWords.length / LINE_WORDS;
  }

  startSegment(): void {
    this.segmentStartLine = this.line;
  }

  /** No open line and no bucket being gathered: the next line starts afresh. */
  idle(): boolean {
    return !this.open && this.pending === 0;
  }

  /**
   * Feeds numbers [from, to) of `values` (offsets in the segment, ascending) with their payload indices.
   * The greedy rule in one loop over locals: a bucket is complete when the next number is in another one.
   */
  pack(values: Float64Array, payloadIndex: Uint16Array, from: number, to: number): void {
    const offsets = this.offsets;
    const index = this.index;
    const bucketBits = this.bucketBits;
    let bucket = this.bucket;
    // The next free slot (after the open line and the bucket being gathered), kept in a local.
    let at = this.count + this.pending;
    for (let k = from; k < to; k++) {
      const offset = values[k] as number;
      const b = offset >>> bucketBits;
      if (b !== bucket) {
        this.pending = at - this.count;
        if (this.pending > 0) this.commit();
        this.bucket = bucket = b;
        at = this.count;
      }
      const i = payloadIndex[k] as number;
      if (i === 0xffff) throw new DeltaError('a kept number has a payload missing from the target table');
      offsets[at] = offset;
      index[at++] = i;
      if (at - this.count > MAX_LINE_RECORDS + 1) throw new DeltaError('a bucket does not fit a line');
    }
    this.pending = at - this.count;
  }

  /** True when the last bucket fed, of `records` numbers, starts a line of its own at bucket `h0`. */
  startedLineWith(h0: number, records: number): boolean {
    this.commit();
    return this.open && this.h0 === h0 && this.count === records;
  }

  discardOpenLine(): void {
    this.open = false;
    this.count = 0;
    this.bucket = -1;
  }

  /** Closes the bucket being gathered: into the open line if it fits, else it starts a line. */
  private commit(): void {
    const m = this.pending;
    if (m === 0) return;
    const bucketSize = this.bucketSize;
    const last = this.offsets[this.count + m - 1] as number;
    if (this.open) {
      const w = widthOf(last - this.h0 * bucketSize);
      const c = this.count + m;
      if (c <= MAX_LINE_RECORDS && w <= this.maxWidth && c * (w + this.payloadBits) <= LINE_RECORD_BITS) {
        this.count = c;
        this.width = w;
        this.pending = 0;
        return;
      }
      const from = this.count;
      this.flush();
      for (let k = 0; k < m; k++) {
        this.offsets[k] = this.offsets[from + k] as number;
        this.index[k] = this.index[from + k] as number;
      }
    }
    const w = widthOf(last - this.bucket * bucketSize);
    if (m > MAX_LINE_RECORDS || w > this.maxWidth || m * (w + this.payloadBits) > LINE_RECORD_BITS)
      throw new DeltaError('a bucket does not fit a line');
    this.open = true;
    this.h0 = this.bucket;
    this.count = m;
    this.width = w;
    this.pending = 0;
  }

  /** Writes the open line. */
  private flush(): void {
    if (!this.open) return;
    const at = this.claimLine(this.h0);
    encodeLine(
      this.outWords,
      at,
      this.h0,
      this.width,
      this.payloadBits,
      this.offsets,
      this.h0 * this.bucketSize,
      this.index,
      0,
      this.count,
    );
    this.records += this.count;
    this.open = false;
    this.count = 0;
  }

  /** The next target line's first word, after recording where it starts. */
  private claimLine(h0: number): number {
    if (this.line >= this.outLines) throw new DeltaError('the delta makes more lines than its target header says');
    const g = this.segmentFirstBucket + h0;
    const at = 2 * (g >>> 5) + 1;
    if (at >= this.outDirectory.length)
      throw new DeltaError('the delta makes more segments than its target header says');
    this.outDirectory[at] = (this.outDirectory[at] as number) | (1 << (g & 31));
    return this.line++ * LINE_WORDS;
  }

  /** Copies old line `line` (first bucket h0) as the next target line, re-indexing payloads if needed. */
  copy(oldWords: Uint32Array, line: number, h0: number, remap: Uint16Array | null): void {
    const from = line * LINE_WORDS;
    const at = this.claimLine(h0);
    const words = this.outWords;
    for (let k = 0; k < LINE_WORDS; k++) words[at + k] = oldWords[from + k] as number;
    const header = oldWords[from] as number;
    const count = (header >>> 21) & 63;
    this.records += count;
    this.bucket = -1;
    if (remap !== null) remapLine(words, at, (header >>> 16) & 31, this.payloadBits, count, remap);
  }

  /** Ends a segment; true when it kept at least one line. */
  endSegment(): boolean {
    this.commit();
    this.flush();
    this.bucket = -1;
    return this.line > this.segmentStartLine;
  }

  keepSegmentKey(key: number): void {
    if (this.segment >= this.outSegmentKeys.length)
      throw new DeltaError('the delta makes more segments than its target header says');
    this.outSegmentKeys[this.segment++] = key;
    this.segmentFirstBucket = this.segment * 2 ** this.segmentBits;
  }

  finish(): void {
    if (this.line !== this.outLines || this.segment !== this.outSegmentKeys.length)
      throw new DeltaError(
        `the delta makes ${this.line} lines in ${this.segment} segments, its target header says ${this.outLines} in ${this.outSegmentKeys.length}`,
      );
  }
}

/** Rewrites the payload index of each record of a copied line (same width: the records keep their places). */
function remapLine(
  words: Uint32Array,
  at: number,
  width: number,
  payloadBits: number,
  count: number,
  remap: Uint16Array,
): void {
  const recordBits = width + payloadBits;
  const payloadMask = 2 ** payloadBits - 1;
  const offsetMask = 2 ** width - 1;
  const recordMask = 2 ** recordBits - 1;
  let bitPos = LINE_HEADER_BITS;
  for (let k = 0; k < count; k++) {
    const shift = bitPos & 31;
    const word = at + (bitPos >>> 5);
    let record = (words[word] as number) >>> shift;
    if (shift + recordBits > 32) record |= (words[word + 1] as number) << (32 - shift);
    const t = remap[(record >>> width) & payloadMask] as number;
    if (t === 0xffff) throw new DeltaError('a kept number has a payload missing from the target table');
    const next = (record & offsetMask) | (t << width);
    // Clear the record's bits and write it again, in one or two words (recordBits ≤ 31: the mask is an int).
    words[word] = ((words[word] as number) & ~(recordMask << shift)) | (next << shift);
    if (shift + recordBits > 32)
      words[word + 1] = ((words[word + 1] as number) & ~(recordMask >>> (32 - shift))) | (next >>> (32 - shift));
    bitPos += recordBits;
  }
}
