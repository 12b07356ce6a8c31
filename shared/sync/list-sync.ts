/**
 * Keep the local crowd list up to date from the service (DESIGN.md §3 "sync", docs/sync.md):
 *
 *   manifest → check (shape, configured key, Ed25519 signature, no rollback)
 *     → delta chain from the local version (each file: size + SHA-256 from the manifest) → apply
 *       → SHA-256 of the result === manifest.listSha256
 *     → on any mismatch: the snapshot, checked the same way
 *   → stage the verified list (one transaction) → swap it in (one transaction).
 *
 * It fails open: no network or a server error keeps the last good list and reports `offline`; a bad signature,
 * a tampered file or a rollback keeps it too and reports `rejected`. Only the caller's abort throws. Each step
 * is idempotent, so a worker killed between any two awaits just runs the sync again (STYLE.md §5); a list
 * verified and staged before the kill is installed by the next run without downloading it again.
 */
import { API_PREFIX, type Manifest } from '../api/schemas.ts';
import { sha256Hex } from '../hash.ts';
import { applyDelta as applyListDelta } from '../list/delta.ts';
import type { ListMeta, VigieDb } from '../store/db.ts';
import {
  discardPendingList,
  ListSwapError,
  loadList,
  loadPendingList,
  promotePendingList,
  stagePendingList,
} from '../store/list-store.ts';
import { type DeltaFile, planDeltaChain } from './delta-plan.ts';
import { apiUrl, type FetchLike, getBytes, type HttpFailure, request, throwIfAborted } from './http.ts';
import { checkManifest } from './manifest-check.ts';
import { SYNC_STATE_KEY, type SyncState } from './sync-state.ts';

export type SyncStatus = 'updated' | 'current' | 'offline' | 'rejected';

export type SyncReason =
  | 'network'
  | 'http-error'
  | 'no-public-key'
  | 'manifest-invalid'
  | 'key-mismatch'
  | 'bad-signature'
  | 'expired'
  | 'rollback'
  | 'version-conflict'
  | 'snapshot-invalid';

export interface SyncResult {
  status: SyncStatus;
  /** Version of the list in use after this run; 0 when there is none yet. */
  version: number;
  /** Why the list did not change (machine-readable), for `offline` and `rejected`. */
  reason?: SyncReason;
  /** Detail for logs and the status line. */
  message?: string;
  /** How an update arrived. `staged`: a list verified by an earlier, interrupted run. */
  via?: 'delta' | 'snapshot' | 'staged';
  /** Bytes downloaded by this run (manifest excluded). */
  downloaded?: number;
  /** When the delta path failed and the snapshot was used instead: why. */
  fallback?: string;
  /** `publishedAt` of the manifest that vouched for the list (`updated` and `current` only). */
  publishedAt?: string;
}

