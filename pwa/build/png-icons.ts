/**
 * Draws the app icons as PNG at build time, so the repository holds no binary art. A PNG is a signature,
 * an IHDR chunk, zlib-deflated scanlines (filter byte 0 then RGBA) in IDAT, and IEND; each chunk carries a
 * CRC-32 of its type and data (PNG spec, ISO/IEC 15948 §5.3).
 *
 * The picture: a lookout's eye ("vigie") — white almond with a dark pupil on the theme colour. The
 * "maskable" variant fills the whole square and keeps the eye inside the central 80 % safe zone
 * (W3C Manifest, "maskable" purpose: the launcher may crop to a circle of radius 40 % of the size).
 */
import { deflateSync } from 'node:zlib';

export const THEME_COLOR = '#1f4e8c';
const BG: Rgb = [0x1f, 0x4e, 0x8c];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const PUPIL: Rgb = [0x0d, 0x23, 0x40];
type Rgb = [number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Coverage in [0,1] of a shape edge at signed distance `d` (negative inside), one-pixel anti-aliasing. */
function coverage(d: number): number {
  return Math.min(1, Math.max(0, 0.5 - d));
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * `maskable`: full-bleed background, eye scaled into the safe zone. Otherwise: a rounded square with
 * transparent corners and a larger eye.
 */
export function drawIcon(size: number, maskable: boolean): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const c = size / 2;
  const eyeHalfWidth = size * (maskable ? 0.3 : 0.38);
  // The almond is the intersection of two discs whose centres sit above and below the middle.
  const eyeHalfHeight = eyeHalfWidth * 0.55;
  const discRadius = (eyeHalfWidth ** 2 + eyeHalfHeight ** 2) / (2 * eyeHalfHeight);
  const discOffset = discRadius - eyeHalfHeight;
  const pupilRadius = eyeHalfHeight * 0.75;
  const corner = size * 0.18;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5 - c;
      const py = y + 0.5 - c;
      let alpha = 1;
      if (!maskable) {
        // Signed distance to a rounded square filling the canvas.
        const qx = Math.abs(px) - (c - corner);
        const qy = Math.abs(py) - (c - corner);
        const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - corner;
        alpha = coverage(outside);
      }
      const almond = Math.max(
        Math.hypot(px, py - discOffset) - discRadius,
        Math.hypot(px, py + discOffset) - discRadius,
      );
      let colour = mix(BG, WHITE, coverage(almond));
      colour = mix(colour, PUPIL, coverage(Math.hypot(px, py) - pupilRadius));
      colour = mix(
        colour,
        WHITE,
        coverage(Math.hypot(px + pupilRadius * 0.35, py + pupilRadius * 0.35) - pupilRadius * 0.22),
      );
      const i = (y * size + x) * 4;
      rgba[i] = Math.round(colour[0]);
      rgba[i + 1] = Math.round(colour[1]);
      rgba[i + 2] = Math.round(colour[2]);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, rgba);
}

/** Every icon the manifest and index.html reference, by output file name. */
export const ICONS: { file: string; size: number; maskable: boolean }[] = [
  { file: 'icons/icon-192.png', size: 192, maskable: false },
  { file: 'icons/icon-512.png', size: 512, maskable: false },
  { file: 'icons/maskable-512.png', size: 512, maskable: true },
  { file: 'icons/apple-touch-icon-180.png', size: 180, maskable: true },
];
