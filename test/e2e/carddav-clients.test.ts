/**
 * The phone book with CardDAV clients nobody here wrote: tsdav (npm) and Debian's vdirsyncer (installed by
 * .ci/run). Both start from the server's root URL only, sync everything, then sync again after a publication
 * that changes two groups and leaves a third alone.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDAVClient, type DAVAddressBook, type DAVVCard } from 'tsdav';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byName, delist, listNumbers, parseVcards, publish } from '../integration/carddav-helpers.ts';
import { startTestService, type TestService } from '../integration/server-harness.ts';

/** Every wait names its step, so a hang says where. */
async function step<T>(name: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<string> {
  return step(
    name,
    60_000,
    new Promise((resolve, reject) => {
      const child = execFile(command, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${name} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve(`${stdout}${stderr}`);
      });
      child.stdin?.end(input);
    }),
  );
}

// Hand-written expectations: the numbers listed below, grouped as the issue names the contacts.
// Each number in its own /10 block, so the service's neighbour-block rule (server/crowd/ranges.ts) adds no range.
const SCAM = ['+33199000701', '+33199000712'];
const TELEMARKETING = ['+33199000745', '+33199000756'];
const ROBOCALL = ['+33199000767'];
const BEFORE = {
  '⛔ Vigie · Arnaque': SCAM,
  '⚠ Vigie · Démarchage': TELEMARKETING,
  '⚠ Vigie · Appels automatisés': ROBOCALL,
};
// tsdav's change: one more scam number, one telemarketing number delisted; robocalls untouched.
const AFTER_TSDAV = {
  '⛔ Vigie · Arnaque': [...SCAM, '+33199000723'],
  '⚠ Vigie · Démarchage': ['+33199000745'],
  '⚠ Vigie · Appels automatisés': ROBOCALL,
};
// vdirsyncer's change, after tsdav's: one more scam number, the last telemarketing number delisted (its
// contact disappears); robocalls untouched.
const AFTER_VDIRSYNCER = {
  '⛔ Vigie · Arnaque': [...SCAM, '+33199000723', '+33199000734'],
  '⚠ Vigie · Appels automatisés': ROBOCALL,
};

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ trustProxy: true });
  await step('list the first numbers', 60_000, listNumbers(t.base, SCAM, 'scam'));
  await step('list telemarketing', 60_000, listNumbers(t.base, TELEMARKETING, 'telemarketing'));
  await step('list robocalls', 60_000, listNumbers(t.base, ROBOCALL, 'robocall'));
  await step('first publication', 60_000, publish(t.base));
}, 240_000);

afterAll(async () => {
  await t?.cleanup();
}, 60_000);

async function publishChange(added: string, delisted: string): Promise<void> {
  await step(`list ${added}`, 60_000, listNumbers(t.base, [added], 'scam'));
  await step(`delist ${delisted}`, 30_000, delist(t.base, delisted));
  await step('publish the change', 60_000, publish(t.base));
}

describe.sequential('real CardDAV clients', () => {
  it('tsdav discovers from the root URL, syncs everything, then gets only the changed cards by sync token', async () => {
    const client = await step(
      'tsdav login (well-known discovery)',
      30_000,
      createDAVClient({
        serverUrl: t.base,
        credentials: { username: 'n-importe-qui', password: 'peu-importe' },
        authMethod: 'Basic',
        defaultAccountType: 'carddav',
      }),
    );
    const books: DAVAddressBook[] = await step('tsdav fetchAddressBooks', 30_000, client.fetchAddressBooks());
    expect(books).toHaveLength(1);
    const book = books[0] as DAVAddressBook;
    expect(new URL(book.url).pathname).toBe('/carddav/book/');
    // tsdav hands each card over trimmed of its final CRLF: cards are joined with one again.
    const cards: DAVVCard[] = await step('tsdav fetchVCards', 30_000, client.fetchVCards({ addressBook: book }));
    expect(byName(parseVcards(cards.map((c) => c.data as string).join('\r\n')))).toEqual(BEFORE);
    expect(book.syncToken).toBeTruthy();

    await publishChange('+33199000723', '+33199000756');

    const synced = await step(
      'tsdav smartCollectionSync (sync-collection + multiget)',
      30_000,
      client.smartCollectionSync({
        collection: { ...book, objects: cards, objectMultiGet: client.addressBookMultiGet },
        method: 'webdav',
        detailedResult: true,
      }),
    );
    const objects = synced.objects as { created: DAVVCard[]; updated: DAVVCard[]; deleted: DAVVCard[] };
    expect(objects.created).toEqual([]);
    expect(objects.deleted).toEqual([]);
    // Only the two changed contacts come back, with their new numbers; the robocall card is not sent again.
    expect(byName(parseVcards(objects.updated.map((c) => c.data as string).join('\r\n')))).toEqual({
      '⛔ Vigie · Arnaque': AFTER_TSDAV['⛔ Vigie · Arnaque'],
      '⚠ Vigie · Démarchage': AFTER_TSDAV['⚠ Vigie · Démarchage'],
    });
    expect(synced.syncToken).not.toBe(book.syncToken);
  });

  it('vdirsyncer discovers from the root URL, syncs everything, then rewrites only the changed cards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-vdirsyncer-'));
    try {
      const config = join(dir, 'config');
      writeFileSync(
        config,
        [
          '[general]',
          `status_path = "${join(dir, 'status')}/"`,
          '',
          '[pair vigie]',
          'a = "vigie_remote"',
          'b = "vigie_local"',
          'collections = ["from a"]',
          '',
          '[storage vigie_remote]',
          'type = "carddav"',
          `url = "${t.base}/"`,
          'username = "n-importe-qui"',
          'password = "peu-importe"',
          'read_only = true',
          '',
          '[storage vigie_local]',
          'type = "filesystem"',
          `path = "${join(dir, 'contacts')}/"`,
          'fileext = ".vcf"',
          '',
        ].join('\n'),
      );
      const env = { ...process.env, VDIRSYNCER_CONFIG: config, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
      await run('vdirsyncer discover', 'vdirsyncer', ['discover', 'vigie'], env, 'y\ny\ny\n');
      await run('vdirsyncer sync (full)', 'vdirsyncer', ['sync'], env);
      const collections = readdirSync(join(dir, 'contacts'));
      expect(collections).toEqual(['book']);
      const folder = join(dir, 'contacts', 'book');
      const read = () => {
        const files = readdirSync(folder).sort();
        return {
          cards: parseVcards(files.map((f) => readFileSync(join(folder, f), 'utf8')).join('')),
          mtimes: new Map(files.map((f) => [f, statSync(join(folder, f)).mtimeMs])),
        };
      };
      const before = read();
      expect(byName(before.cards)).toEqual(AFTER_TSDAV);

      await publishChange('+33199000734', '+33199000745');
      await run('vdirsyncer sync (after the change)', 'vdirsyncer', ['sync'], env);
      const after = read();
      expect(byName(after.cards)).toEqual(AFTER_VDIRSYNCER);
      // The robocall card did not change: vdirsyncer left its file alone; the scam card was rewritten.
      const fileOf = (part: string) => [...before.mtimes.keys()].find((f) => f.includes(part)) ?? '';
      expect(after.mtimes.get(fileOf('robocall'))).toBe(before.mtimes.get(fileOf('robocall')));
      expect(after.mtimes.get(fileOf('scam'))).not.toBe(before.mtimes.get(fileOf('scam')));
      expect(after.mtimes.has(fileOf('telemarketing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
