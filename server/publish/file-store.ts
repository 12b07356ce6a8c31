import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File names the service writes and serves: `<sha256 hex>.list` (snapshot) or `<sha256 hex>.delta`. */
export const LIST_FILE_NAME = /^[0-9a-f]{64}\.(list|delta)$/;

export interface StoredFile {
  name: string;
  size: number;
  sha256: string;
}

export function filesDir(dataDir: string): string {
  return join(dataDir, 'files');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes `bytes` under a name made of its SHA-256, so a name always means the same bytes and the files can be
 * cached forever by browsers, a CDN or a static host. Written to a temporary name then renamed: a reader never
 * sees half a file.
 */
export function writeImmutable(dataDir: string, bytes: Uint8Array, kind: 'list' | 'delta'): StoredFile {
  const dir = filesDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const sha256 = sha256Hex(bytes);
  const name = `${sha256}.${kind}`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  }
  return { name, size: bytes.byteLength, sha256 };
}
