import { createHash } from 'node:crypto';
import type { Manifest } from '../../shared/api/schemas.ts';
import type { ListEntry, ListPayload } from '../../shared/list/types.ts';
import { dayOf } from '../crowd/crowd-model.ts';
import type { Database, Queryable } from '../db/database.ts';
import { computeList, saveReporterStanding } from './list-entries.ts';
import { removeStaleTemporaries, repairManifestFile } from './manifest-file.ts';
import {
  manifestJson,
  needsResigning,
  type PreviousVersion,
  resignManifest,
  writePublication,
} from './publication-files.ts';
import type { SigningKey } from './signing-key.ts';

export interface PublisherOptions {
  dataDir: string;
  /** Deltas are written from each of this many previous versions; clients further behind take the snapshot. */
  deltaVersions?: number;
  now?: () => number;
  /** Called when a timed publication fails (the message never holds a number). */
  onError?: (error: unknown) => void;
}

export interface PublishResult {
  manifest: Manifest;
  /** False when the aggregate had not changed since the last version (the current manifest is returned). */
  changed: boolean;
}

/** Deltas from the last week of daily versions; clients further behind take the snapshot (issue 12). */
export const DEFAULT_DELTA_VERSIONS = 7;
/** PostgreSQL advisory lock key: one publication at a time across every process sharing the database. */
export const PUBLISH_LOCK_KEY = 7261002;
const MANIFEST_CACHE_MS = 5000;

/**
 * Publication: computes the list, and when it differs from the last version writes a new snapshot, deltas and
 * a signed manifest, then records the version. Runs on a timer in `vigie serve`, at once through
 * `POST /api/v1/admin/publish`, and from `vigie publish`. Calls are serialised.
 */
export class Publisher {
  private cached: Manifest | null = null;
  private cachedAt = 0;
  private running: Promise<PublishResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The entries of the last version, to update the `list_entries` table by difference. */
  private published: Map<string, ListPayload> | null = null;
  private publishedVersion = 0;
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

  publish(): Promise<PublishResult> {
    // Serialised: a timed run and an admin request never interleave; the second waits and then runs.
    const previous = this.running ?? Promise.resolve(null);
    const run = previous.catch(() => null).then(() => this.publishNow());
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.publish().catch((error: unknown) => this.options.onError?.(error));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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

  private publishNow(): Promise<PublishResult> {
    // PGlite is one process by construction (server/db/data-lock.ts). On PostgreSQL several processes may
    // publish (timers, `vigie publish` from cron): a transaction-scoped advisory lock, held on a connection
    // of its own while the work runs on the pool, makes them take turns. The second one then finds the
    // first one's version and, with nothing new since, makes none.
    if (this.db.kind !== 'postgres') return this.publishLocked();
    return this.db.transaction(async (lock) => {
      await lock.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK_KEY]);
      return this.publishLocked();
    });
  }

  private async publishLocked(): Promise<PublishResult> {
    const now = this.now();
    await this.repairFiles();
    // Nothing received, no override changed, same day: the list cannot differ, skip reading every vote.
    const inputs = await this.inputsToken(dayOf(now));
    if (inputs === this.lastInputs) {
      const manifest = await this.current();
      if (manifest) return { manifest: await this.resignIfOld(manifest, now), changed: false };
    }
    const computed = await computeList(this.db, dayOf(now));
    const versions = await this.db.query<{
      version: number;
      snapshot_name: string;
      fingerprint: string;
      manifest: string;
    }>('SELECT version, snapshot_name, fingerprint, manifest FROM list_versions ORDER BY version DESC LIMIT $1', [
      this.deltaVersions,
    ]);
    const last = versions[0];
    if (last && last.fingerprint === computed.fingerprint) {
      this.lastInputs = inputs;
      return { manifest: await this.resignIfOld(JSON.parse(last.manifest) as Manifest, now), changed: false };
    }
    const version = (last?.version ?? 0) + 1;
    const previous: PreviousVersion[] = versions.map((v) => ({ version: v.version, snapshotName: v.snapshot_name }));
    const manifest = writePublication({
      dataDir: this.options.dataDir,
      entries: computed.entries,
      version,
      demo: computed.demo,
      createdAt: new Date(now),
      previous,
      key: this.key,
    });
    // Another process (`vigie publish` on PostgreSQL) may have published since: then reload from the table.
    const published =
      this.published && this.publishedVersion === (last?.version ?? 0)
        ? this.published
        : await loadPublishedEntries(this.db);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO list_versions (version, created_at, entry_count, list_sha256, snapshot_name, fingerprint, demo,
                                    manifest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          version,
          manifest.createdAt,
          manifest.count,
          manifest.listSha256,
          manifest.snapshot.name,
          computed.fingerprint,
          computed.demo,
          manifestJson(manifest),
        ],
      );
      await updateListEntries(tx, published, computed.entries);
      await saveReporterStanding(tx, computed.corroborations);
    });
    this.published = new Map(computed.entries.map((e) => [e.pattern, e.payload]));
    this.publishedVersion = version;
    // A copy beside the files, for serving the list from a static host or CDN (docs/scaling.md).
    repairManifestFile(this.options.dataDir, manifestJson(manifest));
    this.cached = manifest;
    this.cachedAt = Date.now();
    this.lastInputs = inputs;
    return { manifest, changed: true };
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

