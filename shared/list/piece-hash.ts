/**
 * The piece hash of a list file, carried by a delta (docs/list-format.md §Delta): SHA-256 over the
 * concatenated SHA-256s of the file's consecutive 1 MiB pieces (the last one shorter). It commits to every
 * byte as SHA-256 of the whole does (a hash list, as BitTorrent v2 and Merkle trees use), but WebCrypto can
 * compute it one piece at a time: `crypto.subtle.digest` copies its whole input first, and on the 46 MB of a
 * 15M-number list that copy into fresh memory cost more than the hashing (~170 of ~210 ms CPU, measured
 * here); a 1 MiB copy reuses the same freed memory every time.
 */
import { sha256Sync } from './sha256-sync.ts';

export const PIECE_BYTES = 1 << 20;

function pieceCount(length: number): number {
  return Math.max(1, Math.ceil(length / PIECE_BYTES));
}

/** The piece hash with WebCrypto, one piece at a time (concurrent pieces would each copy in fresh memory). */
export async function pieceHash(bytes: Uint8Array): Promise<Uint8Array> {
  const count = pieceCount(bytes.length);
  const digests = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++) {
    const piece = bytes.subarray(i * PIECE_BYTES, Math.min(bytes.length, (i + 1) * PIECE_BYTES));
    digests.set(new Uint8Array(await crypto.subtle.digest('SHA-256', piece as Uint8Array<ArrayBuffer>)), 32 * i);
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', digests));
}

/** The same with the synchronous SHA-256 (the server's delta writer). */
export function pieceHashSync(bytes: Uint8Array): Uint8Array {
  const count = pieceCount(bytes.length);
  const digests = new Uint8Array(32 * count);
  for (let i = 0; i < count; i++)
    digests.set(sha256Sync(bytes.subarray(i * PIECE_BYTES, Math.min(bytes.length, (i + 1) * PIECE_BYTES))), 32 * i);
  return sha256Sync(digests);
}
