/**
 * Incremental publication (issue 12, docs/scaling.md step 6): only the numbers that changed since the last
 * version are read and evaluated, and their entries are merged into the last version's sorted columns. Time and
 * memory follow the change, not the window: no structure here holds every number or every vote.
 *
 * A number is looked at again when
 * - it got a report (`number_activity.change_seq`, kept by the writer in the insert statement) since the last
 *   run's watermark,
 * - its review day has come (crowd/number-state.ts: a vote leaving the window, decay delisting it or moving its
 *   score band), or
 * - an admin protected or delisted it.
 * Then, as the full publication does (list-entries.ts `computeList`), in two passes:
 * 1. with every reporter at weight 1, whether it is listed: its flaggers' corroborations change
 *    (`crowd_flaggers`, `reporter_standing`); every number of a reporter whose weight changed is evaluated in
 *    pass 2 too;
 * 2. with standing, its entry (`crowd_numbers`); the /100 blocks of numbers listed before or after get their
 *    range entries again (`crowd_ranges`), and the numbers people vouch for near a range that changed get their
 *    `legit` entry again.
 * When the tables do not describe the last version (first run after the migration, a full publication, a
 * crash, a missing state file), the same code runs over every number: a rebuild.
 */

import { type ExactChange, mergeSorted, type RangeChange } from '../../shared/list/merge-sorted.ts';
import { patternValue } from '../../shared/list/pattern.ts';
import { payloadKey } from '../../shared/list/payload-table.ts';
import type { ListPayload } from '../../shared/list/types.ts';
import type { SortedList } from '../../shared/list/writer.ts';
import { isProtectedNumber } from '../../shared/rules/protected.ts';
import type { NumberAggregate, Vote } from '../crowd/aggregate.ts';
import { CROWD_MODEL, reporterWeight } from '../crowd/crowd-model.ts';
import { evidenceOf, legitEntry, publishedState, standingListing } from '../crowd/number-state.ts';
import { crowdRanges, type ListedEvidence } from '../crowd/ranges.ts';
import type { Queryable } from '../db/database.ts';
import { votesForNumbers, windowStart } from '../reports/report-store.ts';
import { readSortedState } from './sorted-state.ts';

/**
 * The numbers starting with `p.prefix`, one primary-key range scan per prefix ('+' and digits sort before ':'
 * in the "C" collation of the key). `OFFSET 0` keeps the planner from flattening the scan into one join over
 * the whole table (it chose a hash join on length: every listed number against every block).
 */
const PREFIX_SCAN = `SELECT * FROM crowd_numbers c WHERE c.number >= p.prefix AND c.number < p.prefix || ':'`;

/**
 * Numbers per statement: bounded memory per step (a chunk's votes, some 20,000 rows at 1M reports), and few
 * statements, each planned over every monthly partition. 4,000 read a 1M window's votes in about a third of the
 * time 1,000 took (docs/scaling.md step 7).
 */
const CHUNK = 4000;
/**
 * Where each statement holds the serving thread for its length (PGlite, statements from the publication worker:
 * `Queryable.interleaved`), ingest waits for each one: there chunks are smaller, so statements are short.
 */
const INTERLEAVED_CHUNK = 500;
const chunkOf = (tx: Queryable) => (tx.interleaved ? INTERLEAVED_CHUNK : CHUNK);

/**
 * crowd-model.ts `reporterWeight` in SQL, over `corroborated`, with the base weight, the established
 * reporter's and the corroborations that make one as parameters `$first`, `$first+1` and `$first+2`.
 */
function weightSql(corroborated: string, first: number): string {
  return `CASE WHEN ${corroborated} >= $${first + 2}::integer THEN $${first + 1}::float8 ELSE $${first}::float8 END`;
}

export interface IncrementalInput {
  dataDir: string;
  today: number;
  /** The last published version (0: none). */
  lastVersion: number;
  /** The version the result is built as. */
  version: number;
  /** Highest `number_activity.change_seq` whose report is committed (see `activityWatermark`). */
  watermark: number;
  /**
   * True when `tx` is not one transaction but statements committed one by one (PGlite: publisher.ts). The
   * tables are then marked as describing no version before the first change, so a publication that stops half
   * way leaves them to be rebuilt, as a rolled-back transaction would have left them.
   */
  outsideTransaction?: boolean;
}

