import type { Category } from '../../shared/verdict.ts';
import type { Vote } from '../crowd/aggregate.ts';
import { CROWD_MODEL, DAY_MS } from '../crowd/crowd-model.ts';
import type { Queryable } from '../db/database.ts';
import type { ReportRow } from './report-row.ts';

/** Rows per INSERT: one statement over `unnest` of arrays (toolchain notes: ~100× faster than row by row). */
const INSERT_CHUNK = 2000;

// `reports` is partitioned by month and cannot hold a unique id (server/db/report-partitions.ts): the id is claimed
// in `report_ids` first, and only reports whose claim is new are stored. A repeated id inside one call keeps its
// first row. Rows are stored in the order given (WITH ORDINALITY).
// The per-number activity (migration 3) is kept in the same statement, so it can never miss a stored report:
// publication reads the numbers whose change_seq is newer than its last run (server/publish/incremental.ts).
// Numbers are upserted in order, so two batches touching the same numbers lock them in the same order.
const INSERT_SQL = `
  WITH given AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::timestamptz[], $9::timestamptz[], $10::text[], $11::boolean[], $12::text[])
      WITH ORDINALITY AS g(id, number, reporter, category, comment, company, region, called_at, reported_at, source,
                           demo, addr_hash, n)
  ), firsts AS (
    SELECT DISTINCT ON (id) * FROM given ORDER BY id, n
  ), claimed AS (
    INSERT INTO report_ids (id, reported_at)
    SELECT id, reported_at FROM firsts ORDER BY n
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  ), inserted AS (
    INSERT INTO reports (id, number, reporter, category, comment, company, region, called_at, reported_at, source,
                         demo, addr_hash)
    SELECT f.id, f.number, f.reporter, f.category, f.comment, f.company, f.region, f.called_at, f.reported_at,
           f.source, f.demo, f.addr_hash
    FROM firsts f JOIN claimed c ON c.id = f.id
    ORDER BY f.n
    RETURNING id, number, reported_at
  ), activity AS (
    INSERT INTO number_activity AS a (number, reports, last_reported_at, change_seq)
    SELECT number, count(*), max(reported_at), nextval('number_activity_seq')
    FROM (SELECT number, reported_at FROM inserted ORDER BY number) ordered
    GROUP BY number
    ORDER BY number
    ON CONFLICT (number) DO UPDATE SET reports = a.reports + excluded.reports,
      last_reported_at = greatest(a.last_reported_at, excluded.last_reported_at),
      change_seq = excluded.change_seq
  )
  SELECT id FROM inserted`;

/** Inserts reports; an id already stored is skipped. Returns the ids that are new. */
export async function insertReports(db: Queryable, rows: readonly ReportRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const result = await db.query<{ id: string }>(INSERT_SQL, [
      chunk.map((r) => r.id),
      chunk.map((r) => r.number),
      chunk.map((r) => r.reporter),
      chunk.map((r) => r.category),
      chunk.map((r) => r.comment),
      chunk.map((r) => r.company),
      chunk.map((r) => r.region),
      chunk.map((r) => r.calledAt),
      chunk.map((r) => r.reportedAt),
      chunk.map((r) => r.source),
      chunk.map((r) => r.demo),
      chunk.map((r) => r.addrHash),
    ]);
    for (const row of result) inserted.add(row.id);
  }
  return inserted;
}

/** Whether a report with this id (lower-case UUID) is stored. */
export async function reportExists(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query<{ one: number }>('SELECT 1 AS one FROM report_ids WHERE id = $1', [id]);
  return rows.length > 0;
}

interface VoteRow {
  number: string;
  reporter: string;
  category: Category;
  day: number;
  addr_hash: string | null;
  demo: boolean;
  weight: number;
}

const STANDING_JOIN = 'LEFT JOIN reporter_standing s ON s.reporter = r.reporter';
const STANDING_WEIGHT = 'COALESCE(s.weight, 1)::float8';
// Reports inside the window, not older than an admin delisting, each with its reporter's standing.
const VOTES_SELECT = `
  SELECT r.number, r.reporter, r.category, floor(extract(epoch FROM r.reported_at) / 86400)::integer AS day,
         r.addr_hash, r.demo, COALESCE(s.weight, 1)::float8 AS weight
  FROM reports r
  LEFT JOIN reporter_standing s ON s.reporter = r.reporter
  LEFT JOIN number_overrides o ON o.number = r.number
  WHERE r.reported_at > $1 AND (o.delisted_at IS NULL OR r.received_at > o.delisted_at)`;

export function windowStart(today: number): string {
  return new Date((today - CROWD_MODEL.windowDays) * DAY_MS).toISOString();
}

function toVote(row: VoteRow): Vote {
  return {
    reporter: row.reporter,
    category: row.category,
    day: row.day,
    addrHash: row.addr_hash,
    weight: row.weight,
    demo: row.demo,
  };
}

