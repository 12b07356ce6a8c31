/**
 * The abuse-resistant aggregation (docs/crowd-model.md), moderation and the signed publication, against the
 * real service: who can list a number, who cannot, and what a client can verify.
 */
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Aggregate, type Manifest, ManifestSchema, manifestSigningBytes } from '../../shared/api/schemas.ts';
import { rangePrefix, sha256Hex } from '../../shared/hash.ts';
import { applyDelta } from '../../shared/list/delta.ts';
import { openList } from '../../shared/list/reader.ts';
import {
  adminHeaders,
  getJson,
  newReporter,
  nextAddress,
  postReport,
  report,
  startTestService,
  type TestService,
} from './server-harness.ts';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ trustProxy: true });
});

afterAll(async () => {
  await t?.cleanup();
});

async function aggregate(number: string): Promise<Aggregate> {
  const { status, body } = await getJson<Aggregate>(`${t.base}/api/v1/numbers/${encodeURIComponent(number)}`);
  expect(status).toBe(200);
  return body;
}

/** `count` different people, each on their own network, report `number`. */
async function reportByMany(number: string, count: number, extra: Record<string, unknown> = {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    const response = await postReport(t.base, report(number, newReporter(), extra), { from: nextAddress() });
    expect(response.status).toBe(201);
  }
}

async function publish(): Promise<Manifest> {
  const { status, body } = await getJson<Manifest>(`${t.base}/api/v1/admin/publish`, {
    method: 'POST',
    headers: adminHeaders(),
  });
  expect(status).toBe(200);
  return v.parse(ManifestSchema, body);
}

async function verifyManifest(manifest: Manifest): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    'raw',
    Buffer.from(manifest.publicKey, 'base64'),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    Buffer.from(manifest.signature, 'base64'),
    manifestSigningBytes(manifest) as Uint8Array<ArrayBuffer>,
  );
}