export interface IncrementalResult {
  list: SortedList;
  demo: boolean;
  /** True when every number was evaluated (the tables did not describe the last version). */
  rebuilt: boolean;
  /** Exact entries that may have changed (all of them after a rebuild: then `list_entries` is rewritten). */
  exactChanges: ExactChange[];
  stats: {
    rebuilt: boolean;
    /**
     * Numbers evaluated in pass 1; reporters whose corroborations moved, and those of them whose weight moved;
     * numbers evaluated in pass 2, and how many of them had their votes read again there; /100 blocks whose
     * ranges were recomputed; entries changed.
     */
    numbers: number;
    standingChanged: number;
    reweighted: number;
    evaluated: number;
    reread: number;
    blocks: number;
    changed: number;
    /** Milliseconds spent in each step. */
    ms: { pass1: number; standing: number; pass2: number; ranges: number; entries: number; merge: number };
  };
}

const EMPTY: SortedList = {
  version: 0,
  exactValues: new Float64Array(0),
  exactKeys: new Float64Array(0),
  rangeDigits: new Uint8Array(0),
  rangeValues: new Float64Array(0),
  rangeKeys: new Float64Array(0),
};

/**
 * The highest change sequence number below which every report is committed. A writer takes its number inside
 * its insert statement; `LOCK … SHARE` waits for the inserts under way and holds new ones back for the instant
 * of one `max()`, so no report with a smaller number can commit later and be missed.
 */
export async function activityWatermark(tx: Queryable): Promise<number> {
  await tx.query('LOCK TABLE number_activity IN SHARE MODE');
  const rows = await tx.query<{ seq: number }>(
    'SELECT COALESCE(max(change_seq), 0)::float8 AS seq FROM number_activity',
  );
  return rows[0]?.seq ?? 0;
}

interface CrowdState {
  version: number;
  processed_seq: number;
  overrides_seen: Date | null;
}

