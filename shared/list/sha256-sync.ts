/**
 * A synchronous SHA-256 (FIPS 180-4, §6.2), written from the standard.
 *
 * Why not WebCrypto: `crypto.subtle.digest` is async, and the list writer and the delta codec are synchronous
 * on purpose (callers build a list in one step, and a client that applies a delta compares the result with
 * the server's snapshot without yielding between the two). The embedded checksum of a list or delta file is
 * made here; `verifyList` checks it again with WebCrypto, and the unit tests compare both on random inputs.
 * Throughput is about 200 MB/s in V8 (Node 20, 3.4 MB in ~16 ms warm, ~25 ms on the first call).
 */

// Int32Array, not Uint32Array: constants above 2^31 read from a Uint32Array are not int32 values, and V8 then
// does the round's additions in floating point; as int32 the whole round stays in 32-bit integer operations
// (measured on 3.4 MB: 44 → 16 ms warm). The bits, hence the digest, are the same.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** Compresses the 64-byte blocks of `data` starting at `offset`, `blocks` of them, into `h`. */
function compress(h: Int32Array, w: Int32Array, data: Uint8Array, offset: number, blocks: number): void {
  let h0 = h[0] as number;
  let h1 = h[1] as number;
  let h2 = h[2] as number;
  let h3 = h[3] as number;
  let h4 = h[4] as number;
  let h5 = h[5] as number;
  let h6 = h[6] as number;
  let h7 = h[7] as number;
  let p = offset;
  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 16; t++, p += 4) {
      w[t] =
        ((data[p] as number) << 24) |
        ((data[p + 1] as number) << 16) |
        ((data[p + 2] as number) << 8) |
        (data[p + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let hh = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[t] as number) + (w[t] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + hh) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
  h[5] = h5;
  h[6] = h6;
  h[7] = h7;
}

const SLICE_BLOCKS = 256;

/** SHA-256 of `data` (32 bytes). */
export function sha256Sync(data: Uint8Array): Uint8Array {
  const h = new Int32Array(INITIAL);
  const w = new Int32Array(64);
  const fullBlocks = Math.floor(data.length / 64);
  // In slices of 256 blocks: V8 then optimises `compress` as a whole after a few calls, instead of running a
  // single multi-megabyte call in the interpreter until on-stack replacement (measured: 52 → ~25 ms cold).
  for (let block = 0; block < fullBlocks; block += SLICE_BLOCKS)
    compress(h, w, data, block * 64, Math.min(SLICE_BLOCKS, fullBlocks - block));
  // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian integer.
  const rest = data.length - fullBlocks * 64;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(fullBlocks * 64));
  tail[rest] = 0x80;
  const bits = data.length * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 0x1_0000_0000));
  view.setUint32(tail.length - 4, bits >>> 0);
  compress(h, w, tail, 0, tail.length / 64);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setInt32(i * 4, h[i] as number);
  return out;
}
