/**
 * The address books served over CardDAV, built from the published list's snapshot file (the same bytes the
 * clients download: no second source of truth) and kept in memory per (options, site address).
 *
 * Each new version's book is built from the previous one (shared/phonebook/book.ts), so unchanged contacts keep
 * their card and ETag. For `sync-collection`, every book remembers the ETags of the versions before it: a token
 * names a version, and the answer is the difference between that version's ETags and the current ones. A token
 * this process never issued (another instance, a restart, a version too old) is refused as RFC 6578 says, and
 * the phone starts a full sync.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../shared/api/schemas.ts';
import { openList } from '../../shared/list/reader.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { type Book, buildBook } from '../../shared/phonebook/book.ts';
import type { BookOptions } from '../../shared/phonebook/options.ts';
import { filesDir } from '../publish/file-store.ts';

/** Versions whose ETags are remembered for sync tokens: as many as the deltas the publisher writes. */
const HISTORY_VERSIONS = 24;
/** Option sets (× site addresses) kept in memory; each holds one book (~6 MB for 100,000 numbers). */
const MAX_BOOKS = 8;
/**
 * Books one client may have built for option sets (or site addresses) not in memory, per minute. Options and
 * the Host header are the client's to choose, and each new pair costs a build (~0.3 s for 100,000 numbers):
 * past this, that client's new pairs wait (503); the books in memory keep being served to everyone.
 */
const NEW_BOOKS_PER_MINUTE = 12;

/** Too many new option sets at once: the caller answers 503 with Retry-After. */
export class BooksBusyError extends Error {
  override name = 'BooksBusyError';
  constructor(readonly retryAfterSeconds: number) {
    super('too many new address books at once');
  }
}

export interface ServedBook {
  book: Book;
  /** ETags by uid of the versions before, newest last. */
  history: Map<number, Map<string, string>>;
  options: BookOptions;
  optionsKey: string;
  siteUrl: string;
}

export class BookCache {
  /** Most recently used last. */
  private readonly books = new Map<string, ServedBook>();
  private readonly pending = new Map<string, Promise<ServedBook>>();
  /** By client (a salted address hash), when its recent builds of new option sets started (ms). */
  private readonly newBuilds = new Map<string, number[]>();
  private entries: { version: number; entries: Promise<ListEntry[]> } | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly currentManifest: () => Promise<Manifest | null>,
  ) {}

  /** The book of the current version for these options, built on first use after each publication. */
  async get(options: BookOptions, optionsKey: string, siteUrl: string, client = ''): Promise<ServedBook> {
    const manifest = await this.currentManifest();
    const version = manifest?.version ?? 0;
    const key = `${optionsKey}\n${siteUrl}`;
    const cached = this.books.get(key);
    if (cached && cached.book.version === version) return cached;
    let building = this.pending.get(key);
    if (!building && !cached) this.countNewBuild(client);
    if (!building) {
      building = this.build(manifest, options, optionsKey, siteUrl, cached ?? null);
      const settle = () => this.pending.delete(key);
      building.then(settle, settle);
      this.pending.set(key, building);
    }
    const served = await building;
    if (this.books.get(key)?.book.version !== served.book.version) {
      this.books.delete(key);
      this.books.set(key, served);
      while (this.books.size > MAX_BOOKS) this.books.delete(this.books.keys().next().value as string);
    }
    return served;
  }

  private countNewBuild(client: string): void {
    const now = Date.now();
    for (const [who, times] of this.newBuilds) {
      const recent = times.filter((at) => now - at < 60_000);
      if (recent.length === 0) this.newBuilds.delete(who);
      else this.newBuilds.set(who, recent);
    }
    const mine = this.newBuilds.get(client) ?? [];
    if (mine.length >= NEW_BOOKS_PER_MINUTE)
      throw new BooksBusyError(Math.max(1, Math.ceil((60_000 - (now - (mine[0] as number))) / 1000)));
    mine.push(now);
    this.newBuilds.set(client, mine);
  }

  /**
   * Builds the current version's book for every option set in memory, so the phones that sync after a
   * publication do not wait for it (reading a 100,000-number snapshot and building its book take about half
   * a second). Called on a timer (routes.ts); cheap when nothing was published.
   */
  async refresh(): Promise<void> {
    // Nothing in memory: no query (the timer outlives an app whose database is closed, in tests).
    if (this.books.size === 0) return;
    const version = (await this.currentManifest())?.version ?? 0;
    for (const served of [...this.books.values()])
      if (served.book.version !== version) await this.get(served.options, served.optionsKey, served.siteUrl);
  }

  private async build(
    manifest: Manifest | null,
    options: BookOptions,
    optionsKey: string,
    siteUrl: string,
    previous: ServedBook | null,
  ): Promise<ServedBook> {
    const entries = manifest ? await this.entriesOf(manifest) : [];
    const context = {
      version: manifest?.version ?? 0,
      createdAt: manifest?.createdAt ?? new Date(0).toISOString(),
      siteUrl,
    };
    // A book of a newer version than the one asked for can't be a base (another instance published).
    const base = previous && previous.book.version < context.version ? previous : null;
    const book = buildBook(entries, options, context, base?.book ?? null);
    const history = new Map(base?.history ?? []);
    if (base) history.set(base.book.version, etagsOf(base.book));
    while (history.size > HISTORY_VERSIONS) history.delete(history.keys().next().value as number);
    return { book, history, options, optionsKey, siteUrl };
  }

  /** The entries of a version, read once from its snapshot file and shared by every option set. */
  private entriesOf(manifest: Manifest): Promise<ListEntry[]> {
    if (this.entries?.version !== manifest.version) {
      const path = join(filesDir(this.dataDir), manifest.snapshot.name);
      const entries = readFile(path).then((bytes) => [...openList(new Uint8Array(bytes)).entries()]);
      this.entries = { version: manifest.version, entries };
      entries.catch(() => {
        if (this.entries?.entries === entries) this.entries = null;
      });
    }
    return this.entries.entries;
  }
}

export function etagsOf(book: Book): Map<string, string> {
  return new Map([...book.cards].map(([uid, card]) => [uid, card.etag]));
}