/** Runs inside the publication's transaction; writes the crowd tables and returns the merged list. */
export async function publishIncremental(tx: Queryable, input: IncrementalInput): Promise<IncrementalResult> {
  const { today } = input;
  const [state] = await tx.query<CrowdState>(
    'SELECT version, processed_seq::float8 AS processed_seq, overrides_seen FROM crowd_state WHERE id = 1',
  );
  if (!state) throw new Error('crowd_state is missing: the database was not migrated');
  const previous =
    state.version > 0 && state.version === input.lastVersion ? readSortedState(input.dataDir, state.version) : null;
  const rebuilt = previous === null;
  if (input.outsideTransaction) await tx.query('UPDATE crowd_state SET version = 0 WHERE id = 1');
  // Every read here is by key (a chunk of numbers, of reporters): the default random_page_cost (4, spinning
  // disks) made PostgreSQL scan all of `reports` for 2,000 numbers at 1M rows. For this transaction only (for
  // the session outside one: PGlite's reads are all by key too).
  await tx.query(`SET ${input.outsideTransaction ? '' : 'LOCAL '}random_page_cost = 1.1`);
  const [overrides] = await tx.query<{ seen: Date | null }>('SELECT max(updated_at) AS seen FROM number_overrides');
  const overridesSeen = overrides?.seen ?? null;

  // The numbers to evaluate in pass 1: sorted, unique, E.164 only.
  let changed: string[] | null = null;
  let overrideChanged = new Set<string>();
  if (rebuilt) {
    await tx.query('DELETE FROM crowd_numbers');
    await tx.query('DELETE FROM crowd_flaggers');
    await tx.query('DELETE FROM crowd_ranges');
    await tx.query('DELETE FROM reporter_standing');
  } else {
    const rows = await tx.query<{ number: string; override: boolean }>(
      `SELECT number, bool_or(override) AS override FROM (
         SELECT number, false AS override FROM number_activity WHERE change_seq > $1 AND change_seq <= $2
         UNION ALL SELECT number, false FROM crowd_numbers WHERE review_day <= $3
         UNION ALL SELECT number COLLATE "C", true FROM number_overrides
           WHERE $4::timestamptz IS NULL OR updated_at > $4::timestamptz
       ) c WHERE number LIKE '+%' GROUP BY number ORDER BY number`,
      [state.processed_seq, input.watermark, today, state.overrides_seen],
    );
    changed = rows.map((r) => r.number);
    overrideChanged = new Set(rows.filter((r) => r.override).map((r) => r.number));
  }

  const ms = { pass1: 0, standing: 0, pass2: 0, ranges: 0, entries: 0, merge: 0 };
  let mark = performance.now();
  const lap = (step: keyof typeof ms) => {
    const now = performance.now();
    ms[step] = Math.round(now - mark);
    mark = now;
  };
  // Pass 1: listing at weight 1, and the flaggers it gives standing to. Outside a rebuild the votes come with
  // the standing stored by the last run, and each number's pass 2 row is computed from them at once: it holds
  // unless one of its reporters' weight moves in this run, so pass 2 reads votes again only for the numbers of
  // reporters whose weight moved (with standing in one step, few: crowd-model.ts). A row is some 200 bytes: the
  // numbers with news, not their votes, are held.
  // Per reporter, flagged numbers gained minus lost in this run: with the stored count, their corroborations now
  // (reporter_standing.corroborated is the count of their crowd_flaggers rows, kept so by every run).
  const corroborationDelta = new Map<string, number>();
  const addDelta = (reporter: string, d: number) =>
    corroborationDelta.set(reporter, (corroborationDelta.get(reporter) ?? 0) + d);
  const early = new Map<string, StoredNumber>();
  let numbers = 0;
  await forEachChunk(tx, changed, async (chunk) => {
    numbers += chunk.length;
    // One after the other: a transaction is one connection, and `pg` queues concurrent queries on it anyway.
    const votes = await votesForNumbers(tx, chunk, today, { standing: false });
    if (!rebuilt) await applyStanding(tx, votes);
    const isProtected = await protectedCheck(tx, chunk);
    const pairs: [string[], string[]] = [[], []];
    for (const number of chunk) {
      const numberVotes = votes.get(number) ?? [];
      const listing = standingListing(numberVotes, today, isProtected(number));
      if (!rebuilt) early.set(number, storedRow(number, numberVotes, today, isProtected(number), listing.unit));
      for (const reporter of listing.flaggers) {
        pairs[0].push(number);
        pairs[1].push(reporter);
      }
    }
    let added = pairs;
    if (!rebuilt) {
      // Only the rows that differ: most numbers with news keep their flaggers and gain one. Sets per number,
      // not one set of "number reporter" strings: at 1M reports that is some 1.6M strings less per run.
      // A join with the chunk bounded by its first and last number (sorted): one range of the key, where
      // `number = ANY($1)` cost some 30 ms of planning a statement (each element estimated).
      const old = await tx.query<{ number: string; reporter: string }>(
        `SELECT f.number, f.reporter FROM unnest($1::text[]) c(number) JOIN crowd_flaggers f ON f.number = c.number
         WHERE f.number >= $2 AND f.number <= $3`,
        [chunk, ...textBounds(chunk)],
      );
      const before = new Map<string, Set<string>>();
      for (const r of old) {
        let set = before.get(r.number);
        if (!set) {
          set = new Set();
          before.set(r.number, set);
        }
        set.add(r.reporter);
      }
      added = [[], []];
      for (let i = 0; i < pairs[0].length; i++) {
        const number = pairs[0][i] as string;
        const reporter = pairs[1][i] as string;
        // What is left in `before` afterwards was removed.
        if (before.get(number)?.delete(reporter)) continue;
        added[0].push(number);
        added[1].push(reporter);
        addDelta(reporter, 1);
      }
      const removed: { number: string; reporter: string }[] = [];
      for (const [number, set] of before) for (const reporter of set) removed.push({ number, reporter });
      if (removed.length > 0) {
        for (const r of removed) addDelta(r.reporter, -1);
        await tx.query(
          `DELETE FROM crowd_flaggers f USING unnest($1::text[], $2::text[]) AS d(number, reporter)
           WHERE f.number = d.number AND f.reporter = d.reporter`,
          [removed.map((r) => r.number), removed.map((r) => r.reporter)],
        );
      }
    }
    if (added[0].length > 0) {
      await tx.query(
        'INSERT INTO crowd_flaggers (number, reporter) SELECT * FROM unnest($1::text[], $2::text[])',
        added,
      );
    }
  });

  lap('pass1');
  // Standing: corroborations of the reporters touched (all of them after a rebuild).
  const { baseReporterWeight: base, maxReporterWeight: max, corroborationsForFullWeight: full } = CROWD_MODEL;
  let standingChanged = 0;
  let reweightedCount = 0;
  let pass2: string[] | null = null;
  if (rebuilt) {
    await tx.query(
      `INSERT INTO reporter_standing (reporter, corroborated, weight)
       SELECT reporter, count(*)::integer, ${weightSql('count(*)', 1)} FROM crowd_flaggers GROUP BY reporter`,
      [base, max, full],
    );
  } else {
    const reweighted: string[] = [];
    // Corroborations from the stored count and this run's gains and losses, not counted again in
    // crowd_flaggers: one probe per reporter into reporter_standing's key instead of a count over the reporter
    // index (at 1M reports, 141,925 reporters moved: 6.5 s of counting, docs/scaling.md step 7).
    const reporters = [...corroborationDelta].filter(([, d]) => d !== 0).map(([reporter]) => reporter);
    reporters.sort(compareText);
    for (let i = 0; i < reporters.length; i += chunkOf(tx)) {
      const chunk = reporters.slice(i, i + chunkOf(tx));
      // One statement: the stored counts, and the new ones written (a reporter with none left has no row).
      // Every part sees the table as it was before the statement, so `before` is the stored count.
      const moved = await tx.query<{ reporter: string; before: number; now: number }>(
        `WITH d AS (
           SELECT g.reporter, COALESCE(s.corroborated, 0) AS stored,
                  COALESCE(s.corroborated, 0) + g.delta AS counted
           FROM unnest($1::text[], $2::integer[]) g(reporter, delta)
           LEFT JOIN reporter_standing s ON s.reporter = g.reporter
         ), gone AS (
           DELETE FROM reporter_standing s USING d WHERE s.reporter = d.reporter AND d.counted <= 0
         ), kept AS (
           INSERT INTO reporter_standing AS s (reporter, corroborated, weight)
           SELECT reporter, counted, ${weightSql('counted', 3)}
           FROM d WHERE counted > 0
           ON CONFLICT (reporter) DO UPDATE
             SET corroborated = excluded.corroborated, weight = excluded.weight, updated_at = now()
         )
         SELECT reporter, stored AS before, counted AS now FROM d`,
        [chunk, chunk.map((r) => corroborationDelta.get(r) ?? 0), base, max, full],
      );
      standingChanged += moved.length;
      // Only a weight that moved changes what pass 2 derives: with standing in one step (crowd-model.ts), a
      // reporter gaining or losing a corroboration below or above it keeps their weight and their numbers.
      for (const r of moved) if (reporterWeight(r.now) !== reporterWeight(r.before)) reweighted.push(r.reporter);
    }
    reweightedCount = reweighted.length;
    // Every number of a reporter whose weight moved is evaluated again with the new weight.
    const extra = new Set<string>(changed);
    // One statement for all of them, not one per chunk: the planner sees how many there are and, for most of
    // the window's reporters, hashes them against one scan of the window instead of probing every monthly
    // partition's index once per reporter (1.7 s against 7.5 s for 140,000 reporters at 1M reports). A join with
    // the list, not `reporter = ANY($1)` (see votesForNumbers). The result is the pass 2 list, held anyway.
    // Where statements hold ingest (PGlite), in chunks all the same: that one statement took 3.3 s at 300k.
    const step = tx.interleaved ? INTERLEAVED_CHUNK : Math.max(1, reweighted.length);
    for (let i = 0; i < reweighted.length; i += step) {
      const rows = await tx.query<{ number: string }>(
        `SELECT DISTINCT r.number FROM unnest($1::text[]) t(reporter) JOIN reports r ON r.reporter = t.reporter
         WHERE r.reported_at > $2 AND r.number LIKE '+%'`,
        [reweighted.slice(i, i + step), windowStart(today)],
      );
      for (const row of rows) {
        extra.add(row.number);
        early.delete(row.number);
      }
    }
    pass2 = [...extra].sort(compareText);
  }

  lap('standing');
  // Pass 2: each number's entry with standing.
  const exactTouched = new Set<string>();
  const blocks = new Set<string>();
  let evaluated = 0;
  let reread = 0;
  await forEachChunk(tx, pass2, async (chunk) => {
    evaluated += chunk.length;
    const unread = chunk.filter((number) => !early.has(number));
    if (unread.length > 0) reread += unread.length;
    const votes = await votesForNumbers(tx, unread, today);
    const isProtected = await protectedCheck(tx, unread);
    const before = rebuilt ? new Map<string, StoredNumber>() : await storedNumbers(tx, chunk);
    const rows: StoredNumber[] = [];
    const vanished: string[] = [];
    for (const number of chunk) {
      const row = early.get(number) ?? storedRow(number, votes.get(number) ?? [], today, isProtected(number));
      const old = before.get(number);
      const keep = row.listed || row.trusted_votes !== null || row.review_day !== null;
      if (rebuilt) {
        if (keep) rows.push(row);
        continue;
      }
      // Only rows that differ are written: a number re-evaluated for its reporters' standing often keeps all.
      if (!keep) {
        if (old) vanished.push(number);
      } else if (!old || !sameRow(old, row)) {
        rows.push(row);
      }
      if (!sameEntry(old, row)) exactTouched.add(number);
      if (number.length >= 10 && (old?.listed || row.listed || overrideChanged.has(number))) {
        blocks.add(number.slice(0, -2));
      }
    }
    if (vanished.length > 0) await tx.query('DELETE FROM crowd_numbers WHERE number = ANY($1::text[])', [vanished]);
    await insertNumbers(tx, rows, !rebuilt);
  });

  lap('pass2');
  // Ranges, block by block.
  const rangeChanges: RangeChange[] = [];
  const movedPrefixes: string[] = [];
  const blockList = rebuilt ? await blocksWithRanges(tx) : [...blocks].sort(compareText);
  for (let i = 0; i < blockList.length; i += chunkOf(tx)) {
    const chunk = blockList.slice(i, i + chunkOf(tx));
    const after = await rangesOf(tx, chunk, today);
    const before = rebuilt ? [] : await storedRanges(tx, chunk);
    const key = (r: StoredRange) => `${r.pattern} ${payloadKey(rangePayload(r))}`;
    const beforeKeys = new Set(before.map(key));
    const afterPatterns = new Set(after.map((r) => r.pattern));
    for (const r of after) {
      if (beforeKeys.has(key(r))) continue;
      rangeChanges.push(rangeChange(r.pattern, payloadKey(rangePayload(r))));
      movedPrefixes.push(r.pattern.slice(0, -1));
    }
    for (const r of before) {
      if (afterPatterns.has(r.pattern)) continue;
      rangeChanges.push(rangeChange(r.pattern, Number.NaN));
      movedPrefixes.push(r.pattern.slice(0, -1));
    }
    if (!rebuilt) await tx.query('DELETE FROM crowd_ranges WHERE block = ANY($1::text[])', [chunk]);
    if (after.length > 0) {
      await tx.query(
        `INSERT INTO crowd_ranges (block, pattern, category, score, reports, last_report_day)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::integer[])`,
        [
          after.map((r) => r.block),
          after.map((r) => r.pattern),
          after.map((r) => r.category),
          after.map((r) => r.score),
          after.map((r) => r.reports),
          after.map((r) => r.last_report_day),
        ],
      );
    }
  }

  lap('ranges');
  // Exact entries: listed numbers, and `legit` entries of vouched-for numbers inside a range.
  const exactChanges: ExactChange[] = [];
  if (rebuilt) {
    let after = '';
    for (;;) {
      const rows = await tx.query<StoredNumber>(
        `SELECT * FROM crowd_numbers WHERE number > $1 AND (listed OR trusted_votes IS NOT NULL)
         ORDER BY number LIMIT ${chunkOf(tx)}`,
        [after],
      );
      if (rows.length === 0) break;
      after = (rows[rows.length - 1] as StoredNumber).number;
      await exactEntries(tx, rows, exactChanges);
    }
  } else {
    for (let i = 0; i < movedPrefixes.length; i += chunkOf(tx)) {
      const rows = await tx.query<{ number: string }>(
        `SELECT c.number FROM unnest($1::text[]) p(prefix)
         CROSS JOIN LATERAL (${PREFIX_SCAN} AND c.trusted_votes IS NOT NULL OFFSET 0) c
         WHERE length(c.number) <= length(p.prefix) + 2`,
        [movedPrefixes.slice(i, i + chunkOf(tx))],
      );
      for (const row of rows) exactTouched.add(row.number);
    }
    const touched = [...exactTouched].sort(compareText);
    for (let i = 0; i < touched.length; i += chunkOf(tx)) {
      const chunk = touched.slice(i, i + chunkOf(tx));
      const stored = await storedNumbers(tx, chunk);
      for (const number of chunk)
        if (!stored.has(number)) exactChanges.push({ value: patternValue(number), key: Number.NaN });
      await exactEntries(tx, [...stored.values()], exactChanges);
    }
  }

  lap('entries');
  const merged = mergeSorted(previous ?? EMPTY, exactChanges, rangeChanges, input.version);
  const [demo] = await tx.query<{ demo: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM crowd_numbers WHERE listed AND demo) AS demo',
  );
  lap('merge');
  await tx.query('UPDATE crowd_state SET processed_seq = $1, overrides_seen = $2 WHERE id = 1', [
    input.watermark,
    overridesSeen,
  ]);
  return {
    list: merged.list,
    demo: demo?.demo ?? false,
    rebuilt,
    exactChanges,
    stats: {
      rebuilt,
      numbers,
      standingChanged,
      reweighted: reweightedCount,
      evaluated,
      reread,
      blocks: blockList.length,
      changed: merged.changed,
      ms,
    },
  };
}

