/**
 * Checking a list manifest before trusting anything it names: shape (valibot), the configured key, and the
 * Ed25519 signature (WebCrypto) over `manifestSigningBytes` — computed from the JSON as received, so fields a
 * newer server adds are covered by the signature too instead of being silently dropped before the check.
 */
import * as v from 'valibot';
import { type Manifest, ManifestSchema, manifestSigningBytes } from '../api/schemas.ts';

export type ManifestCheck =
  | { ok: true; manifest: Manifest }
  | { ok: false; reason: 'manifest-invalid' | 'key-mismatch' | 'bad-signature'; message: string };

/** Strict base64 (RFC 4648 §4) to bytes; null when it is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export async function importEd25519PublicKey(base64: string): Promise<CryptoKey | null> {
  const raw = base64ToBytes(base64);
  if (raw?.length !== 32) return null;
  try {
    return await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return null;
  }
}

export async function checkManifest(raw: unknown, configuredKey: string): Promise<ManifestCheck> {
  const parsed = v.safeParse(ManifestSchema, raw);
  if (!parsed.success) {
    return { ok: false, reason: 'manifest-invalid', message: `manifest: ${parsed.issues[0].message}` };
  }
  const manifest = parsed.output;
  // The key is the client's configuration, never the manifest's say-so: a manifest naming another key is
  // refused before its signature is even looked at.
  if (manifest.publicKey !== configuredKey) {
    return { ok: false, reason: 'key-mismatch', message: 'manifest signed for another public key' };
  }
  const key = await importEd25519PublicKey(configuredKey);
  if (!key) return { ok: false, reason: 'key-mismatch', message: 'configured public key is not 32 bytes of base64' };
  const signature = base64ToBytes(manifest.signature);
  if (signature?.length !== 64) {
    return { ok: false, reason: 'bad-signature', message: 'signature is not 64 bytes of base64' };
  }
  const signed = manifestSigningBytes(raw as Manifest);
  const valid = await crypto.subtle.verify(
    'Ed25519',
    key,
    signature as Uint8Array<ArrayBuffer>,
    signed as Uint8Array<ArrayBuffer>,
  );
  if (!valid) return { ok: false, reason: 'bad-signature', message: 'manifest signature does not verify' };
  return { ok: true, manifest };
}