// aggregateVotes takes a reporter's last vote of a day as their vote: rows must come in arrival order, or a
// reporter who changed their mind to `legit` the same day could count as spam (it did, on PostgreSQL, whose
// scans return rows in heap or index order).
// The id breaks ties between reports of one reporter with the same times (an import stores a batch with one
// received_at), so every read of a number's votes sees them in one order.
const VOTES_ORDER = 'ORDER BY r.reported_at, r.received_at, r.id';

export async function votesForNumber(db: Queryable, number: string, today: number): Promise<Vote[]> {
  const rows = await db.query<VoteRow>(`${VOTES_SELECT} AND r.number = $2 ${VOTES_ORDER}`, [
    windowStart(today),
    number,
  ]);
  return rows.map(toVote);
}

/** Every vote inside the window, grouped by number (publication). */
export async function votesByNumber(db: Queryable, today: number): Promise<Map<string, Vote[]>> {
  const rows = await db.query<VoteRow>(`${VOTES_SELECT} ${VOTES_ORDER}`, [windowStart(today)]);
  const byNumber = new Map<string, Vote[]>();
  for (const row of rows) {
    let list = byNumber.get(row.number);
    if (!list) {
      list = [];
      byNumber.set(row.number, list);
    }
    list.push(toVote(row));
  }
  return byNumber;
}

/**
 * The votes of `numbers` (one chunk of a publication), grouped by number, each in arrival order, with each
 * reporter's stored standing.
 */
export async function votesForNumbers(
  db: Queryable,
  numbers: readonly string[],
  today: number,
  options: { standing?: boolean } = {},
): Promise<Map<string, Vote[]>> {
  const byNumber = new Map<string, Vote[]>();
  const unique = [...new Set(numbers)];
  const standing = options.standing !== false;
  if (!db.interleaved) {
    await readVotes(db, unique, today, standing, byNumber);
    return byNumber;
  }
  // Where a statement holds ingest for its length (PGlite, from the publication worker), a chunk's votes are
  // read in pieces: 4,000 numbers' votes took 0.8-2.7 s in one statement at 300k reports on PGlite, and every
  // report sent meanwhile waited for it. A piece is bounded in numbers (each probes every monthly partition)
  // and in votes (100 numbers holding thousands of votes took up to 1.5 s, at about 0.1-0.5 ms a vote): the per-number report counts kept
  // by the writer (`number_activity`, an upper bound of the votes in the window) size the pieces, and a number
  // with more votes than a piece holds is read alone, a span of time per statement. Numbers come sorted, so
  // each piece is a range of its own and `byNumber` keeps their order.
  const counts = await reportCounts(db, unique);
  let piece: string[] = [];
  let rows = 0;
  const flush = async () => {
    await readVotes(db, piece, today, standing, byNumber);
    piece = [];
    rows = 0;
  };
  for (const number of unique) {
    const count = counts.get(number) ?? 0;
    if (count > INTERLEAVED_ROWS) {
      await flush();
      await readVotesSliced(db, number, count, today, standing, byNumber);
      continue;
    }
    if (piece.length >= INTERLEAVED_PIECE || rows + count > INTERLEAVED_ROWS) await flush();
    piece.push(number);
    rows += count;
  }
  await flush();
  return byNumber;
}

/** Numbers whose votes one statement reads when statements hold ingest (about 0.2-0.7 ms a number on PGlite). */
const INTERLEAVED_PIECE = 100;
/**
 * Votes one statement reads at most when statements hold ingest. A statement timer over an incremental
 * publication at 200k reports + 2,000 (PGlite, load 10): with pieces of 100 numbers alone the longest vote read
 * was 1,538 ms (3,773 votes), with 400 votes a piece 258 ms, the publication as long (8.4-9.0 s).
 */
const INTERLEAVED_ROWS = 400;

async function reportCounts(db: Queryable, numbers: readonly string[]): Promise<Map<string, number>> {
  if (numbers.length === 0) return new Map();
  // `number_activity` is not partitioned: `= ANY` plans quickly here (one primary-key probe a number).
  const rows = await db.query<{ number: string; reports: number }>(
    'SELECT number, reports FROM number_activity WHERE number = ANY($1::text[])',
    [numbers],
  );
  return new Map(rows.map((r) => [r.number, r.reports]));
}

/**
 * One number's votes in statements of about `INTERLEAVED_ROWS` votes each: the window is cut into that many
 * equal spans of `reported_at`, read one after the other. The order starts with `reported_at`, so the spans
 * read in turn give `VOTES_ORDER`, and every vote falls in exactly one span. (Paging with `ORDER BY … LIMIT`
 * sorted all of the number's votes in the first page: the planner, expecting a few votes a number, sorts the
 * monthly partitions' rows instead of reading them in order.) Votes bunched in one span still come in one
 * statement.
 */