interface StoredNumber {
  number: string;
  listed: boolean;
  category: ListPayload['category'] | null;
  score: number | null;
  reports: number | null;
  last_report_day: number | null;
  trusted_votes: number | null;
  demo: boolean;
  review_day: number | null;
}

interface StoredRange {
  block: string;
  pattern: string;
  category: ListPayload['category'];
  score: number;
  reports: number;
  last_report_day: number;
}

/**
 * Gives each vote its reporter's stored weight. Only established reporters weigh other than 1 (crowd-model.ts:
 * one step), and a partial index holds just them (migration 7, whose predicate `weight <> 1` this query must
 * repeat to use it), so the chunk's reporters are matched against those few rows; the join in
 * votesForNumbers, one probe per vote, made pass 1 2.8 times as slow at 1M reports (docs/scaling.md step 7).
 */
async function applyStanding(tx: Queryable, votes: Map<string, Vote[]>): Promise<void> {
  const reporters = new Set<string>();
  for (const list of votes.values()) for (const vote of list) reporters.add(vote.reporter);
  if (reporters.size === 0) return;
  const rows = await tx.query<{ reporter: string; weight: number }>(
    `SELECT s.reporter, s.weight FROM unnest($1::text[]) t(reporter)
     JOIN reporter_standing s ON s.reporter = t.reporter WHERE s.weight <> 1`,
    [[...reporters]],
  );
  if (rows.length === 0) return;
  const weights = new Map(rows.map((r) => [r.reporter, r.weight]));
  for (const list of votes.values()) {
    for (let i = 0; i < list.length; i++) {
      const vote = list[i] as Vote;
      const weight = weights.get(vote.reporter);
      if (weight !== undefined) list[i] = { ...vote, weight };
    }
  }
}

