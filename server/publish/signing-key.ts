import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Ed25519 key that signs manifests. Made on first start and kept in `<data>/keys/` (private key PKCS#8 PEM,
 * mode 0600). Clients pin the public key: base64 of the raw 32 bytes (RFC 8032 encoding), which WebCrypto
 * imports with `importKey('raw', bytes, {name: 'Ed25519'}, …)`. Losing the private key means clients must be
 * given a new public key, so back the folder up.
 */
export interface SigningKey {
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
  /** Base64 Ed25519 signature of `data`. */
  sign(data: Uint8Array): string;
  created: boolean;
}

export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, 'ed25519-private.pem');
  let created = false;
  if (!existsSync(privatePath)) created = createKeyOnce(dir, privatePath);
  const privateKey = createPrivateKey(readFileSync(privatePath));
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  writeFileSync(join(dir, 'ed25519-public.txt'), `${publicKey}\n`);
  return {
    publicKey,
    sign: (data) => sign(null, data, privateKey).toString('base64'),
    created,
  };
}

/**
 * Several service processes may start together on one data folder (docs/scaling.md). The key is written whole to
 * a file of this process's own, then linked into place: a link is atomic and refuses to replace, so exactly one
 * process's key wins and no process ever reads a half-written one. Returns whether this process's key won.
 */
function createKeyOnce(dir: string, privatePath: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const ownPath = `${privatePath}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(ownPath, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(ownPath, privatePath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(ownPath);
  }
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}
