/**
 * Which crowd list `vigie lookup` uses (issue 13 §4), so the CLI sees what the apps see:
 * 1. `--list FILE`: that file;
 * 2. `--service URL`: the service's signed list, downloaded and kept in a cache folder; a later run downloads
 *    again only when the service publishes a new version, and uses the cached copy when the service is unreachable;
 * 3. otherwise the local service's data folder (`--data DIR`, by default `./var` when it exists, as `vigie serve`).
 * Every list is checked before use: the manifest's Ed25519 signature, then the snapshot's SHA-256.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { API_PREFIX, type Manifest, ManifestSchema, manifestSigningBytes } from '../../shared/api/schemas.ts';
import { openList } from '../../shared/list/reader.ts';
import type { CrowdList } from '../../shared/list/types.ts';

export interface CrowdListChoice {
  list?: string | undefined;
  service?: string | undefined;
  /** The service's public key (base64); without it, the key in the manifest is used and the user is told. */
  key?: string | undefined;
  data?: string | undefined;
  /** Where `--service` lists are kept (default `$XDG_CACHE_HOME/vigie` or `~/.cache/vigie`). */
  cacheDir?: string | undefined;
}

export interface ChosenList {
  list: CrowdList;
  /** Said on stderr: which list, its version (French / English). */
  note: string;
}

export class CrowdListError extends Error {}

const TIMEOUT_MS = 15_000;

export async function chooseCrowdList(choice: CrowdListChoice): Promise<ChosenList | null> {
  if (choice.list) {
    const list = open(readFileOrFail(choice.list), choice.list);
    return {
      list,
      note: `liste ${choice.list}, version ${list.version} / list ${choice.list}, version ${list.version}`,
    };
  }
  if (choice.service) return fromService(choice.service.replace(/\/+$/, ''), choice);
  const dataDir = resolve(choice.data ?? './var');
  if (!existsSync(join(dataDir, 'manifest.json'))) {
    if (choice.data) {
      throw new CrowdListError(
        `${dataDir} : pas de manifest.json (le service y a-t-il publié ?) / no manifest.json (has the service published there?)`,
      );
    }
    return null;
  }
  return fromDataDir(dataDir);
}

function readFileOrFail(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CrowdListError(`liste illisible / unreadable list ${path}: ${(error as Error).message}`);
  }
}

function open(bytes: Uint8Array, where: string): CrowdList {
  try {
    return openList(bytes);
  } catch (error) {
    throw new CrowdListError(`liste illisible / unreadable list ${where}: ${(error as Error).message}`);
  }
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * The manifest's shape and Ed25519 signature, checked against `key` (the same checks as the apps' sync,
 * shared/sync/manifest-check.ts, with Node's crypto: the server's type checks have no WebCrypto key type).
 */
async function verified(raw: unknown, key: string, where: string): Promise<Manifest> {
  const refuse = (why: string) => new CrowdListError(`${where} : manifeste refusé / manifest refused (${why})`);
  const parsed = v.safeParse(ManifestSchema, raw);
  if (!parsed.success) throw refuse(parsed.issues[0].message);
  if (parsed.output.publicKey !== key) throw refuse('signé avec une autre clé / signed with another key');
  const rawKey = Buffer.from(key, 'base64');
  if (rawKey.length !== 32) throw refuse('clé publique invalide / invalid public key');
  const publicKey = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, rawKey]), format: 'der', type: 'spki' });
  const signature = Buffer.from(parsed.output.signature, 'base64');
  if (!verify(null, manifestSigningBytes(raw as Manifest), publicKey, signature)) {
    throw refuse('signature invalide / bad signature');
  }
  return parsed.output;
}

async function snapshotOf(manifest: Manifest, bytes: Uint8Array, where: string): Promise<CrowdList> {
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length !== manifest.snapshot.size || hash !== manifest.listSha256) {
    throw new CrowdListError(
      `${where} : la liste ne correspond pas au manifeste / the list does not match its manifest`,
    );
  }
  return open(bytes, where);
}

/** The local service's folder: `manifest.json`, `files/<sha256>.list`, and the key it signs with. */
async function fromDataDir(dataDir: string): Promise<ChosenList> {
  const key = readFileSync(join(dataDir, 'keys', 'ed25519-public.txt'), 'utf8').trim();
  const manifest = await verified(JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')), key, dataDir);
  const list = await snapshotOf(manifest, readFileOrFail(join(dataDir, 'files', manifest.snapshot.name)), dataDir);
  const demo = manifest.demo ? ' (démo / demo)' : '';
  return {
    list,
    note: `liste du service local ${dataDir}, version ${list.version}${demo} / local service's list, version ${list.version}${demo}`,
  };
}

function cacheFolder(choice: CrowdListChoice, service: string): string {
  const base = choice.cacheDir ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vigie');
  // One folder per service, named so a person can tell which is which.
  return join(base, service.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_'));
}

async function get(url: string): Promise<Response> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function fromService(service: string, choice: CrowdListChoice): Promise<ChosenList> {
  if (!/^https?:\/\/[^\s/?#]+/.test(service)) {
    throw new CrowdListError(`--service : une URL http(s) attendue / an http(s) URL expected, not "${service}"`);
  }
  const cache = cacheFolder(choice, service);
  const cachedManifest = join(cache, 'manifest.json');
  const cachedList = join(cache, 'list.vgl');
  let raw: unknown;
  try {
    raw = await (await get(`${service}${API_PREFIX}/list/manifest`)).json();
  } catch (error) {
    // Offline: the copy from the last run, if there is one, is still a verified list.
    if (!existsSync(cachedManifest)) {
      throw new CrowdListError(`${service} injoignable / unreachable: ${(error as Error).message}`);
    }
    const manifest = JSON.parse(readFileSync(cachedManifest, 'utf8')) as Manifest;
    const list = await snapshotOf(manifest, readFileOrFail(cachedList), cache);
    return {
      list,
      note: `${service} injoignable : liste en cache, version ${list.version} / unreachable: cached list, version ${list.version}`,
    };
  }
  const pinned = choice.key ?? (raw as { publicKey?: unknown } | null)?.publicKey;
  const manifest = await verified(raw, typeof pinned === 'string' ? pinned : '', service);
  let bytes: Uint8Array | null = null;
  if (existsSync(cachedManifest) && existsSync(cachedList)) {
    const previous = JSON.parse(readFileSync(cachedManifest, 'utf8')) as Manifest;
    if (previous.listSha256 === manifest.listSha256) bytes = readFileOrFail(cachedList);
  }
  const downloaded = bytes === null;
  if (bytes === null) {
    const url = `${service}${API_PREFIX}/list/files/${encodeURIComponent(manifest.snapshot.name)}`;
    bytes = new Uint8Array(await (await get(url)).arrayBuffer());
  }
  const list = await snapshotOf(manifest, bytes, service);
  if (downloaded) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(cachedList, bytes);
    writeFileSync(cachedManifest, JSON.stringify(raw));
  }
  const unpinned = choice.key
    ? ''
    : ' ; clé prise dans le manifeste, épinglez-la avec --key / key taken from the manifest, pin it with --key';
  return {
    list,
    note: `liste de ${service}, version ${list.version}${downloaded ? '' : ' (en cache / cached)'}${unpinned}`,
  };
}