export type ApplyDelta = (oldBytes: Uint8Array, deltaBytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface SyncOptions {
  /** Base URL of the service, no trailing slash (`''`: same origin). */
  serverUrl: string;
  /** The service's Ed25519 public key, base64 of the raw 32 bytes, from the client's settings. */
  publicKey: string;
  db: VigieDb;
  fetch?: FetchLike;
  signal?: AbortSignal;
  now?: () => number;
  /** The list codec's delta application; tests may pass another. */
  applyDelta?: ApplyDelta;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

// The outcome kept for the status lines lives in its own small module, so UIs read it without loading the sync.
export { loadSyncState, SYNC_STATE_KEY, type SyncState } from './sync-state.ts';

class DeltaPathFailed extends Error {}

function offline(failure: HttpFailure, version: number): SyncResult {
  return {
    status: 'offline',
    version,
    reason: failure.kind === 'network' ? 'network' : 'http-error',
    message: failure.message,
  };
}

async function verifyFile(
  bytes: Uint8Array,
  file: { name: string; size: number; sha256: string },
): Promise<string | null> {
  if (bytes.length !== file.size) return `${file.name}: ${bytes.length} bytes, manifest says ${file.size}`;
  const hash = await sha256Hex(bytes);
  return hash === file.sha256 ? null : `${file.name}: SHA-256 differs from the manifest`;
}

function fileUrl(serverUrl: string, name: string): string {
  return apiUrl(serverUrl, `${API_PREFIX}/list/files/${encodeURIComponent(name)}`);
}

/** Install a list an interrupted run verified and staged, if it is still wanted. */
async function promoteStaged(db: VigieDb, publicKey: string): Promise<ListMeta | null> {
  const staged = await loadPendingList(db);
  if (!staged) return null;
  if (staged.meta.publicKey !== publicKey) {
    await discardPendingList(db);
    return null;
  }
  try {
    return await promotePendingList(db);
  } catch (error) {
    if (error instanceof ListSwapError) return null; // discarded or already installed: nothing to do.
    throw error;
  }
}

interface FileContext {
  serverUrl: string;
  http: { fetch: FetchLike; signal: AbortSignal | undefined; timeoutMs?: number };
  applyDelta: ApplyDelta;
  signal: AbortSignal | undefined;
  counter: { downloaded: number };
}

/**
 * Download, check and apply each delta in turn, then check the whole result against the signed `listSha256`
 * (Safe Browsing v4's rule). Any failure throws DeltaPathFailed, which sends the caller to the snapshot.
 */
async function applyDeltaChain(
  ctx: FileContext,
  start: Uint8Array,
  chain: readonly DeltaFile[],
  listSha256: string,
): Promise<Uint8Array> {
  let current = start;
  for (const file of chain) {
    const got = await getBytes(fileUrl(ctx.serverUrl, file.name), { ...ctx.http, maxBytes: file.size });
    if (!got.ok) throw new DeltaPathFailed(`${file.name}: ${got.message}`);
    ctx.counter.downloaded += got.bytes.length;
    const problem = await verifyFile(got.bytes, file);
    if (problem) throw new DeltaPathFailed(problem);
    try {
      current = await ctx.applyDelta(current, got.bytes);
    } catch (error) {
      throw new DeltaPathFailed(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    throwIfAborted(ctx.signal);
  }
  if ((await sha256Hex(current)) !== listSha256)
    throw new DeltaPathFailed('list after deltas does not match listSha256');
  return current;
}

type SnapshotDownload =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; failure: HttpFailure; problem?: undefined }
  | { ok: false; failure?: undefined; problem: string };

async function downloadSnapshot(ctx: FileContext, manifest: Manifest): Promise<SnapshotDownload> {
  // The snapshot IS the target list: a manifest that says otherwise cannot be satisfied.
  if (manifest.snapshot.sha256 !== manifest.listSha256) {
    return { ok: false, problem: 'manifest snapshot hash differs from listSha256' };
  }
  const got = await getBytes(fileUrl(ctx.serverUrl, manifest.snapshot.name), {
    ...ctx.http,
    maxBytes: manifest.snapshot.size,
  });
  // More bytes than the signed manifest declares is tampering, not a network problem.
  if (!got.ok && got.kind === 'too-large') return { ok: false, problem: `${manifest.snapshot.name}: ${got.message}` };
  if (!got.ok) return { ok: false, failure: got };
  ctx.counter.downloaded += got.bytes.length;
  const problem = await verifyFile(got.bytes, manifest.snapshot);
  return problem ? { ok: false, problem } : { ok: true, bytes: got.bytes };
}

async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { db, serverUrl, publicKey, signal } = options;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const applyDelta = options.applyDelta ?? applyListDelta;
  const http = { fetch: fetchFn, signal, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };

  if (!publicKey) {
    return {
      status: 'rejected',
      version: (await loadList(db))?.meta.version ?? 0,
      reason: 'no-public-key',
      message: 'no public key configured',
    };
  }

  const resumed = await promoteStaged(db, publicKey);
  let local = await loadList(db);
  const installedVersion = local?.meta.version ?? 0;
  // Versions are numbered per signing key: a list from another service (the user changed the server, or it
  // was reinstalled with a new key) is no base for deltas and no bar for rollback; it stays in use until the
  // new service's list replaces it.
  if (local && local.meta.publicKey !== publicKey) local = null;
  const localVersion = local?.meta.version ?? 0;

  throwIfAborted(signal);
  const answer = await request(apiUrl(serverUrl, `${API_PREFIX}/list/manifest`), {
    ...http,
    init: { headers: { accept: 'application/json' }, cache: 'no-cache' },
  });
  const staged = resumed ? { status: 'updated' as const, version: installedVersion, via: 'staged' as const } : null;
  if (!answer.ok) return staged ?? offline(answer, installedVersion);
  let raw: unknown;
  try {
    raw = await answer.response.json();
  } catch {
    throwIfAborted(signal);
    return {
      status: 'rejected',
      version: installedVersion,
      reason: 'manifest-invalid',
      message: 'manifest is not JSON',
    };
  }
  const check = await checkManifest(raw, publicKey);
  if (!check.ok) return { status: 'rejected', version: installedVersion, reason: check.reason, message: check.message };
  const manifest = check.manifest;
  // A genuine manifest past its expiry is what a freeze attack replays: never "current", never installed.
  if (!(Date.parse(manifest.expiresAt) > now())) {
    return {
      status: 'rejected',
      version: installedVersion,
      reason: 'expired',
      message: `manifest expired at ${manifest.expiresAt}`,
    };
  }
  const vouched = { publishedAt: manifest.publishedAt };

  if (manifest.version < localVersion) {
    return {
      status: 'rejected',
      version: installedVersion,
      reason: 'rollback',
      message: `manifest version ${manifest.version} is older than the local ${localVersion}`,
    };
  }
  if (manifest.version === localVersion && local) {
    if (local.meta.sha256 === manifest.listSha256) {
      return staged ? { ...staged, ...vouched } : { status: 'current', version: installedVersion, ...vouched };
    }
    return {
      status: 'rejected',
      version: installedVersion,
      reason: 'version-conflict',
      message: `version ${manifest.version} has another SHA-256 than the local list`,
    };
  }

  const counter = { downloaded: 0 };
  const files: FileContext = { serverUrl, http, applyDelta, signal, counter };
  let bytes: Uint8Array | null = null;
  let via: 'delta' | 'snapshot' = 'delta';
  let fallback: string | undefined;

  const chain = local ? planDeltaChain(manifest, localVersion) : null;
  if (local && chain) {
    try {
      bytes = await applyDeltaChain(files, local.bytes, chain, manifest.listSha256);
    } catch (error) {
      if (!(error instanceof DeltaPathFailed)) throw error;
      fallback = error.message;
    }
  }

  if (!bytes) {
    via = 'snapshot';
    const got = await downloadSnapshot(files, manifest);
    const extra = { downloaded: counter.downloaded, ...(fallback ? { fallback } : {}) };
    if (!got.ok && got.failure) return { ...offline(got.failure, installedVersion), ...extra };
    if (!got.ok) {
      return {
        status: 'rejected',
        version: installedVersion,
        reason: 'snapshot-invalid',
        message: got.problem,
        ...extra,
      };
    }
    bytes = got.bytes;
  }

  throwIfAborted(signal);
  const meta: ListMeta = {
    version: manifest.version,
    sha256: manifest.listSha256,
    syncedAt: now(),
    publicKey,
    count: manifest.count,
    publishedAt: manifest.createdAt,
    ...(manifest.demo ? { demo: true } : {}),
  };
  await stagePendingList(db, bytes, meta);
  // A kill here leaves the old list in use and this one staged: the next run installs it (promoteStaged).
  throwIfAborted(signal);
  try {
    await promotePendingList(db);
  } catch (error) {
    if (!(error instanceof ListSwapError)) throw error;
    // Another context installed this version (or a newer one) meanwhile: nothing lost.
    return { status: 'current', version: (await loadList(db))?.meta.version ?? 0 };
  }
  return {
    status: 'updated',
    version: manifest.version,
    via,
    downloaded: counter.downloaded,
    ...(fallback ? { fallback } : {}),
    ...vouched,
  };
}

/** One run per database per process: a second caller shares the run in flight instead of racing it. */
const inFlight = new Map<string, Promise<SyncResult>>();

export function syncList(options: SyncOptions): Promise<SyncResult> {
  const key = options.db.name;
  const running = inFlight.get(key);
  if (running) return running;
  const now = options.now ?? Date.now;
  const started = now();
  const run = runSync(options)
    .then(async (result) => {
      const previous = (await options.db.get('meta', SYNC_STATE_KEY)) as SyncState | undefined;
      const ok = result.status === 'updated' || result.status === 'current';
      const listPublishedAt = result.publishedAt ?? previous?.listPublishedAt;
      const state: SyncState = {
        lastAttemptAt: started,
        result,
        ...(ok ? { lastSuccessAt: now() } : previous?.lastSuccessAt ? { lastSuccessAt: previous.lastSuccessAt } : {}),
        ...(listPublishedAt ? { listPublishedAt } : {}),
      };
      await options.db.put('meta', state, SYNC_STATE_KEY);
      return result;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}
