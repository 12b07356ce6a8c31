/**
 * "One network can never list a number alone", across restarts, processes and the salt's rotation (issue 12,
 * defect 3), and rate limits that survive a restart and are shared by processes. The service runs on a clock the
 * test moves: 2030-01-07 is a Monday, the first day of a salt period (a UTC week).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkOf, saltPeriodOf } from '../../server/abuse/network-hash.ts';
import { DEFAULT_RATE_LIMITS } from '../../server/abuse/rate-limiter.ts';
import { type RunningService, startService } from '../../server/service.ts';
import type { Aggregate } from '../../shared/api/schemas.ts';
import {
  getJson,
  newReporter,
  nextAddress,
  POSTGRES_URL,
  postReport,
  report,
  startTestService,
  type TestService,
} from './server-harness.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
let clock = at('2030-01-09T12:00:00Z');
let t: TestService;

// Five reports an hour per address, so the limit is reached in a few requests.
const RATE_LIMITS = { ...DEFAULT_RATE_LIMITS, address: [{ limit: 5, windowMs: HOUR }] };

beforeAll(async () => {
  t = await startTestService({ trustProxy: true, now: () => clock, rateLimits: RATE_LIMITS });
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
}, 60_000);

async function aggregate(number: string, base = t.base): Promise<Aggregate> {
  const { status, body } = await getJson<Aggregate>(`${base}/api/v1/numbers/${encodeURIComponent(number)}`);
  expect(status).toBe(200);
  return body;
}

/** A report from a fresh reporter id (what a Sybil mints at will) from `from`. */
async function reportFrom(number: string, from: string, base = t.base): Promise<number> {
  return (await postReport(base, report(number, newReporter()), { from })).status;
}

