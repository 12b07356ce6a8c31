/**
 * CardDAV sync of a 100,000-number list with tsdav (a real client) over real HTTP against the real routes
 * (server/carddav), the list published as real snapshot files:
 * - `carddav.sync.100k.ms` / `.bytes`: a phone's first sync — addressbook-query for the ETags, then one
 *   addressbook-multiget of every card (tsdav's fetchVCards). Bytes are request plus response bodies.
 *   No baseline: there is no simpler way to fill an address book over CardDAV.
 * - `carddav.sync.100k.incremental.ms` / `.bytes`: after a publication changing 1 % of the numbers (500 out, 500
 *   in), the next sync — sync-collection from the previous token with ETags only, then a multiget of the cards it
 *   names. Baseline: a full sync of
 *   the new version, what a client without sync tokens (or a server without stable cards) would do.
 * - `carddav.book.100k.ms`: the server reading the new snapshot and building its book from the previous one,
 *   which it does off the request path after a publication (BookCache.refresh), so the incremental sync above
 *   does not include it.
 * Data come from a fixed seed; the book's URL carries `max-100000` (the default caps a book at 8,000 numbers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createDAVClient, type DAVVCard } from 'tsdav';
import { registerCardDav } from '../../server/carddav/routes.ts';
import { writePublication } from '../../server/publish/publication-files.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import type { Manifest } from '../../shared/api/schemas.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import type { Category } from '../../shared/verdict.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const COUNT = 100_000;
const CHURN = 0.01;
const CATEGORIES: Category[] = ['telemarketing', 'telemarketing', 'telemarketing', 'robocall', 'scam', 'survey'];

async function step<T>(name: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`carddav bench: timed out after ${ms} ms: ${name}`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function entryFor(random: () => number): ListEntry {
  const digits = String(Math.floor(random() * 100_000_000)).padStart(8, '0');
  return {
    pattern: `+33${random() < 0.5 ? '6' : String(1 + Math.floor(random() * 5))}${digits}`,
    payload: {
      category: CATEGORIES[Math.floor(random() * CATEGORIES.length)] ?? 'telemarketing',
      score: 85 + Math.floor(random() * 4) * 40,
      reports: 3 + Math.floor(random() * 30),
      lastReportDay: 20_400,
    },
  };
}

const sorted = (entries: ListEntry[]) => entries.sort((a, b) => (a.pattern < b.pattern ? -1 : 1));

export default async function (record: Record): Promise<void> {
  const random = seededRandom(9);
  const byPattern = new Map<string, ListEntry>();
  while (byPattern.size < COUNT) {
    const e = entryFor(random);
    byPattern.set(e.pattern, e);
  }
  const v1 = sorted([...byPattern.values()]);
  const v2Map = new Map(byPattern);
  const keys = [...byPattern.keys()];
  for (let i = 0; i < (COUNT * CHURN) / 2; i++) v2Map.delete(keys[Math.floor(random() * keys.length)] as string);
  while (v2Map.size < COUNT) {
    const e = entryFor(random);
    if (!byPattern.has(e.pattern)) v2Map.set(e.pattern, e);
  }
  const v2 = sorted([...v2Map.values()]);

  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-carddav-bench-'));
  const key = loadOrCreateSigningKey(dataDir);
  let manifest: Manifest = writePublication({
    dataDir,
    entries: v1,
    version: 1,
    demo: false,
    createdAt: new Date('2026-11-30T06:00:00Z'),
    previous: [],
    key,
  });
  const app = new Hono();
  const carddav = registerCardDav(app, { dataDir, currentManifest: async () => manifest, trustProxy: false });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await step('server listening', 10_000, new Promise((r) => server.once('listening', r)));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let bytes = 0;
  const countingFetch: typeof fetch = async (input, init) => {
    if (typeof init?.body === 'string') bytes += Buffer.byteLength(init.body);
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    bytes += body.byteLength;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  try {
    const client = await step(
      'tsdav client',
      30_000,
      createDAVClient({
        serverUrl: base,
        credentials: { username: 'bench', password: 'bench' },
        authMethod: 'Basic',
        defaultAccountType: 'carddav',
        fetch: countingFetch,
      }),
    );
    const addressBook = { url: `${base}/carddav/o/max-100000/book/` };
    const fullSync = async (what: string) => {
      bytes = 0;
      const started = performance.now();
      const cards: DAVVCard[] = await step(what, 120_000, client.fetchVCards({ addressBook }));
      return { ms: performance.now() - started, bytes, cards };
    };

    const first = await fullSync('first full sync');
    const numbers = first.cards.reduce((n, c) => n + ((c.data as string).match(/\nTEL/g)?.length ?? 0), 0);
    if (numbers !== COUNT) throw new Error(`carddav bench: the book holds ${numbers} numbers, not ${COUNT}`);
    record('carddav.sync.100k.ms', { value: first.ms, unit: 'ms' });
    record('carddav.sync.100k.bytes', { value: first.bytes, unit: 'B' });
    console.log(`  (${first.cards.length} cards)`);

    const tokenAnswer = await client.syncCollection({
      url: addressBook.url,
      props: { 'd:getetag': {} },
      syncLevel: 1,
      syncToken: '',
    });
    const token = String(tokenAnswer[0]?.raw?.multistatus?.syncToken ?? '');
    if (!token) throw new Error('carddav bench: no sync token');

    manifest = writePublication({
      dataDir,
      entries: v2,
      version: 2,
      demo: false,
      createdAt: new Date('2026-11-30T07:00:00Z'),
      previous: [{ version: 1, snapshotName: manifest.snapshot.name }],
      key,
    });

    // The server builds the new version's book off the request path (within 30 s of a publication): a phone
    // syncing after that waits for none of it. The build is timed here on its own.
    const buildStarted = performance.now();
    await step('server builds the new book', 60_000, carddav.refresh());
    record('carddav.book.100k.ms', { value: performance.now() - buildStarted, unit: 'ms' });

    bytes = 0;
    const started = performance.now();
    const changes = await step(
      'sync-collection after the change',
      60_000,
      client.syncCollection({ url: addressBook.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token }),
    );
    const syncedAt = performance.now();
    const changed = changes.filter((r) => r.href?.endsWith('.vcf') && r.status !== 404).map((r) => r.href as string);
    const fetched = await step(
      'multiget of the changed cards',
      60_000,
      client.addressBookMultiGet({
        url: addressBook.url,
        props: { 'd:getetag': {}, 'card:address-data': {} },
        objectUrls: changed,
        depth: '1',
      }),
    );
    const incremental = { ms: performance.now() - started, bytes };
    console.log(
      `  (sync-collection ${(syncedAt - started).toFixed(0)} ms, multiget ${(performance.now() - syncedAt).toFixed(0)} ms)`,
    );
    if (fetched.length !== changed.length) throw new Error('carddav bench: multiget lost cards');
    const again = await fullSync('full sync of the new version (baseline)');
    record('carddav.sync.100k.incremental.ms', { value: incremental.ms, unit: 'ms', baseline: again.ms });
    record('carddav.sync.100k.incremental.bytes', { value: incremental.bytes, unit: 'B', baseline: again.bytes });
    console.log(`  (${changed.length} of ${again.cards.length} cards changed)`);
  } finally {
    await new Promise((r) => server.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
