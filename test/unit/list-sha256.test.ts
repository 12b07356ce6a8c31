import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, toHex } from '../../shared/hash.ts';
import { sha256Sync } from '../../shared/list/sha256-sync.ts';

describe('sha256Sync', () => {
  it('matches the FIPS 180-4 examples', () => {
    const text = (s: string) => toHex(sha256Sync(new TextEncoder().encode(s)));
    expect(text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with WebCrypto on any input, across block boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (data) => {
        expect(toHex(sha256Sync(data))).toBe(await sha256Hex(data));
      }),
    );
  });
});
