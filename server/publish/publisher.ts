import { createHash } from 'node:crypto';
import type { Manifest } from '../../shared/api/schemas.ts';
import type { ExactChange } from '../../shared/list/merge-sorted.ts';
import { exactPattern } from '../../shared/list/pattern.ts';
import { keyCategory, keyToPayload } from '../../shared/list/payload-table.ts';
import type { SortedList } from '../../shared/list/writer.ts';
import { CATEGORIES } from '../../shared/verdict.ts';
import { dayOf } from '../crowd/crowd-model.ts';
import type { Database, Queryable } from '../db/database.ts';
import { vacuumReports } from '../db/report-partitions.ts';
import { activityWatermark, type IncrementalResult, publishIncremental } from './incremental.ts';
import { computeList, fingerprintOf, saveReporterStanding } from './list-entries.ts';
import { removeStaleTemporaries, repairManifestFile } from './manifest-file.ts';
import { manifestJson, needsResigning, resignManifest, writePublication } from './publication-files.ts';
import type { SigningKey } from './signing-key.ts';
import { pruneSortedState, writeSortedState } from './sorted-state.ts';

export interface PublisherOptions {
  dataDir: string;
  /** Deltas are written from each of this many previous versions; clients further behind take the snapshot. */
  deltaVersions?: number;
  now?: () => number;
}

export interface PublishResult {
  manifest: Manifest;
  /** False when the aggregate had not changed since the last version (the current manifest is returned). */
  changed: boolean;
}

/** Deltas from the last week of daily versions; clients further behind take the snapshot (issue 12). */
export const DEFAULT_DELTA_VERSIONS = 7;
/**
 * PostgreSQL advisory lock key, paired with the schema's hash: one publication at a time across every process of
 * one deployment (schema); deployments sharing a server do not wait for each other.
 */
export const PUBLISH_LOCK_KEY = 7261002;
const MANIFEST_CACHE_MS = 5000;

/**
 * Publication: computes the list, and when it differs from the last version writes a new snapshot, deltas and
 * a signed manifest, then records the version. Runs in `vigie serve` (through PublicationRunner, which owns the
 * timer), at once through `POST /api/v1/admin/publish`, and from `vigie publish`. Calls are serialised.
 */