async function readVotesSliced(
  db: Queryable,
  number: string,
  count: number,
  today: number,
  standing: boolean,
  byNumber: Map<string, Vote[]>,
): Promise<void> {
  const select = standing
    ? VOTES_SELECT
    : VOTES_SELECT.replace(STANDING_JOIN, '').replace(STANDING_WEIGHT, '1::float8');
  const from = (today - CROWD_MODEL.windowDays) * DAY_MS;
  const to = (today + 1) * DAY_MS;
  const spans = Math.ceil(count / INTERLEAVED_ROWS);
  const list: Vote[] = [];
  for (let i = 0; i < spans; i++) {
    const low = new Date(from + Math.floor(((to - from) * i) / spans)).toISOString();
    // The last span is open above: a report dated after today (a clock ahead) is a vote too.
    const high = i === spans - 1 ? null : new Date(from + Math.floor(((to - from) * (i + 1)) / spans)).toISOString();
    const rows = await db.query<VoteRow>(
      `${select} AND r.number = $2 AND r.reported_at > $3 ${high ? 'AND r.reported_at <= $4' : ''} ${VOTES_ORDER}`,
      high ? [windowStart(today), number, low, high] : [windowStart(today), number, low],
    );
    for (const row of rows) list.push(toVote(row));
  }
  if (list.length > 0) byNumber.set(number, list);
}

async function readVotes(
  db: Queryable,
  unique: readonly string[],
  today: number,
  standing: boolean,
  byNumber: Map<string, Vote[]>,
): Promise<void> {
  if (unique.length === 0) return;
  // Without standing (pass 1 weighs everyone 1) the join with reporter_standing, one probe per vote, is saved.
  const select = standing
    ? VOTES_SELECT
    : VOTES_SELECT.replace(STANDING_JOIN, '').replace(STANDING_WEIGHT, '1::float8');
  // A join with the list, not `number = ANY($2)`: with an array the planner estimates each element against
  // each monthly partition (over 100 ms of planning for 1,000 numbers) and then tests every row of the
  // partitions it scans against the array. The bounds let each partition's (number, reported_at) index read
  // one range: a chunk of neighbouring numbers (a publication's sorted chunks) reads little else.
  const bounds = numberBounds(unique);
  const rows = await db.query<VoteRow>(
    `${select.replace('FROM reports r', 'FROM unnest($2::text[]) n(number) JOIN reports r ON r.number = n.number')}
     ${bounds ? 'AND r.number >= $3 AND r.number <= $4' : ''}
     ORDER BY r.number, r.reported_at, r.received_at, r.id`,
    bounds ? [windowStart(today), unique, bounds[0], bounds[1]] : [windowStart(today), unique],
  );
  for (const row of rows) {
    let list = byNumber.get(row.number);
    if (!list) {
      list = [];
      byNumber.set(row.number, list);
    }
    list.push(toVote(row));
  }
}

/**
 * The least and greatest of `numbers` when all are E.164 ('+' and digits), else null. For such strings every
 * collation PostgreSQL may use for `reports.number` orders as JavaScript does, so the bounds are safe to
 * compare with the column.
 */
function numberBounds(numbers: readonly string[]): [string, string] | null {
  let low: string | null = null;
  let high: string | null = null;
  for (const number of numbers) {
    if (!E164.test(number)) return null;
    if (low === null || number < low) low = number;
    if (high === null || number > high) high = number;
  }
  return low === null || high === null ? null : [low, high];
}

const E164 = /^\+[0-9]+$/;

export interface StoredComment {
  text: string;
  category: Category;
  company: string | null;
  at: string;
}

/** Latest visible comment of each reporter on a number, newest first. */
export async function commentsForNumber(db: Queryable, number: string, today: number): Promise<StoredComment[]> {
  const rows = await db.query<{ comment: string; category: Category; company: string | null; reported_at: Date }>(
    `SELECT comment, category, company, reported_at FROM (
       SELECT DISTINCT ON (r.reporter) r.comment, r.category, r.company, r.reported_at
       FROM reports r
       LEFT JOIN number_overrides o ON o.number = r.number
       WHERE r.number = $1 AND r.reported_at > $2 AND r.comment IS NOT NULL AND r.comment <> ''
         AND NOT r.comment_hidden AND (o.delisted_at IS NULL OR r.received_at > o.delisted_at)
       ORDER BY r.reporter, r.reported_at DESC
     ) latest
     ORDER BY reported_at DESC
     LIMIT $3`,
    [number, windowStart(today), CROWD_MODEL.maxComments],
  );
  return rows.map((r) => ({
    text: r.comment,
    category: r.category,
    company: r.company,
    at: r.reported_at.toISOString(),
  }));
}

/** Numbers an admin protected (never listed). */
export async function protectedOverrides(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ number: string }>('SELECT number FROM number_overrides WHERE protected');
  return new Set(rows.map((r) => r.number));
}

export async function isAdminProtected(db: Queryable, number: string): Promise<boolean> {
  const rows = await db.query<{ protected: boolean }>('SELECT protected FROM number_overrides WHERE number = $1', [
    number,
  ]);
  return rows[0]?.protected === true;
}

export async function countReports(db: Queryable): Promise<{ total: number; demo: number }> {
  const rows = await db.query<{ total: number; demo: number }>(
    'SELECT count(*)::integer AS total, count(*) FILTER (WHERE demo)::integer AS demo FROM reports',
  );
  return rows[0] ?? { total: 0, demo: 0 };
}
