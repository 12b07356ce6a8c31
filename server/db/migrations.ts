import type { Database, Queryable } from './database.ts';
import { buildCoveringIndex, COVERING_INDEXES, swapCoveringIndexes } from './deferred-indexes.ts';
import { partitionReportsTable } from './report-partitions.ts';

/**
 * Versioned schema migrations, applied in order at start. Each runs in its own transaction with its version
 * recorded in `vigie_migrations`, so starting twice (or two servers at once, thanks to the advisory lock)
 * applies each exactly once. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Steps that SQL alone cannot say (they depend on the data), run after `sql` in the same transaction. */
  run?: (tx: Queryable) => Promise<void>;
  /**
   * Long work that need not hold start-up (index builds over `reports`): `vigie serve` runs it after it listens
   * (`applyDeferred`), other commands before they go on. It runs on one session outside a transaction, resumes
   * where a stopped run left off, and is followed by `sql` and `run` in one short transaction with the record.
   * Later migrations must not depend on it: they may be applied before it.
   */
  deferred?: (session: Queryable, kind: Database['kind']) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'reports, overrides, reporter standing, published list, audit log',
    sql: `
      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        reporter text NOT NULL,
        category text NOT NULL,
        comment text,
        company text,
        region text,
        called_at timestamptz,
        -- the time that decays: arrival for API reports, the complaint date for imported ones
        reported_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        -- 'api', 'import:vigie', 'import:ftc' or 'demo'
        source text NOT NULL,
        demo boolean NOT NULL DEFAULT false,
        -- salted hash of the source address, salt rotated daily and never stored (docs/crowd-model.md)
        addr_hash text,
        comment_hidden boolean NOT NULL DEFAULT false
      );
      CREATE INDEX reports_number_idx ON reports (number, reported_at);
      CREATE INDEX reports_reported_at_idx ON reports (reported_at);
      CREATE INDEX reports_received_at_idx ON reports (received_at);

      CREATE TABLE number_overrides (
        number text PRIMARY KEY,
        protected boolean NOT NULL DEFAULT false,
        -- reports up to this instant are ignored (an admin delisted the number)
        delisted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE reporter_standing (
        reporter text PRIMARY KEY,
        corroborated integer NOT NULL,
        weight double precision NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE list_versions (
        version integer PRIMARY KEY,
        created_at timestamptz NOT NULL,
        entry_count integer NOT NULL,
        list_sha256 text NOT NULL,
        snapshot_name text NOT NULL,
        fingerprint text NOT NULL,
        demo boolean NOT NULL DEFAULT false,
        -- the signed manifest as served (JSON)
        manifest text NOT NULL
      );

      CREATE TABLE list_entries (
        number text PRIMARY KEY,
        sha256 text NOT NULL,
        category text NOT NULL,
        score integer NOT NULL,
        reports integer NOT NULL,
        last_report_day integer NOT NULL
      );
      CREATE INDEX list_entries_bucket_idx ON list_entries ((substr(sha256, 1, 5)));

      CREATE TABLE admin_audit (
        id serial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        target text NOT NULL,
        reason text,
        detail text
      );
    `,
  },
  {
    version: 2,
    name: 'address salts and rate-limit counters shared by every process',
    sql: `
      -- one random salt per UTC week (server/abuse/network-hash.ts), deleted when the next week begins
      CREATE TABLE address_salts (
        period integer PRIMARY KEY,
        salt text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- fixed-window rate-limit counters (server/abuse/rate-limiter.ts), keyed by reporter ids and address hashes
      CREATE TABLE rate_counters (
        scope text NOT NULL,
        key text NOT NULL,
        window_ms integer NOT NULL,
        window_index integer NOT NULL,
        expires_at timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (scope, key, window_ms, window_index)
      );
      CREATE INDEX rate_counters_expires_idx ON rate_counters (expires_at);
    `,
  },
  {
    version: 3,
    name: 'per-number aggregate for incremental publication',
    sql: `
      -- kept by the writer in the statement that inserts reports (server/reports/report-store.ts): every
      -- number ever reported, its report count and last report, and a change sequence number that publication
      -- compares with the last one it processed (crowd_state.processed_seq)
      CREATE SEQUENCE number_activity_seq;
      CREATE TABLE number_activity (
        number text COLLATE "C" PRIMARY KEY,
        reports integer NOT NULL,
        last_reported_at timestamptz NOT NULL,
        change_seq bigint NOT NULL
      );
      CREATE INDEX number_activity_seq_idx ON number_activity (change_seq);
      INSERT INTO number_activity (number, reports, last_reported_at, change_seq)
        SELECT number, count(*), max(reported_at), nextval('number_activity_seq') FROM reports GROUP BY number;

      -- kept by publication (server/publish/incremental.ts): what the last version derived from each E.164
      -- number with votes in the window, and the day time alone may change it (review_day)
      CREATE TABLE crowd_numbers (
        number text COLLATE "C" PRIMARY KEY,
        listed boolean NOT NULL,
        category text,
        score integer,
        reports integer,
        last_report_day integer,
        trusted_votes integer,
        demo boolean NOT NULL,
        review_day integer
      );
      CREATE INDEX crowd_numbers_review_idx ON crowd_numbers (review_day);
      CREATE INDEX crowd_numbers_demo_idx ON crowd_numbers (number) WHERE listed AND demo;

      -- reporters of numbers listed with every reporter at weight 1: their corroborations (reporter standing)
      CREATE TABLE crowd_flaggers (
        number text COLLATE "C" NOT NULL,
        reporter text NOT NULL,
        PRIMARY KEY (number, reporter)
      );
      CREATE INDEX crowd_flaggers_reporter_idx ON crowd_flaggers (reporter);

      -- range entries of the last version, by /100 block (server/crowd/ranges.ts)
      CREATE TABLE crowd_ranges (
        block text COLLATE "C" NOT NULL,
        pattern text COLLATE "C" NOT NULL,
        category text NOT NULL,
        score integer NOT NULL,
        reports integer NOT NULL,
        last_report_day integer NOT NULL,
        PRIMARY KEY (block, pattern)
      );
      CREATE INDEX crowd_ranges_pattern_idx ON crowd_ranges (pattern);

      -- the list version the tables above describe (0: none, the next publication rebuilds them)
      CREATE TABLE crowd_state (
        id integer PRIMARY KEY CHECK (id = 1),
        version integer NOT NULL,
        processed_seq bigint NOT NULL,
        overrides_seen timestamptz
      );
      INSERT INTO crowd_state (id, version, processed_seq) VALUES (1, 0, 0);

      -- the numbers of a reporter whose standing changed
      CREATE INDEX reports_reporter_idx ON reports (reporter, reported_at);
    `,
  },
  {
    version: 4,
    name: 'reports partitioned by month, ids kept unique in report_ids',
    // server/db/report-partitions.ts: every row and every index carried over, in one transaction.
    sql: '',
    run: (tx) => partitionReportsTable(tx, Date.now()),
  },
  {
    version: 5,
    name: 'covering indexes for reading votes by number and numbers by reporter',
    // A number's votes are scattered over the heap (reports arrive in time order): read by key, each vote cost a
    // random heap page, so an incremental publication reading most numbers again was slower than one sequential
    // scan of the window (docs/scaling.md step 7). With the columns the vote query needs in the index, it is an
    // index-only scan, read in number order (once the pages are marked visible). Same names, same keys: the other
    // queries are unchanged. `reports_reporter_idx` gives the numbers of a reporter whose standing changed.
    // Released as DROP INDEX and CREATE INDEX in one transaction before the service listened (about 24 s at 1M
    // reports): the same indexes are now built after it listens, partition by partition (deferred-indexes.ts).
    // Databases that applied it the first way already have them and run nothing again.
    sql: '',
    deferred: async (session, kind) => {
      for (const index of COVERING_INDEXES) await buildCoveringIndex(session, kind, index);
    },
    run: (tx) => swapCoveringIndexes(tx, COVERING_INDEXES),
  },
  {
    version: 6,
    name: 'standing in one step: weight 2 from 10 corroborated numbers, else 1',
    sql: `
      -- docs/crowd-model.md rule 6: the graduated weight (1 + 0.1 per corroborated number, up to 2) became one
      -- step (crowd-model.ts reporterWeight). The stored weights follow the new rule, for the live answer, and
      -- the crowd tables no longer describe the last version (its entries were weighed the old way): the next
      -- publication rebuilds them (server/publish/incremental.ts).
      UPDATE reporter_standing SET weight = CASE WHEN corroborated >= 10 THEN 2 ELSE 1 END;
      UPDATE crowd_state SET version = 0 WHERE id = 1;
    `,
  },
  {
    version: 7,
    name: 'index of the established reporters (weight other than 1)',
    sql: `
      -- Pass 1 of the incremental publication looks up the weight of each chunk's reporters, of whom only the
      -- established ones (10 corroborated numbers, crowd-model.ts) weigh other than 1. Without this index each
      -- look-up scanned the whole table (0.6 s a chunk at 1M reports under load), with it only the few rows.
      -- The predicate must stay the query's (server/publish/incremental.ts applyStanding).
      CREATE INDEX reporter_standing_established_idx ON reporter_standing (reporter) WHERE weight <> 1;
    `,
  },
  {
    version: 8,
    name: 'no reporter index on crowd_flaggers',
    sql: `
      -- The incremental publication counted a reporter's corroborations in crowd_flaggers by this index: it now
      -- adds each run's gains and losses to the stored count (server/publish/incremental.ts): nothing reads
      -- it, and every flagger row written or deleted paid for it (docs/scaling.md step 7).
      DROP INDEX IF EXISTS crowd_flaggers_reporter_idx;
    `,
  },
];