describe('salt periods and networks', () => {
  it('are UTC weeks from Monday 00:00', () => {
    // 2030-01-07 and 2030-01-14 are Mondays (any calendar).
    expect(saltPeriodOf(at('2030-01-06T23:59:59.999Z'))).toBe(saltPeriodOf(at('2030-01-07T00:00:00Z')) - 1);
    expect(saltPeriodOf(at('2030-01-13T23:59:59.999Z'))).toBe(saltPeriodOf(at('2030-01-07T00:00:00Z')));
    expect(saltPeriodOf(at('2030-01-14T00:00:00Z'))).toBe(saltPeriodOf(at('2030-01-07T00:00:00Z')) + 1);
  });

  it('are the IPv4 address, and the /56 prefix of an IPv6 address', () => {
    expect(networkOf('198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('2001:db8:1:1ab::1')).toBe('20010db8000101/56');
    expect(networkOf('2001:db8:1:1ff:ffff:ffff:ffff:ffff')).toBe('20010db8000101/56');
    expect(networkOf('2001:db8:1:200::1')).toBe('20010db8000102/56');
    expect(networkOf('unknown')).toBe('unknown');
  });
});

describe('one network alone never lists a number', () => {
  it('counts fresh reporter ids from one address once, with a restart between each report', async () => {
    clock = at('2030-01-09T12:00:00Z');
    const number = '+33199000601';
    const from = nextAddress();
    for (let i = 0; i < 3; i++) {
      expect(await reportFrom(number, from)).toBe(201);
      await t.restart();
      clock += 60_000;
    }
    expect(await aggregate(number)).toMatchObject({ reports: 1, listed: false });
    const hashes = await t.service.db.query<{ addr_hash: string }>(
      'SELECT DISTINCT addr_hash FROM reports WHERE number = $1',
      [number],
    );
    expect(hashes).toHaveLength(1);
  }, 180_000);

  it('counts one /56 of IPv6 addresses once', async () => {
    const number = '+33199000602';
    for (const from of ['2001:db8:1:100::1', '2001:db8:1:1ab::2', '2001:db8:1:1ff:1:2:3:4']) {
      expect(await reportFrom(number, from)).toBe(201);
    }
    expect(await aggregate(number)).toMatchObject({ reports: 1, listed: false });
  });

  it('counts as two at most across the Monday rotation, so three reports around it list nothing', async () => {
    const number = '+33199000603';
    const from = nextAddress();
    for (const time of ['2030-01-13T23:59:00Z', '2030-01-14T00:00:30Z', '2030-01-14T00:01:00Z']) {
      clock = at(time);
      expect(await reportFrom(number, from)).toBe(201);
    }
    expect(await aggregate(number)).toMatchObject({ reports: 2, listed: false });
  });

  it("keeps the current week's salt in the database and deletes last week's", async () => {
    const rows = await t.service.db.query<{ period: number }>('SELECT period FROM address_salts');
    expect(rows).toEqual([{ period: saltPeriodOf(at('2030-01-14T00:00:00Z')) }]);
  });

  it('reporting once a week for three weeks gives three hashes, never three within 7 days: not listed', async () => {
    const number = '+33199000604';
    const from = nextAddress();
    // With a daily salt, 0.90 + 0.95 + 1 ≥ 2.5 listed it.
    for (const time of ['2030-01-14T12:00:00Z', '2030-01-21T12:00:00Z', '2030-01-28T12:00:00Z']) {
      clock = at(time);
      expect(await reportFrom(number, from)).toBe(201);
    }
    expect(await aggregate(number)).toMatchObject({ reports: 3, listed: false });
  });
});

describe('independent networks', () => {
  it('list a number when three report it within 7 days, not when they are spread wider', async () => {
    const week = '+33199000605';
    for (const time of ['2030-01-28T12:00:00Z', '2030-01-31T12:00:00Z', '2030-02-03T12:00:00Z']) {
      clock = at(time);
      expect(await reportFrom(week, nextAddress())).toBe(201);
    }
    expect(await aggregate(week)).toMatchObject({ reports: 3, listed: true });
    const spread = '+33199000606';
    for (const time of ['2030-02-03T12:00:00Z', '2030-02-07T12:00:00Z', '2030-02-11T12:00:00Z']) {
      clock = at(time);
      expect(await reportFrom(spread, nextAddress())).toBe(201);
    }
    // The price of rule 3 (docs/crowd-model.md): three people over 9 days wait for a fourth.
    expect(await aggregate(spread)).toMatchObject({ reports: 3, listed: false });
    expect(await reportFrom(spread, nextAddress())).toBe(201);
    expect(await aggregate(spread)).toMatchObject({ reports: 4, listed: true });
  });
});

describe('rate limits in the database', () => {
  it('survive a restart', async () => {
    clock = at('2030-02-11T13:00:00Z');
    const from = nextAddress();
    for (let i = 0; i < 5; i++) expect(await reportFrom(`+3319900061${i}`, from)).toBe(201);
    await t.restart();
    const refused = await postReport(t.base, report('+33199000615', newReporter()), { from });
    expect(refused.status).toBe(429);
    // 47 minutes left in the 13:00–14:00 window.
    clock += 13 * 60_000;
    expect(Number(refused.headers.get('retry-after'))).toBe(3600);
    expect((await postReport(t.base, report('+33199000615', newReporter()), { from })).headers.get('retry-after')).toBe(
      String(47 * 60),
    );
  }, 120_000);
});

describe.skipIf(POSTGRES_URL === undefined)('two processes on one PostgreSQL', () => {
  let second: RunningService;
  let secondDir: string;

  beforeAll(async () => {
    secondDir = mkdtempSync(join(tmpdir(), 'vigie-second-'));
    second = await startService({
      dataDir: secondDir,
      databaseUrl: POSTGRES_URL,
      schema: t.schema,
      port: 0,
      host: '127.0.0.1',
      publishIntervalSeconds: 0,
      trustProxy: true,
      pwaDir: null,
      now: () => clock,
      rateLimits: RATE_LIMITS,
    });
    await second.firstPublication;
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    rmSync(secondDir, { recursive: true, force: true });
  });

  it('hash one network alike and share its rate limit', async () => {
    clock = at('2030-02-11T15:00:00Z');
    const number = '+33199000620';
    const from = nextAddress();
    expect(await reportFrom(number, from, t.base)).toBe(201);
    expect(await reportFrom(number, from, second.url)).toBe(201);
    expect(await reportFrom(number, from, t.base)).toBe(201);
    expect(await aggregate(number, second.url)).toMatchObject({ reports: 1, listed: false });
    expect(await reportFrom('+33199000621', from, second.url)).toBe(201);
    expect(await reportFrom('+33199000622', from, t.base)).toBe(201);
    // Five from this address this hour, two processes: the sixth is refused by either.
    expect(await reportFrom('+33199000623', from, second.url)).toBe(429);
    expect(await reportFrom('+33199000623', from, t.base)).toBe(429);
  });
});