async function download(name: string): Promise<Uint8Array> {
  const response = await fetch(`${t.base}/api/v1/list/files/${name}`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

describe('who can list a number', () => {
  it('one reporter sending 100 reports lists nothing (counted once, then rate limited)', async () => {
    const number = '+33199000401';
    const reporter = newReporter();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      statuses.push((await postReport(t.base, report(number, reporter), { from: nextAddress() })).status);
    }
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    expect(statuses).toContain(429);
    const a = await aggregate(number);
    expect(a.reports).toBe(1);
    expect(a.listed).toBe(false);
  });

  it('two reporters list nothing', async () => {
    await reportByMany('+33199000402', 2);
    const a = await aggregate('+33199000402');
    expect(a).toMatchObject({ reports: 2, listed: false, level: 'caution' });
  });

  it('three independent reporters list it', async () => {
    await reportByMany('+33199000403', 3, { category: 'scam' });
    const a = await aggregate('+33199000403');
    expect(a).toMatchObject({ reports: 3, listed: true, level: 'danger', category: 'scam' });
    expect(a.lastReportedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('three fresh reporter ids from one address on one day count as one', async () => {
    const from = nextAddress();
    for (let i = 0; i < 3; i++) {
      expect((await postReport(t.base, report('+33199000404', newReporter()), { from })).status).toBe(201);
    }
    const a = await aggregate('+33199000404');
    expect(a.reports).toBe(1);
    expect(a.listed).toBe(false);
  });

  it('50 reporters on 112 list nothing: protected numbers are never listed', async () => {
    await reportByMany('112', 50);
    const a = await aggregate('112');
    expect(a.listed).toBe(false);
    expect(a.level).toBe('trusted');
    expect(a.comments).toEqual([]);
  });

  it('a 116XYZ number missing from the named ones (116789) is protected too', async () => {
    await reportByMany('116789', 5);
    expect(await aggregate('116789')).toMatchObject({ listed: false, level: 'trusted' });
  });

  it('legit votes delist a number', async () => {
    const number = '+33199000405';
    await reportByMany(number, 3);
    expect((await aggregate(number)).listed).toBe(true);
    await reportByMany(number, 1, { category: 'legit' });
    const after = await aggregate(number);
    expect(after.legitVotes).toBe(1);
    expect(after.listed).toBe(false);
  });

  it("a reporter's later vote replaces their earlier one", async () => {
    const number = '+33199000406';
    await reportByMany(number, 2);
    const changing = newReporter();
    const from = nextAddress();
    await postReport(t.base, report(number, changing), { from });
    expect((await aggregate(number)).listed).toBe(true);
    await postReport(t.base, report(number, changing, { category: 'legit' }), { from });
    const a = await aggregate(number);
    expect(a).toMatchObject({ reports: 2, legitVotes: 1, listed: false });
  });

  it("takes a reporter's later vote of the day even when the rows are stored in the other order", async () => {
    const number = '+33199000420';
    await reportByMany(number, 2);
    const changing = newReporter();
    const at = Date.now();
    const row = (category: 'telemarketing' | 'legit', ms: number) => ({
      id: crypto.randomUUID(),
      number,
      reporter: changing,
      category,
      comment: null,
      company: null,
      region: 'FR',
      calledAt: null,
      reportedAt: new Date(ms).toISOString(),
      source: 'api' as const,
      demo: false,
      addrHash: null,
    });
    // One batch, the later `legit` vote first: PostgreSQL's scans return them in that physical order.
    await Promise.all([
      t.service.writer.write(row('legit', at)),
      t.service.writer.write(row('telemarketing', at - 1000)),
    ]);
    expect(await aggregate(number)).toMatchObject({ reports: 2, legitVotes: 1, listed: false });
    const list = openList(await download((await publish()).snapshot.name));
    expect(list.match(number)).toBeNull();
  });

  it('shows comments only once three independent reporters agree', async () => {
    const number = '+33199000407';
    await reportByMany(number, 2, { comment: 'Vendeur de panneaux' });
    expect((await aggregate(number)).comments).toEqual([]);
    await reportByMany(number, 1, { comment: 'Encore eux' });
    const comments = (await aggregate(number)).comments;
    expect(comments).toHaveLength(3);
    expect(comments[0]).toMatchObject({ category: 'telemarketing', company: null });
  });
});

describe('rate limits', () => {
  it('limits one address, with Retry-After', async () => {
    const from = nextAddress();
    let limited: Response | null = null;
    // 2 × the per-minute limit, so a window that ends mid-test still ends in a refusal.
    for (let i = 0; i < 260 && !limited; i++) {
      const response = await postReport(t.base, report('+33199000408', newReporter()), { from });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(201);
    }
    if (!limited) throw new Error('no request was rate limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});

describe('retries', () => {
  it('a reporter re-sending reports already stored gets 200 duplicates, not 429; new ones still count', async () => {
    const reporter = newReporter();
    // 20 an hour is the reporter limit (DEFAULT_RATE_LIMITS); each report from its own network.
    const bodies = Array.from({ length: 20 }, (_, i) => report(`+331990005${String(i).padStart(2, '0')}`, reporter));
    for (const body of bodies) expect((await postReport(t.base, body, { from: nextAddress() })).status).toBe(201);
    // The acknowledgements were lost: the outbox sends everything again.
    for (const body of bodies) {
      const again = await postReport(t.base, body, { from: nextAddress() });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ id: body.id, duplicate: true });
    }
    const fresh = await postReport(t.base, report('+33199000599', reporter), { from: nextAddress() });
    expect(fresh.status).toBe(429);
  });
});

describe('look-up limits', () => {
  it('limits look-ups from one address', async () => {
    const from = nextAddress();
    let status = 0;
    // 2 × the per-minute limit, so a window that ends mid-test still ends in a refusal.
    for (let i = 0; i < 1300 && status !== 429; i++) {
      status = (await fetch(`${t.base}/api/v1/range/abcde`, { headers: { 'x-forwarded-for': from } })).status;
      if (status !== 429) expect(status).toBe(200);
    }
    expect(status).toBe(429);
    const other = await fetch(`${t.base}/api/v1/range/abcde`, { headers: { 'x-forwarded-for': nextAddress() } });
    expect(other.status).toBe(200);
  });
});

describe('moderation (admin token)', () => {
  it('hides a comment', async () => {
    const number = '+33199000409';
    const bodies = [0, 1, 2].map(() => report(number, newReporter(), { comment: 'Texte à masquer' }));
    for (const body of bodies) await postReport(t.base, body, { from: nextAddress() });
    expect((await aggregate(number)).comments).toHaveLength(3);
    const first = bodies[0] as { id: string };
    const { status } = await getJson(`${t.base}/api/v1/admin/reports/${first.id}/hide-comment`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ reason: 'propos injurieux' }),
    });
    expect(status).toBe(200);
    expect((await aggregate(number)).comments).toHaveLength(2);
    const missing = await getJson(`${t.base}/api/v1/admin/reports/${crypto.randomUUID()}/hide-comment`, {
      method: 'POST',
      headers: adminHeaders(),
    });
    expect(missing.status).toBe(404);
  });

  it('protects a number: never listed whatever the reports', async () => {
    const number = '+33199000410';
    const { status } = await getJson(`${t.base}/api/v1/admin/numbers/${encodeURIComponent(number)}/protect`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ reason: 'mairie' }),
    });
    expect(status).toBe(200);
    await reportByMany(number, 6);
    const a = await aggregate(number);
    expect(a.reports).toBe(6);
    expect(a.listed).toBe(false);
  });

  it('delists a number: evidence so far is dropped, new reports can list it again', async () => {
    const number = '+33199000411';
    await reportByMany(number, 4);
    expect((await aggregate(number)).listed).toBe(true);
    const { status } = await getJson(`${t.base}/api/v1/admin/numbers/${encodeURIComponent(number)}/delist`, {
      method: 'POST',
      headers: adminHeaders(),
    });
    expect(status).toBe(200);
    expect(await aggregate(number)).toMatchObject({ listed: false, reports: 0 });
    await reportByMany(number, 3);
    expect((await aggregate(number)).listed).toBe(true);
  });

  it('refuses bad admin bodies and numbers', async () => {
    const unknownField = await getJson(`${t.base}/api/v1/admin/numbers/%2B33199000412/delist`, {
      method: 'POST',
      headers: adminHeaders(),
      body: JSON.stringify({ reason: 'x', force: true }),
    });
    expect(unknownField.status).toBe(400);
    const badNumber = await getJson(`${t.base}/api/v1/admin/numbers/nope/protect`, {
      method: 'POST',
      headers: adminHeaders(),
    });
    expect(badNumber.status).toBe(400);
  });

  it('keeps an audit log of every action', async () => {
    await publish();
    const { status, body } = await getJson<{ entries: { action: string; target: string; reason: string | null }[] }>(
      `${t.base}/api/v1/admin/audit`,
      { headers: adminHeaders() },
    );
    expect(status).toBe(200);
    const actions = body.entries.map((e) => e.action);
    for (const action of ['hide_comment', 'protect', 'delist', 'publish']) expect(actions).toContain(action);
    expect(body.entries.find((e) => e.action === 'protect')).toMatchObject({
      target: '+33199000410',
      reason: 'mairie',
    });
  });
});

describe('publication', () => {
  it('publishes a signed manifest whose files verify and whose list holds the listed numbers only', async () => {
    const manifest = await publish();
    expect(await verifyManifest(manifest)).toBe(true);
    expect((await getJson<Manifest>(`${t.base}/api/v1/list/manifest`)).body).toEqual(manifest);
    const snapshot = await download(manifest.snapshot.name);
    expect(snapshot.byteLength).toBe(manifest.snapshot.size);
    expect(await sha256Hex(snapshot)).toBe(manifest.snapshot.sha256);
    expect(manifest.listSha256).toBe(manifest.snapshot.sha256);
    const list = openList(snapshot);
    expect(list.version).toBe(manifest.version);
    expect(list.match('+33199000403')).toMatchObject({ kind: 'exact', category: 'scam', reports: 3 });
    // No exact entry for them. Their block may be listed as a range: 403, 406, 407 and 409 are listed by a dozen
    // people in all, which is what a /10 crowd range needs (docs/crowd-model.md, "Ranges").
    for (const notListed of ['+33199000401', '+33199000402', '+33199000404', '+33199000405', '+33199000410']) {
      expect(list.match(notListed)?.kind ?? null, notListed).not.toBe('exact');
    }
    expect(manifest.count).toBe(list.exactCount + list.rangeCount);
  });

  it('refuses a tampered manifest (signature check fails)', async () => {
    const manifest = (await getJson<Manifest>(`${t.base}/api/v1/list/manifest`)).body;
    expect(await verifyManifest({ ...manifest, count: manifest.count + 1 })).toBe(false);
    expect(await verifyManifest({ ...manifest, listSha256: '0'.repeat(64) })).toBe(false);
  });

  it('publishes nothing new when nothing changed, and a new version with deltas when it did', async () => {
    const before = await publish();
    const same = await publish();
    expect(same.version).toBe(before.version);
    await reportByMany('+33199000413', 3);
    const next = await publish();
    expect(next.version).toBe(before.version + 1);
    expect(await verifyManifest(next)).toBe(true);
    expect(next.deltas.map((d) => d.from)).toContain(before.version);
    for (const delta of next.deltas) {
      expect(delta.to).toBe(next.version);
      const bytes = await download(delta.name);
      expect(await sha256Hex(bytes)).toBe(delta.sha256);
    }
    // What a client does: old snapshot + delta → exactly the new snapshot (listSha256).
    const fromBefore = next.deltas.find((d) => d.from === before.version);
    if (!fromBefore) throw new Error('no delta from the previous version');
    const rebuilt = await applyDelta(await download(before.snapshot.name), await download(fromBefore.name));
    expect(await sha256Hex(rebuilt)).toBe(next.listSha256);
    expect(openList(rebuilt).match('+33199000413')).toMatchObject({ kind: 'exact', reports: 3 });
  });

  it('answers range look-ups from the published list, with live counts', async () => {
    const number = '+33199000403';
    const prefix = await rangePrefix(number);
    const { status, body } = await getJson<{ prefix: string; entries: (Aggregate & { sha256: string })[] }>(
      `${t.base}/api/v1/range/${prefix}`,
    );
    expect(status).toBe(200);
    const entry = body.entries.find((e) => e.number === number);
    expect(entry).toMatchObject({ listed: true, reports: 3, category: 'scam', sha256: await sha256Hex(number) });
    for (const e of body.entries) expect(e.sha256.startsWith(prefix)).toBe(true);
    const upper = await getJson<{ entries: unknown[] }>(`${t.base}/api/v1/range/${prefix.toUpperCase()}`);
    expect(upper.body.entries).toHaveLength(body.entries.length);
  });
});

describe('timed publication', () => {
  it('publishes a new version by itself when the aggregate changed', async () => {
    const before = (await getJson<Manifest>(`${t.base}/api/v1/list/manifest`)).body;
    await reportByMany('+33199000414', 3);
    t.service.publisher.start(200);
    try {
      let manifest = before;
      for (let i = 0; i < 100 && manifest.version === before.version; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        manifest = (await t.service.publisher.current()) ?? before;
      }
      expect(manifest.version).toBe(before.version + 1);
      expect(openList(await download(manifest.snapshot.name)).match('+33199000414')).not.toBeNull();
    } finally {
      await t.service.publisher.stop();
    }
  });
});