/** What pass 2 stores for a number (crowd/number-state.ts `publishedState`), from its votes with standing. */
function storedRow(
  number: string,
  votes: readonly Vote[],
  today: number,
  isProtected: boolean,
  unit?: NumberAggregate,
): StoredNumber {
  const state = publishedState(votes, today, isProtected, unit);
  return {
    number,
    listed: state.payload !== null,
    category: state.payload?.category ?? null,
    score: state.payload?.score ?? null,
    reports: state.payload?.reports ?? null,
    last_report_day: state.payload?.lastReportDay ?? null,
    trusted_votes: state.trustedVotes,
    demo: state.payload !== null && state.aggregate.demo,
    review_day: state.reviewDay,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The least and greatest of `values` in code unit order, which is the "C" collation's order for the ASCII keys
 * of the crowd tables (`number` is collated "C" there): bounds of a range scan whatever order the list came in.
 */
function textBounds(values: readonly string[]): [string, string] {
  let low = values[0] ?? '';
  let high = low;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return [low, high];
}

/** Runs `fn` over `numbers` in chunks, or over every number ever reported when `numbers` is null (a rebuild). */
async function forEachChunk(
  tx: Queryable,
  numbers: readonly string[] | null,
  fn: (chunk: string[]) => Promise<void>,
): Promise<void> {
  if (numbers) {
    for (let i = 0; i < numbers.length; i += chunkOf(tx)) await fn(numbers.slice(i, i + chunkOf(tx)));
    return;
  }
  // Keyset pages over the primary key ('+' sorts before ',', so the range holds every E.164 number).
  let after = '+';
  for (;;) {
    const rows = await tx.query<{ number: string }>(
      `SELECT number FROM number_activity WHERE number > $1 AND number < ',' ORDER BY number LIMIT ${chunkOf(tx)}`,
      [after],
    );
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as { number: string }).number;
    await fn(rows.map((r) => r.number));
  }
}

/** Protected by the core's rule or by an admin (one query for the chunk). */
async function protectedCheck(tx: Queryable, numbers: readonly string[]): Promise<(number: string) => boolean> {
  if (numbers.length === 0) return isProtectedNumber;
  const rows = await tx.query<{ number: string }>(
    'SELECT number FROM number_overrides WHERE protected AND number = ANY($1::text[])',
    [numbers],
  );
  const admin = new Set(rows.map((r) => r.number));
  return (number) => isProtectedNumber(number) || admin.has(number);
}

/** The stored rows of `numbers`: a join bounded by their least and greatest (see the flaggers' read). */
async function storedNumbers(tx: Queryable, numbers: readonly string[]): Promise<Map<string, StoredNumber>> {
  if (numbers.length === 0) return new Map();
  const rows = await tx.query<StoredNumber>(
    `SELECT c.* FROM unnest($1::text[]) n(number) JOIN crowd_numbers c ON c.number = n.number
     WHERE c.number >= $2 AND c.number <= $3`,
    [numbers, ...textBounds(numbers)],
  );
  return new Map(rows.map((r) => [r.number, r]));
}

/**
 * Writes rows of `crowd_numbers`; with `replace`, a stored row of the same number is updated in place (one
 * statement, where a delete and an insert left a dead row and new index entries for each).
 */
async function insertNumbers(tx: Queryable, rows: readonly StoredNumber[], replace: boolean): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO crowd_numbers (number, listed, category, score, reports, last_report_day, trusted_votes, demo,
                                review_day)
     SELECT * FROM unnest($1::text[], $2::boolean[], $3::text[], $4::integer[], $5::integer[], $6::integer[],
                          $7::integer[], $8::boolean[], $9::integer[])
     ${
       replace
         ? `ON CONFLICT (number) DO UPDATE SET listed = excluded.listed, category = excluded.category,
              score = excluded.score, reports = excluded.reports, last_report_day = excluded.last_report_day,
              trusted_votes = excluded.trusted_votes, demo = excluded.demo, review_day = excluded.review_day`
         : ''
     }`,
    [
      rows.map((r) => r.number),
      rows.map((r) => r.listed),
      rows.map((r) => r.category),
      rows.map((r) => r.score),
      rows.map((r) => r.reports),
      rows.map((r) => r.last_report_day),
      rows.map((r) => r.trusted_votes),
      rows.map((r) => r.demo),
      rows.map((r) => r.review_day),
    ],
  );
}

/** Whether what a number contributes to the list (its entry, its `legit` standing) is unchanged. */
function sameEntry(old: StoredNumber | undefined, row: StoredNumber): boolean {
  if (!old) return !row.listed && row.trusted_votes === null;
  return (
    old.listed === row.listed &&
    old.category === row.category &&
    old.score === row.score &&
    old.reports === row.reports &&
    old.last_report_day === row.last_report_day &&
    old.trusted_votes === row.trusted_votes
  );
}

function sameRow(old: StoredNumber, row: StoredNumber): boolean {
  return sameEntry(old, row) && old.demo === row.demo && old.review_day === row.review_day;
}

function storedPayload(row: StoredNumber): ListPayload {
  return {
    category: row.category as ListPayload['category'],
    score: row.score ?? 0,
    reports: row.reports ?? 0,
    lastReportDay: row.last_report_day ?? 0,
  };
}

/** Each row's exact entry (listed, `legit` inside a range, or none) as a change. */
async function exactEntries(tx: Queryable, rows: readonly StoredNumber[], out: ExactChange[]): Promise<void> {
  const vouched = rows.filter((r) => !r.listed && r.trusted_votes !== null);
  const candidates = vouched.flatMap((r) => coveringPatterns(r.number));
  const ranged = new Set<string>();
  if (candidates.length > 0) {
    const found = await tx.query<{ pattern: string }>(
      'SELECT DISTINCT pattern FROM crowd_ranges WHERE pattern = ANY($1::text[])',
      [candidates],
    );
    for (const row of found) ranged.add(row.pattern);
  }
  for (const row of rows) {
    const value = patternValue(row.number);
    if (row.listed) out.push({ value, key: payloadKey(storedPayload(row)) });
    else if (row.trusted_votes !== null && coveringPatterns(row.number).some((p) => ranged.has(p))) {
      out.push({ value, key: payloadKey(legitEntry(row.number, row.trusted_votes).payload) });
    } else out.push({ value, key: Number.NaN });
  }
}

/** The range patterns a `legit` entry overrides (crowd/ranges.ts: the number itself, less one or two digits). */
function coveringPatterns(number: string): string[] {
  return [number, number.slice(0, -1), number.slice(0, -2)].filter((p) => p.length > 1).map((p) => `${p}*`);
}

/** /100 blocks with enough listed numbers for a range (a rebuild). */
async function blocksWithRanges(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ block: string }>(
    `SELECT left(number, -2) AS block FROM crowd_numbers WHERE listed AND length(number) >= 10
     GROUP BY 1 HAVING count(*) >= $1 ORDER BY 1`,
    [RANGE_MIN_NUMBERS],
  );
  return rows.map((r) => r.block);
}

/** Fewest listed numbers a block needs for any range (a /10 block: crowd/ranges.ts RANGE_RULES.ten). */
const RANGE_MIN_NUMBERS = 4;

/** The range entries of `blocks` (/100 prefixes) now, from the listed numbers in `crowd_numbers`. */
async function rangesOf(tx: Queryable, blocks: readonly string[], today: number): Promise<StoredRange[]> {
  const rows = await tx.query<StoredNumber & { block: string }>(
    `SELECT c.*, p.prefix AS block FROM unnest($1::text[]) p(prefix)
     CROSS JOIN LATERAL (${PREFIX_SCAN} AND c.listed OFFSET 0) c
     WHERE length(c.number) = length(p.prefix) + 2`,
    [blocks],
  );
  const members = new Map<string, StoredNumber[]>();
  for (const row of rows) {
    const list = members.get(row.block) ?? [];
    list.push(row);
    members.set(row.block, list);
  }
  const busy = [...members].filter(([, list]) => list.length >= RANGE_MIN_NUMBERS);
  if (busy.length === 0) return [];
  const numbers = busy.flatMap(([, list]) => list.map((r) => r.number));
  const votes = await votesForNumbers(tx, numbers, today, { standing: false });
  const blockNumbers = busy.flatMap(([block]) =>
    Array.from({ length: 100 }, (_, i) => block + String(i).padStart(2, '0')),
  );
  const isProtected = await protectedCheck(tx, blockNumbers);
  const out: StoredRange[] = [];
  for (const [block, list] of busy) {
    const listed: ListedEvidence[] = list.map((row) =>
      evidenceOf(row.number, votes.get(row.number) ?? ([] as Vote[]), today, storedPayload(row)),
    );
    for (const entry of crowdRanges({ listed, isProtected, trusted: new Map() })) {
      out.push({
        block,
        pattern: entry.pattern,
        category: entry.payload.category,
        score: entry.payload.score,
        reports: entry.payload.reports,
        last_report_day: entry.payload.lastReportDay,
      });
    }
  }
  return out;
}

async function storedRanges(tx: Queryable, blocks: readonly string[]): Promise<StoredRange[]> {
  return tx.query<StoredRange>('SELECT * FROM crowd_ranges WHERE block = ANY($1::text[])', [blocks]);
}

function rangePayload(r: StoredRange): ListPayload {
  return { category: r.category, score: r.score, reports: r.reports, lastReportDay: r.last_report_day };
}

function rangeChange(pattern: string, key: number): RangeChange {
  return { digits: pattern.length - 2, value: patternValue(pattern), key };
}
