/** The PNG icons drawn at build time are valid PNG files: signature, chunk CRCs, size, pixels that decode. */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodePng, ICONS } from '../../pwa/build/png-icons.ts';

interface Chunk {
  type: string;
  data: Buffer;
}

function readChunks(png: Buffer): Chunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    chunks.push({ type, data });
    offset += 12 + length;
  }
  return chunks;
}

/** Reference CRC-32 (bitwise), independent of the table the encoder uses. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('PNG icons', () => {
  it('round-trips a tiny image through the encoder', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const png = encodePng(2, 2, rgba);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    let offset = 8;
    for (const chunk of chunks) {
      const crc = png.readUInt32BE(offset + 8 + chunk.data.length);
      expect(crc).toBe(crc32(png.subarray(offset + 4, offset + 8 + chunk.data.length)));
      offset += 12 + chunk.data.length;
    }
    const raw = inflateSync(chunks[1]!.data);
    expect([...raw]).toEqual([0, ...rgba.subarray(0, 8), 0, ...rgba.subarray(8)]);
  });

  it('draws every manifest icon at its size, the maskable ones fully opaque', () => {
    for (const icon of ICONS) {
      const chunks = readChunks(drawIcon(icon.size, icon.maskable));
      const ihdr = chunks[0]!.data;
      expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([icon.size, icon.size, 8, 6]);
      const raw = inflateSync(chunks[1]!.data);
      expect(raw.length).toBe((icon.size * 4 + 1) * icon.size);
      const alphaAt = (x: number, y: number) => raw[y * (icon.size * 4 + 1) + 1 + x * 4 + 3];
      // A maskable icon may be cropped to any shape: its corners must be painted. The others are rounded.
      expect(alphaAt(0, 0)).toBe(icon.maskable ? 255 : 0);
      expect(alphaAt(icon.size >> 1, icon.size >> 1)).toBe(255);
    }
  });
});