/** PostgreSQL advisory lock key of deferred migrations (a session lock: their work is not one transaction). */
const DEFERRED_LOCK_KEY = 7261004;

/**
 * Applies the migrations not yet recorded (up to `upTo`: tests of a migration); returns the versions applied now.
 * With `defer`, deferred migrations are left for `applyDeferred` (`vigie serve` runs it after it listens).
 */
export async function migrate(
  db: Database,
  upTo = Number.POSITIVE_INFINITY,
  options: { defer?: boolean } = {},
): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS vigie_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  // Versions recorded already are never undone, so they are skipped without a transaction each: a start with
  // nothing to migrate is one read (10 transactions took 64-240 ms of PGlite's start-up under load).
  const recorded = new Set(
    (await db.query<{ version: number }>('SELECT version FROM vigie_migrations')).map((r) => r.version),
  );
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version > upTo) break;
    if (recorded.has(migration.version)) continue;
    if (migration.deferred) {
      if (!options.defer) applied.push(...(await applyDeferred(db, migration.version, migration.version)));
      continue;
    }
    if (await record(db, migration)) applied.push(migration.version);
  }
  return applied;
}

/**
 * Applies the deferred migrations not yet recorded (between `from` and `upTo`), one process at a time (a second
 * one waits, then finds them recorded). Returns the versions applied now.
 */