export class Publisher {
  private cached: Manifest | null = null;
  private cachedAt = 0;
  private running: Promise<PublishResult> | null = null;
  /** The inputs of the last computed list (see inputsToken). */
  private lastInputs: string | null = null;
  private readonly deltaVersions: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly key: SigningKey,
    private readonly options: PublisherOptions,
  ) {
    this.deltaVersions = options.deltaVersions ?? DEFAULT_DELTA_VERSIONS;
    this.now = options.now ?? Date.now;
  }

  /** The manifest of the last version, or null before the first publication. */
  async current(): Promise<Manifest | null> {
    // Re-read now and then: on PostgreSQL another process (`vigie publish`, another instance) may publish.
    if (this.cached && Date.now() - this.cachedAt < MANIFEST_CACHE_MS) return this.cached;
    const rows = await this.db.query<{ manifest: string }>(
      'SELECT manifest FROM list_versions ORDER BY version DESC LIMIT 1',
    );
    this.cached = rows[0] ? (JSON.parse(rows[0].manifest) as Manifest) : null;
    this.cachedAt = Date.now();
    return this.cached;
  }

  /**
   * Publishes the changes since the last version (incremental.ts). `full` reads every vote in the window
   * instead (the baseline, and `vigie publish --full` to repair).
   */
  publish(options: { full?: boolean } = {}): Promise<PublishResult> {
    // Serialised: a timed run and an admin request never interleave; the second waits and then runs.
    const previous = this.running ?? Promise.resolve(null);
    const run = previous.catch(() => null).then(() => this.publishNow(options.full === true));
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  /**
   * Resolves once no publication is running (the worker waits for it before closing its pool). The timer is
   * not here: PublicationRunner owns it and calls `publish()`.
   */
  async idle(): Promise<void> {
    await this.running?.catch(() => {});
  }

  /**
   * Brings the files in the data folder in line with the database: removes a dead writer's temporaries and
   * rewrites `manifest.json` when it is missing or not the current version's (a crash between the database
   * commit and the rename). Runs at start and before every publication. True when the manifest was rewritten.
   */
  async repairFiles(): Promise<boolean> {
    removeStaleTemporaries(this.options.dataDir);
    this.cachedAt = 0;
    const manifest = await this.current();
    return manifest ? repairManifestFile(this.options.dataDir, manifestJson(manifest)) : false;
  }

  private publishNow(full: boolean): Promise<PublishResult> {
    // PGlite is one process by construction (server/db/data-lock.ts). On PostgreSQL several processes may
    // publish (timers, `vigie publish` from cron): a transaction-scoped advisory lock, held on a connection
    // of its own while the work runs on the pool, makes them take turns. The second one then finds the
    // first one's version and, with nothing new since, makes none.
    if (this.db.kind !== 'postgres') return this.publishLocked(full);
    return this.db.transaction(async (lock) => {
      await lock.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [PUBLISH_LOCK_KEY]);
      return this.publishLocked(full);
    });
  }

  private async publishLocked(full: boolean): Promise<PublishResult> {
    const now = this.now();
    const today = dayOf(now);
    await this.repairFiles();
    // Nothing received, no override changed, same day: the list cannot differ, skip even the change scan.
    const inputs = await this.inputsToken(today);
    if (inputs === this.lastInputs && !full) {
      const manifest = await this.current();
      if (manifest) return { manifest: await this.resignIfOld(manifest, now), changed: false };
    }
    const versions = await this.db.query<VersionRow>(
      'SELECT version, snapshot_name, fingerprint, demo, manifest FROM list_versions ORDER BY version DESC LIMIT $1',
      [this.deltaVersions],
    );
    const last = versions[0];
    const version = (last?.version ?? 0) + 1;
    const outcome = full
      ? await this.publishFull(today, version, versions)
      : await this.publishChanges(today, version, versions);
    if (!outcome) {
      this.lastInputs = inputs;
      const manifest = last ? (JSON.parse(last.manifest) as Manifest) : null;
      if (manifest) return { manifest: await this.resignIfOld(manifest, now), changed: false };
      throw new Error('publication: nothing published and no earlier version');
    }
    const { manifest } = outcome;
    pruneSortedState(this.options.dataDir, manifest.version);
    // A copy beside the files, for serving the list from a static host or CDN (docs/scaling.md).
    repairManifestFile(this.options.dataDir, manifestJson(manifest));
    this.cached = manifest;
    this.cachedAt = Date.now();
    this.lastInputs = inputs;
    return { manifest, changed: true };
  }

  /** What the last publication did (incremental.ts figures), for the benchmarks and logs. */
  lastStats: IncrementalResult['stats'] | null = null;

  /**
   * The incremental publication (incremental.ts): the numbers changed since the last version, merged into its
   * columns, in one transaction with the crowd tables, so a crash leaves them describing the last version.
   * Null when the list is the same as the last version's (no news, no version).
   */
  private async publishChanges(today: number, version: number, versions: VersionRow[]) {
    const last = versions[0];
    // PGlite is one session: while a transaction is open every other statement waits for its end, so a
    // publication in one transaction held ingest for its whole length (12 s at 300k reports). There the crowd
    // tables are written statement by statement instead (incremental.ts `outsideTransaction` marks them as
    // describing no version meanwhile, so a publication that stops half way is followed by a rebuild), and only
    // the version's own rows are written in one short transaction at the end.
    const held = this.db.kind === 'postgres';
    // The vote reads are index-only scans (migration 5) where the visibility map marks pages all-visible: mark
    // the reports stored since the last vacuum now rather than wait for autovacuum (at 1M reports, 200,000 new
    // ones read from the heap made the publication about twice as slow; PGlite has no autovacuum at all).
    await vacuumReports(this.db);
    const watermark = await this.db.transaction((tx) => activityWatermark(tx));
    const work = async (tx: Queryable) => {
      const result = await publishIncremental(tx, {
        dataDir: this.options.dataDir,
        today,
        lastVersion: last?.version ?? 0,
        version,
        watermark,
        outsideTransaction: !held,
      });
      this.lastStats = result.stats;
      const fingerprint = fingerprintOf(result.list, result.demo);
      if (last && last.fingerprint === fingerprint) {
        // The tables now describe the last version (after a rebuild too): keep its columns beside it.
        await tx.query('UPDATE crowd_state SET version = $1 WHERE id = 1', [last.version]);
        if (result.rebuilt) writeSortedState(this.options.dataDir, { ...result.list, version: last.version });
        return null;
      }
      const manifest = this.writeVersion(version, result.list, result.demo, versions);
      writeSortedState(this.options.dataDir, result.list);
      const commit = async (q: Queryable) => {
        await this.recordVersion(q, manifest, fingerprint, result.demo);
        if (result.rebuilt) await rewriteListEntries(q, result.list);
        else if (held) await updateListEntries(q, result.exactChanges);
        await q.query('UPDATE crowd_state SET version = $1 WHERE id = 1', [version]);
      };
      if (held) await commit(tx);
      else {
        // A few rows per changed number, before the version (a stop between the two is followed by a
        // rebuild, which rewrites the table); a rebuild rewrites it inside the transaction, so look-ups never
        // see it empty.
        if (!result.rebuilt) await updateListEntries(tx, result.exactChanges);
        await this.db.transaction(commit);
      }
      return { manifest };
    };
    return held ? this.db.transaction(work) : work(this.db);
  }

  /**
   * The full-window publication (list-entries.ts `computeList`): every vote in the window read into this
   * process. The baseline of the benchmarks and a repair path (`vigie publish --full`). It leaves the crowd
   * tables behind, so the next incremental publication rebuilds them.
   */
  private async publishFull(today: number, version: number, versions: VersionRow[]) {
    const last = versions[0];
    this.lastStats = null;
    const computed = await computeList(this.db, today);
    if (last && last.fingerprint === computed.fingerprint) return null;
    const manifest = this.writeVersion(version, computed.sorted, computed.demo, versions);
    await this.db.transaction(async (tx) => {
      await this.recordVersion(tx, manifest, computed.fingerprint, computed.demo);
      await rewriteListEntries(tx, computed.sorted);
      await saveReporterStanding(tx, computed.corroborations);
      await tx.query('UPDATE crowd_state SET version = 0 WHERE id = 1');
    });
    return { manifest };
  }

  private writeVersion(version: number, sorted: SortedList, demo: boolean, versions: VersionRow[]): Manifest {
    return writePublication({
      dataDir: this.options.dataDir,
      sorted,
      version,
      demo,
      createdAt: new Date(this.now()),
      previous: versions.map((v) => ({ version: v.version, snapshotName: v.snapshot_name })),
      key: this.key,
    });
  }

  private async recordVersion(tx: Queryable, manifest: Manifest, fingerprint: string, demo: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO list_versions (version, created_at, entry_count, list_sha256, snapshot_name, fingerprint, demo,
                                  manifest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        manifest.version,
        manifest.createdAt,
        manifest.count,
        manifest.listSha256,
        manifest.snapshot.name,
        fingerprint,
        demo,
        manifestJson(manifest),
      ],
    );
  }

  /**
   * A day-old manifest of an unchanged version is signed again (new publishedAt and expiresAt), so clients
   * can tell a current list from a frozen one (defect 5). Stored in place: the version does not change.
   */
  private async resignIfOld(manifest: Manifest, now: number): Promise<Manifest> {
    let current = manifest;
    if (needsResigning(manifest, now)) {
      current = resignManifest(manifest, now, this.key);
      await this.db.query('UPDATE list_versions SET manifest = $1 WHERE version = $2', [
        manifestJson(current),
        current.version,
      ]);
      repairManifestFile(this.options.dataDir, manifestJson(current));
    }
    this.cached = current;
    this.cachedAt = Date.now();
    return current;
  }

  /**
   * What the list depends on, cheaply: the day (decay), the newest report (reports are never deleted or
   * edited, except comments, which the list does not hold) and the newest override (protect, delist).
   */
  private async inputsToken(today: number): Promise<string> {
    const rows = await this.db.query<{ reports: Date | null; overrides: Date | null }>(
      `SELECT (SELECT max(received_at) FROM reports) AS reports,
              (SELECT max(updated_at) FROM number_overrides) AS overrides`,
    );
    const row = rows[0];
    return `${today}|${row?.reports?.toISOString() ?? '-'}|${row?.overrides?.toISOString() ?? '-'}`;
  }
}

