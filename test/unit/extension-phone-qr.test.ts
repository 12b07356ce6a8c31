/**
 * The options page's QR code to the phone guide: the SVG path drawn from qrcode-generator's matrix is read back
 * by jsQR (a decoder nobody here wrote) from a bitmap rasterised from that path, so a wrong offset, a lost
 * module or a missing quiet zone fails. The guide URL is written by hand.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { phoneGuideUrl, qrPath } from '../../extension/lib/phone/PhoneGuideLink.tsx';

/** Black modules of the path (`M{x} {y}h1v1h-1z` squares) painted into an RGBA bitmap, `scale` pixels each. */
function rasterise(size: number, path: string, scale = 4): { data: Uint8ClampedArray; width: number } {
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const m of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const x = Number(m[1]);
    const y = Number(m[2]);
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const at = ((y * scale + dy) * width + x * scale + dx) * 4;
        data[at] = data[at + 1] = data[at + 2] = 0;
      }
  }
  return { data, width };
}

describe('phone guide QR code', () => {
  it('links to the guide on the crowd service', () => {
    expect(phoneGuideUrl('https://vigie.example/')).toBe('https://vigie.example/?ecran=telephone');
    expect(phoneGuideUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/?ecran=telephone');
  });

  it('draws a code that a QR decoder reads back as the guide URL', () => {
    const url = 'https://vigie.example/?ecran=telephone';
    const { size, path } = qrPath(url);
    const { data, width } = rasterise(size, path);
    expect(jsQR(data, width, width)?.data).toBe(url);
  });
});
