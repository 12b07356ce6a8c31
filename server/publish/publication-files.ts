import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, type Manifest, manifestSigningBytes } from '../../shared/api/schemas.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { type SortedList, sortEntries } from '../../shared/list/writer.ts';
import { filesDir, type StoredFile, writeImmutable } from './file-store.ts';
import { encodeDelta, encodeSnapshot } from './list-codec.ts';
import type { SigningKey } from './signing-key.ts';

export interface PreviousVersion {
  version: number;
  snapshotName: string;
}

export interface PublicationInput {
  dataDir: string;
  /** The list as entries, or (the publisher) as the writer's sorted columns, whose version is replaced. */
  entries?: readonly ListEntry[];
  sorted?: SortedList;
  version: number;
  demo: boolean;
  createdAt: Date;
  /** Earlier versions to write a delta from (newest first); a version whose snapshot file is gone is skipped. */
  previous: readonly PreviousVersion[];
  key: SigningKey;
}

const SMALL_DELTA_BYTES = 2048;

/**
 * Writes one version's files and returns its signed manifest: the snapshot, a delta from each earlier version
 * given (removals then upserts, shared/list/delta.ts) unless it would be over half the snapshot's size (and over 2 KB), each
 * named by its SHA-256. The manifest's `listSha256`
 * is the snapshot's hash: a client that applied a delta chain re-serialises and must get exactly that
 * (Safe Browsing v4 checks its whole list the same way), else it falls back to the snapshot.
 */
export function writePublication(input: PublicationInput): Manifest {
  const sorted = input.sorted ?? sortEntries(input.entries ?? [], input.version);
  const snapshotBytes = encodeSnapshot({ ...sorted, version: input.version });
  const snapshot = writeImmutable(input.dataDir, snapshotBytes, 'list');
  const deltas: (StoredFile & { from: number; to: number })[] = [];
  for (const previous of input.previous) {
    let oldBytes: Uint8Array;
    try {
      oldBytes = readFileSync(join(filesDir(input.dataDir), previous.snapshotName));
    } catch {
      continue;
    }
    const deltaBytes = encodeDelta(oldBytes, snapshotBytes, input.version);
    if (!deltaBytes) continue; // published in an older list format: those clients take the snapshot
    // A client that far behind takes the snapshot: a delta over half its size saves little and costs a file.
    // Under 2 KB a delta is written whatever the ratio: a small list's deltas cost nothing.
    if (deltaBytes.byteLength > snapshotBytes.byteLength / 2 && deltaBytes.byteLength > SMALL_DELTA_BYTES) continue;
    const delta = writeImmutable(input.dataDir, deltaBytes, 'delta');
    deltas.push({ ...delta, from: previous.version, to: input.version });
  }
  const unsigned: Omit<Manifest, 'signature'> = {
    format: 1,
    version: input.version,
    createdAt: input.createdAt.toISOString(),
    ...validity(input.createdAt.getTime()),
    count: sorted.exactValues.length + sorted.rangeValues.length,
    listSha256: snapshot.sha256,
    snapshot,
    deltas,
    publicKey: input.key.publicKey,
  };
  if (input.demo) unsigned.demo = true;
  return { ...unsigned, signature: input.key.sign(manifestSigningBytes(unsigned)) };
}

/** A manifest is trusted for a week after it was signed: long enough for a publisher down over a weekend. */
export const MANIFEST_LIFETIME_MS = 7 * 86_400_000;
/** The current version's manifest is signed again once it is a day old, so clients always get a fresh one. */
export const RESIGN_AFTER_MS = 86_400_000;

function validity(at: number): { publishedAt: string; expiresAt: string } {
  return { publishedAt: new Date(at).toISOString(), expiresAt: new Date(at + MANIFEST_LIFETIME_MS).toISOString() };
}

/** True when the manifest should be signed again at `now` (a day old, or from before manifests expired). */
export function needsResigning(manifest: Partial<Pick<Manifest, 'publishedAt'>>, now: number): boolean {
  const published = manifest.publishedAt ? Date.parse(manifest.publishedAt) : Number.NaN;
  return !(now - published < RESIGN_AFTER_MS) || published > now + RESIGN_AFTER_MS;
}

/** The same version, files and list, with a new publication time, expiry and signature. */
export function resignManifest(manifest: Manifest, now: number, key: SigningKey): Manifest {
  const { signature: _old, ...rest } = manifest;
  const unsigned: Omit<Manifest, 'signature'> = { ...rest, ...validity(now) };
  return { ...unsigned, signature: key.sign(manifestSigningBytes(unsigned)) };
}

/** The manifest as served: canonical JSON, the same bytes the signature was computed over plus `signature`. */
export function manifestJson(manifest: Manifest): string {
  return canonicalJson(manifest);
}