interface VersionRow {
  version: number;
  snapshot_name: string;
  fingerprint: string;
  demo: boolean;
  manifest: string;
}

const CHUNK = 5000;

/**
 * `list_entries` (the hash-prefix look-up's table) holds the crowd-listed numbers: no ranges, no `legit`
 * entries. An incremental publication updates the numbers whose entry may have changed.
 */
async function updateListEntries(db: Queryable, changes: readonly ExactChange[]): Promise<void> {
  const legit = CATEGORIES.indexOf('legit');
  const kept = changes.filter((c) => !Number.isNaN(c.key) && keyCategory(c.key) !== legit);
  const numbers = changes.map((c) => exactPattern(c.value));
  for (let i = 0; i < numbers.length; i += CHUNK) {
    await db.query('DELETE FROM list_entries WHERE number = ANY($1::text[])', [numbers.slice(i, i + CHUNK)]);
  }
  await insertListEntries(
    db,
    kept.map((c) => c.value),
    kept.map((c) => c.key),
  );
}

/** After a full publication or a rebuild: the whole table again. */
async function rewriteListEntries(db: Queryable, sorted: SortedList): Promise<void> {
  await db.query('DELETE FROM list_entries');
  const legit = CATEGORIES.indexOf('legit');
  const values: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < sorted.exactValues.length; i++) {
    const key = sorted.exactKeys[i] as number;
    if (keyCategory(key) === legit) continue;
    values.push(sorted.exactValues[i] as number);
    keys.push(key);
  }
  await insertListEntries(db, values, keys);
}

async function insertListEntries(db: Queryable, values: readonly number[], keys: readonly number[]): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK) {
    const numbers = values.slice(i, i + CHUNK).map(exactPattern);
    const payloads = keys.slice(i, i + CHUNK).map(keyToPayload);
    await db.query(
      `INSERT INTO list_entries (number, sha256, category, score, reports, last_report_day)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::integer[])`,
      [
        numbers,
        numbers.map((n) => createHash('sha256').update(n).digest('hex')),
        payloads.map((p) => p.category),
        payloads.map((p) => p.score),
        payloads.map((p) => p.reports),
        payloads.map((p) => p.lastReportDay),
      ],
    );
  }
}
