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
 *
 * Speed (the 15M apply re-encodes ~12.5M numbers): every number is handled as an int, its offset in its
 * segment (< 2^30, layout.ts MAX_SEGMENT_SHIFT), in Int32Arrays; per-number loops touch only locals and typed
 * arrays (`this` only when a line ends). The layout constants appear below as literals (16 words and 512 bits
 * a line, a 32-bit line header, ≤ 63 records, records ≤ 31 bits: layout.ts). Measured on the 15M bench list
 * (Node 20 under tsx, the first version of this packer): module-level consts in its loops, whether
 * `const LINE_WORDS = LW` from the import or `const LINE_WORDS = 16`, made patchLines ~1.6× slower (400 →
 * 650 ms CPU) than the imported names themselves; literals or values read once into locals avoid both.
 */
import { DeltaError } from './delta-error.ts';
import { decodeLineOffsets, encodeLine } from './line.ts';

export interface PatchLinesInput {
  bucketBits: number;
  segmentBits: number;
  payloadBits: number;
  /** The old list's lines (16 words each), segment keys, and each segment's first line (then the line count). */
  oldWords: Uint32Array;
  oldSegmentKeys: Float64Array;
  oldSegmentFirstLine: Int32Array;
  /**
   * Old payload table index → target index (0xffff: not in the target table), or null when they are equal.
   * It covers every index the old width can write (2^W entries), so a corrupt old record reads 0xffff too.
   */
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

/** Records a line holds at most (layout.ts MAX_LINE_RECORDS), for buffer sizes. */
const MAX_RECORDS = 63;

/** Patches the lines; returns the number of exact numbers written. Throws DeltaError on any inconsistency. */
export function patchLines(p: PatchLinesInput): number {
  const bucketBits = p.bucketBits;
  const bucketSize = 1 << bucketBits; // L ≤ 20
  const segmentSize = 2 ** (bucketBits + p.segmentBits); // ≤ 2^30; once per call
  const bucketsPerSegment = 1 << p.segmentBits; // B ≤ 16
  const payloadBits = p.payloadBits;
  const packer = new LinePacker(p);
  const { oldWords, oldSegmentKeys, oldSegmentFirstLine, removed, upValues, upIndex, remap } = p;
  const segments = oldSegmentKeys.length;
  const removedCount = removed.length;
  const upCount = upValues.length;
  // One decoded old line when a change falls in it (offsets in its segment, target payload indices); the
  // merged numbers go straight into the packer's buffer.
  const lineOffsets = new Int32Array(MAX_RECORDS);
  const lineIndex = new Uint16Array(MAX_RECORDS);
  let r = 0;
  let u = 0;
  let s = 0;
  const missing = (value: number) => new DeltaError(`delta removes +${value}, which the list does not hold`);
  const missingPayload = () => new DeltaError('a kept number has a payload missing from the target table');

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
      // A segment the old list does not have: only new numbers, a line's worth at a time.
      if (r < removedCount && (removed[r] as number) < segmentEnd) throw missing(removed[r] as number);
      while (u < upCount && (upValues[u] as number) < segmentEnd) {
        let at = packer.reserve(MAX_RECORDS);
        const offsets = packer.offsets;
        const index = packer.index;
        const stop = at + MAX_RECORDS;
        while (at < stop && u < upCount && (upValues[u] as number) < segmentEnd) {
          offsets[at] = (upValues[u] as number) - segmentBase;
          index[at++] = upIndex[u++] as number;
        }
        packer.fed(at);
      }
    } else {
      const firstLine = oldSegmentFirstLine[s] as number;
      const lastLine = oldSegmentFirstLine[s + 1] as number;
      // The next removal and upsert as offsets in this segment (2^30, past any segment's end, when none is
      // left in it): a line is untouched when both are at or past its span's end.
      let nextR = r < removedCount ? Math.min((removed[r] as number) - segmentBase, 0x4000_0000) : 0x4000_0000;
      let nextU = u < upCount ? Math.min((upValues[u] as number) - segmentBase, 0x4000_0000) : 0x4000_0000;
      for (let line = firstLine; line < lastLine; line++) {
        const h0 = (oldWords[line << 4] as number) & 0xffff;
        const nextH0 = line + 1 < lastLine ? (oldWords[(line + 1) << 4] as number) & 0xffff : bucketsPerSegment;
        const spanEnd = nextH0 << bucketBits; // where the next old line's buckets start, in the segment
        if (nextR >= spanEnd && nextU >= spanEnd) {
          // (3): the next line's first bucket is unchanged (or this is the segment's last line).
          const nextIntact = line + 1 === lastLine || (nextR >= spanEnd + bucketSize && nextU >= spanEnd + bucketSize);
          if (nextIntact && packer.idle()) {
            packer.copy(oldWords, line, h0, remap);
            continue;
          }
          const at = packer.reserve(MAX_RECORDS);
          const offsets = packer.offsets;
          let count = decodeLineOffsets(
            oldWords,
            line,
            h0 << bucketBits,
            payloadBits,
            remap,
            offsets,
            packer.index,
            at,
          );
          if (count < 0) throw missingPayload();
          count += at;
          if (nextIntact) {
            // (1): feed the first bucket; if it starts a line of its own, the old line is the new one.
            const bucketEnd = (h0 + 1) << bucketBits;
            let k = at;
            while (k < count && (offsets[k] as number) < bucketEnd) k++;
            if (packer.startsLineWith(at, k, h0)) {
              packer.discard();
              packer.copy(oldWords, line, h0, remap);
              continue;
            }
          }
          packer.fed(count);
          continue;
        }
        // A touched line: merge its numbers with the changes that fall in its buckets.
        let count = decodeLineOffsets(oldWords, line, h0 << bucketBits, payloadBits, remap, lineOffsets, lineIndex, 0);
        if (count < 0) count = ~count; // a payload leaving the table: fine for a number removed or upserted
        let uEnd = u;
        while (uEnd < upCount && (upValues[uEnd] as number) - segmentBase < spanEnd) uEnd++;
        let m = packer.reserve(count + (uEnd - u));
        const offsets = packer.offsets;
        const index = packer.index;
        for (let k = 0; k < count; k++) {
          const ov = lineOffsets[k] as number;
          if (ov < nextR && ov < nextU) {
            // Below the next change: kept as it is (most numbers of a touched line).
            const i = lineIndex[k] as number;
            if (i === 0xffff) throw missingPayload();
            offsets[m] = ov;
            index[m++] = i;
            continue;
          }
          while (nextU < ov) {
            offsets[m] = nextU;
            index[m++] = upIndex[u++] as number;
            nextU = u < upCount ? Math.min((upValues[u] as number) - segmentBase, 0x4000_0000) : 0x4000_0000;
          }
          if (nextR <= ov) {
            if (nextR < ov) throw missing(removed[r] as number);
            if (nextU === ov) throw new DeltaError(`delta both removes and upserts +${ov + segmentBase}`);
            r++;
            nextR = r < removedCount ? Math.min((removed[r] as number) - segmentBase, 0x4000_0000) : 0x4000_0000;
          } else if (nextU === ov) {
            offsets[m] = ov;
            index[m++] = upIndex[u++] as number;
            nextU = u < upCount ? Math.min((upValues[u] as number) - segmentBase, 0x4000_0000) : 0x4000_0000;
          } else {
            const i = lineIndex[k] as number;
            if (i === 0xffff) throw missingPayload();
            offsets[m] = ov;
            index[m++] = i;
          }
        }
        if (nextR < spanEnd) throw missing(removed[r] as number);
        while (nextU < spanEnd) {
          offsets[m] = nextU;
          index[m++] = upIndex[u++] as number;
          nextU = u < upCount ? Math.min((upValues[u] as number) - segmentBase, 0x4000_0000) : 0x4000_0000;
        }
        packer.fed(m);
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
 * The writer's greedy packing (writer.ts packLines), fed numbers in ascending order within a segment. Callers
 * write numbers straight into its buffers (`reserve`, then `fed`); they stay where they were written until
 * their line is encoded: [lineStart, scanned) is the open line (empty: none), [scanned, end) numbers fed and
 * not yet scanned.
 *
 * The writer's rule, "a bucket goes whole into the line if the line still fits, else it starts a line", is
 * applied number by number: a line fits while its count c ≤ 63 and its width w (bits of the largest offset
 * from its first bucket) obeys w ≤ 31 − W and c·(w + W) ≤ 480, i.e. while every number's offset from the
 * first bucket is below `limit[c]` (c = its rank in the line). Both grow along a line, so the first number
 * that breaks this marks the first bucket that does not fit: the line ends where that bucket starts, as the
 * writer's does. One well-predicted comparison a number, instead of a bucket test that changes every other
 * number (a branch the CPU cannot predict).
 */
class LinePacker {
  offsets = new Int32Array(8 * MAX_RECORDS);
  index = new Uint16Array(8 * MAX_RECORDS);
  private lineStart = 0;
  private scanned = 0;
  private end = 0;
  /** The open line's first bucket. */
  private h0 = 0;
  /** One old line being re-indexed (copy with a payload remap). */
  private readonly copyOffsets = new Int32Array(MAX_RECORDS);
  private readonly copyIndex = new Uint16Array(MAX_RECORDS);
  /** limit[c]: a line of c numbers fits while each offset from its first bucket is below it (0 for c > 63). */
  private readonly limit = new Int32Array(MAX_RECORDS + 2);
  private readonly bucketBits: number;
  private readonly segmentBits: number;
  private readonly payloadBits: number;
  private readonly outWords: Uint32Array;
  private readonly outSegmentKeys: Float64Array;
  private readonly outDirectory: Uint32Array;
  private readonly outLines: number;
  private line = 0;
  private segment = 0;
  private segmentStartLine = 0;
  /** Global bucket index of the current segment's first bucket (segment index · 2^B). */
  private segmentFirstBucket = 0;
  records = 0;

  constructor(p: PatchLinesInput) {
    this.bucketBits = p.bucketBits;
    this.segmentBits = p.segmentBits;
    this.payloadBits = p.payloadBits;
    this.outWords = p.outWords;
    this.outSegmentKeys = p.outSegmentKeys;
    this.outDirectory = p.outDirectory;
    this.outLines = p.outWords.length >>> 4;
    // Records ≤ 31 bits (layout.ts MAX_RECORD_BITS), 480 record bits a line (512 − the 32-bit header), ≤ 63
    // records; offsets in a segment are below 2^30, so a limit of 2^30 lets any through.
    for (let c = 1; c <= MAX_RECORDS; c++) {
      const maxWidth = Math.min(31, Math.floor(480 / c)) - p.payloadBits;
      this.limit[c] = maxWidth < 0 ? 0 : 2 ** Math.min(maxWidth, 30);
    }
  }

  startSegment(): void {
    this.segmentStartLine = this.line;
  }

  /** No open line and nothing fed: the next line starts afresh. */
  idle(): boolean {
    return this.end === this.lineStart;
  }

  /**
   * Room for `n` more numbers at the returned position of `offsets`/`index` (moving what is still needed to
   * the front, or growing the buffers: a run of upserts can be long).
   */
  reserve(n: number): number {
    if (this.end + n <= this.offsets.length) return this.end;
    const from = this.lineStart;
    const live = this.end - from;
    if (live + n > this.offsets.length) {
      const offsets = new Int32Array(2 * (live + n));
      const index = new Uint16Array(offsets.length);
      offsets.set(this.offsets.subarray(from, this.end));
      index.set(this.index.subarray(from, this.end));
      this.offsets = offsets;
      this.index = index;
    } else {
      this.offsets.copyWithin(0, from, this.end);
      this.index.copyWithin(0, from, this.end);
    }
    this.lineStart -= from;
    this.scanned -= from;
    this.end -= from;
    return this.end;
  }

  /** Numbers were written up to position `end`: pack them. */
  fed(end: number): void {
    this.end = end;
    this.scan(end);
  }

  /**
   * After an old line was decoded at [at, end) without `fed`, its first bucket (h0) ending at `k`: true when
   * that bucket starts a line of its own (the caller then drops what was decoded and copies the old line).
   * Otherwise the caller goes on with `fed(end)`.
   */
  startsLineWith(at: number, k: number, h0: number): boolean {
    this.scan(k);
    return this.lineStart === at && this.h0 === h0;
  }

  private scan(to: number): void {
    let k = this.scanned;
    if (k >= to) return;
    const offsets = this.offsets;
    const limit = this.limit;
    const bucketBits = this.bucketBits;
    let start = this.lineStart;
    if (start === k) this.h0 = (offsets[k] as number) >>> bucketBits; // no open line: k starts one
    let base = this.h0 << bucketBits;
    // The test is monotone along a line (offsets grow, limits shrink with the count): when the last number
    // fed fits, all do, so a run that fits costs one test, and the first that does not is found by bisection.
    // Ranks past 63 read limit[64] = 0: never fits.
    while (k < to) {
      const lastRank = to - start;
      if ((offsets[to - 1] as number) - base < (limit[lastRank > 64 ? 64 : lastRank] as number)) break;
      let lo = k;
      let hi = to - 1; // does not fit
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const rank = mid - start + 1;
        if ((offsets[mid] as number) - base < (limit[rank > 64 ? 64 : rank] as number)) lo = mid + 1;
        else hi = mid;
      }
      k = lo;
      // k's bucket does not fit: the line ends where it starts, and it starts the next line.
      const bucket = (offsets[k] as number) >>> bucketBits;
      let j = k;
      while (j > start && (offsets[j - 1] as number) >>> bucketBits === bucket) j--;
      if (j === start) throw new DeltaError('a bucket does not fit a line');
      this.flush(start, j);
      start = j;
      this.h0 = bucket;
      base = bucket << bucketBits;
      // k is tested again, in its new line (the numbers before it in its bucket fit there: fewer, nearer).
    }
    this.lineStart = start;
    this.scanned = to;
  }

  /** Drops everything fed (the caller copies the old line instead). */
  discard(): void {
    this.lineStart = 0;
    this.scanned = 0;
    this.end = 0;
  }

  /** Writes the line of the numbers at [from, to) (not empty), whose first bucket is h0. */
  private flush(from: number, to: number): void {
    const h0 = this.h0;
    const base = h0 << this.bucketBits;
    const count = to - from;
    encodeLine(
      this.outWords,
      this.claimLine(h0),
      h0,
      32 - Math.clz32((this.offsets[to - 1] as number) - base), // widthOf (layout.ts); clz32(0) = 32
      this.payloadBits,
      this.offsets,
      base,
      this.index,
      from,
      count,
    );
    this.records += count;
  }

  /** The next target line's first word, after recording where it starts. */
  private claimLine(h0: number): number {
    if (this.line >= this.outLines) throw new DeltaError('the delta makes more lines than its target header says');
    const g = this.segmentFirstBucket + h0;
    const at = 2 * (g >>> 5) + 1;
    if (at >= this.outDirectory.length)
      throw new DeltaError('the delta makes more segments than its target header says');
    this.outDirectory[at] = (this.outDirectory[at] as number) | (1 << (g & 31));
    return this.line++ << 4;
  }

  /**
   * Copies old line `line` (first bucket h0) as the next target line. When the payload table changed, its
   * records keep their places and offsets but take their target indices: decoded and encoded again (same
   * width), faster than rewriting each record's bits in place.
   */
  copy(oldWords: Uint32Array, line: number, h0: number, remap: Uint16Array | null): void {
    const from = line << 4;
    const at = this.claimLine(h0);
    const words = this.outWords;
    const header = oldWords[from] as number;
    if (remap === null) {
      for (let k = 0; k < 16; k++) words[at + k] = oldWords[from + k] as number;
      this.records += (header >>> 21) & 63;
      return;
    }
    const offsets = this.copyOffsets;
    const index = this.copyIndex;
    const count = decodeLineOffsets(oldWords, line, 0, this.payloadBits, remap, offsets, index, 0);
    if (count < 0) throw new DeltaError('a kept number has a payload missing from the target table');
    encodeLine(words, at, h0, (header >>> 16) & 31, this.payloadBits, offsets, 0, index, 0, count);
    this.records += count;
  }

  /** Ends a segment; true when it kept at least one line. */
  endSegment(): boolean {
    this.scan(this.end);
    if (this.scanned > this.lineStart) this.flush(this.lineStart, this.scanned);
    this.discard();
    return this.line > this.segmentStartLine;
  }

  keepSegmentKey(key: number): void {
    if (this.segment >= this.outSegmentKeys.length)
      throw new DeltaError('the delta makes more segments than its target header says');
    this.outSegmentKeys[this.segment++] = key;
    this.segmentFirstBucket = this.segment << this.segmentBits;
  }

  finish(): void {
    if (this.line !== this.outLines || this.segment !== this.outSegmentKeys.length)
      throw new DeltaError(
        `the delta makes ${this.line} lines in ${this.segment} segments, its target header says ${this.outLines} in ${this.outSegmentKeys.length}`,
      );
  }
}