async function loadPublishedEntries(db: Queryable): Promise<Map<string, ListPayload>> {
  const rows = await db.query<{
    number: string;
    category: ListPayload['category'];
    score: number;
    reports: number;
    last_report_day: number;
  }>('SELECT number, category, score, reports, last_report_day FROM list_entries');
  return new Map(
    rows.map((r) => [
      r.number,
      { category: r.category, score: r.score, reports: r.reports, lastReportDay: r.last_report_day },
    ]),
  );
}

const CHUNK = 5000;

/** `list_entries` (the range look-up's table) follows the published list by difference, not by rewrite. */
async function updateListEntries(
  db: Queryable,
  before: Map<string, ListPayload>,
  after: readonly ListEntry[],
): Promise<void> {
  const afterNumbers = new Set<string>();
  const upserts: ListEntry[] = [];
  for (const entry of after) {
    // The hash-prefix look-up answers for numbers the crowd listed: no ranges, no `legit` overrides.
    if (entry.pattern.endsWith('*') || entry.payload.category === 'legit') continue;
    afterNumbers.add(entry.pattern);
    const old = before.get(entry.pattern);
    const p = entry.payload;
    if (
      !old ||
      old.category !== p.category ||
      old.score !== p.score ||
      old.reports !== p.reports ||
      old.lastReportDay !== p.lastReportDay
    )
      upserts.push(entry);
  }
  const removals = [...before.keys()].filter((n) => !afterNumbers.has(n));
  for (let i = 0; i < removals.length; i += CHUNK) {
    await db.query('DELETE FROM list_entries WHERE number = ANY($1::text[])', [removals.slice(i, i + CHUNK)]);
  }
  for (let i = 0; i < upserts.length; i += CHUNK) {
    const chunk = upserts.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO list_entries (number, sha256, category, score, reports, last_report_day)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[], $6::integer[])
       ON CONFLICT (number) DO UPDATE SET category = excluded.category, score = excluded.score,
         reports = excluded.reports, last_report_day = excluded.last_report_day`,
      [
        chunk.map((e) => e.pattern),
        chunk.map((e) => createHash('sha256').update(e.pattern).digest('hex')),
        chunk.map((e) => e.payload.category),
        chunk.map((e) => e.payload.score),
        chunk.map((e) => e.payload.reports),
        chunk.map((e) => e.payload.lastReportDay),
      ],
    );
  }
}
