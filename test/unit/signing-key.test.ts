import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';

describe('the manifest signing key', () => {
  it('is made once per data folder: a second start reads the same key and leaves no temporary file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-key-'));
    const first = loadOrCreateSigningKey(dataDir);
    const second = loadOrCreateSigningKey(dataDir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.publicKey).toBe(first.publicKey);
    // Base64 of 32 raw bytes (RFC 8032 public key): 44 characters.
    expect(first.publicKey).toHaveLength(44);
    expect(readdirSync(join(dataDir, 'keys')).sort()).toEqual(['ed25519-private.pem', 'ed25519-public.txt']);
  });
});