export async function applyDeferred(db: Database, from = 0, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  const wanted = MIGRATIONS.filter((m) => m.deferred && m.version >= from && m.version <= upTo);
  const pending = async (q: Queryable) => {
    const rows = await q.query<{ version: number }>('SELECT version FROM vigie_migrations');
    const done = new Set(rows.map((r) => r.version));
    return wanted.filter((m) => !done.has(m.version));
  };
  if ((await pending(db)).length === 0) return [];
  return db.session(async (session) => {
    await session.query('SELECT pg_advisory_lock($1, hashtext(current_schema()))', [DEFERRED_LOCK_KEY]);
    try {
      const applied: number[] = [];
      for (const migration of await pending(session)) {
        await migration.deferred?.(session, db.kind);
        if (await record(db, migration)) applied.push(migration.version);
      }
      return applied;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1, hashtext(current_schema()))', [DEFERRED_LOCK_KEY]);
    }
  });
}

/** Runs a migration's `sql` and `run` and records it, in one transaction, unless it is recorded already. */
function record(db: Database, migration: Migration): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Serialises concurrent starts of one deployment (schema) on a PostgreSQL server; a no-op cost on PGlite.
    await tx.query('SELECT pg_advisory_xact_lock(7261001, hashtext(current_schema()))');
    const rows = await tx.query<{ version: number }>('SELECT version FROM vigie_migrations WHERE version = $1', [
      migration.version,
    ]);
    if (rows.length > 0) return false;
    for (const statement of splitStatements(migration.sql)) await tx.query(statement);
    await migration.run?.(tx);
    await tx.query('INSERT INTO vigie_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    return true;
  });
}

/** Our migrations hold no semicolons inside strings or bodies, so splitting on `;` is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.replace(/--[^\n]*/g, '').trim())
    .filter((s) => s.length > 0);
}
