/**
 * The crowd service's HTTP contract (DESIGN.md §4), as valibot schemas shared by the server (validation)
 * and the clients (building requests, checking answers). `strictObject` refuses unknown fields.
 */
import * as v from 'valibot';
import { CATEGORIES, LEVELS } from '../verdict.ts';

export const API_PREFIX = '/api/v1';

/** `reporter`: 22–64 base64url characters made at random on the device (≥ 128 bits of entropy at 22). */
export const ReporterSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{22,64}$/, 'reporter must be 22 to 64 base64url characters'),
);

export const ReportIdSchema = v.pipe(v.string(), v.uuid('id must be a UUID'));

/** Control characters other than tab and newline are refused: comments are plain text shown as text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point of this check.
const PLAIN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/**
 * `calledAt` must fall in a sane window: on or after 2000-01-01 (no phone call Vigie hears about is older; year
 * 0000 parses in JS but PostgreSQL refuses it) and at most a day after the receiver's clock (slack for a device
 * whose clock runs ahead or sits in another zone). The lower bound is in the schema; the upper one depends on
 * "now", which the server checks with its own clock (`calledAtProblem`).
 */
export const CALLED_AT_EARLIEST_MS = Date.UTC(2000, 0, 1);
export const CALLED_AT_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;

/** True when an ISO 8601 timestamp names a day that exists (Date.parse rolls 2024-02-30 over to March 1). */
function isRealDate(text: string): boolean {
  if (Number.isNaN(Date.parse(text))) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

/** Why `calledAt` is refused at `now`, or null when it is acceptable. */
export function calledAtProblem(text: string, now: number): string | null {
  if (!isRealDate(text)) return 'calledAt is not a real date';
  const ms = Date.parse(text);
  if (ms < CALLED_AT_EARLIEST_MS) return 'calledAt is before 2000-01-01';
  if (ms > now + CALLED_AT_MAX_AHEAD_MS) return 'calledAt is more than one day in the future';
  return null;
}

export const ReportBodySchema = v.strictObject({
  id: ReportIdSchema,
  reporter: ReporterSchema,
  number: v.pipe(v.string(), v.minLength(1, 'number is required'), v.maxLength(64, 'number is too long')),
  region: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'region must be an ISO 3166 alpha-2 code'))),
  category: v.picklist(CATEGORIES, 'category is not one of the known categories'),
  comment: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(500, 'comment is limited to 500 characters'),
      v.regex(PLAIN_TEXT, 'comment has control characters'),
    ),
  ),
  company: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(120, 'company is limited to 120 characters'),
      v.regex(PLAIN_TEXT, 'company has control characters'),
    ),
  ),
  /** When the call came, ISO 8601. */
  calledAt: v.optional(
    v.pipe(
      v.string(),
      v.isoTimestamp('calledAt must be an ISO 8601 timestamp'),
      v.check(isRealDate, 'calledAt is not a real date'),
      v.check((text) => Date.parse(text) >= CALLED_AT_EARLIEST_MS, 'calledAt is before 2000-01-01'),
    ),
  ),
  /** Extensions used by the PWA's report form; optional so the contract's minimal body stays valid. */
  answered: v.optional(v.boolean()),
  refused: v.optional(v.boolean()),
});
export type ReportBody = v.InferOutput<typeof ReportBodySchema>;

export const ApiErrorSchema = v.object({ error: v.object({ code: v.string(), message: v.string() }) });
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;

export const CommentSchema = v.object({
  text: v.string(),
  category: v.picklist(CATEGORIES),
  company: v.nullable(v.string()),
  at: v.string(),
});
export type PublicComment = v.InferOutput<typeof CommentSchema>;

/** `GET /api/v1/numbers/{e164}`: the live aggregate. */
export const AggregateSchema = v.object({
  number: v.string(),
  listed: v.boolean(),
  level: v.picklist(LEVELS),
  category: v.nullable(v.picklist(CATEGORIES)),
  reports: v.number(),
  legitVotes: v.number(),
  lastReportedAt: v.nullable(v.string()),
  comments: v.array(CommentSchema),
  /** True when any report behind this aggregate is demo data (`vigie serve --demo`). */
  demo: v.optional(v.boolean()),
});
export type Aggregate = v.InferOutput<typeof AggregateSchema>;

/** `GET /api/v1/range/{prefix}`: every published entry whose SHA-256(E.164) hex starts with `prefix`. */
export const RangeAnswerSchema = v.object({
  prefix: v.string(),
  entries: v.array(v.object({ sha256: v.string(), ...AggregateSchema.entries })),
});
export type RangeAnswer = v.InferOutput<typeof RangeAnswerSchema>;

export const ListFileSchema = v.object({
  name: v.string(),
  size: v.number(),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});

export const DeltaFileSchema = v.object({ ...ListFileSchema.entries, from: v.number(), to: v.number() });

/**
 * `GET /api/v1/list/manifest`. `signature` is Ed25519 (base64) over `canonicalJson` of every other field.
 * `listSha256` is the SHA-256 of the complete target list: the snapshot file of `version`, which the writer
 * produces byte-for-byte from the entries, so a client that applied deltas re-serialises and compares.
 */
/** An ISO 8601 instant as `Date.toISOString()` writes it (UTC, milliseconds). */
const IsoInstant = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'not an ISO 8601 UTC instant'),
);

/**
 * The signed list manifest. `createdAt` is when the version was made; `publishedAt` and `expiresAt` are when
 * this manifest was signed and until when it may be trusted. The service re-signs the current version every day,
 * so a client that keeps receiving an older, genuine manifest (a freeze attack, as TUF's timestamp role guards
 * against) refuses it once expired instead of believing its list is current (docs/sync.md).
 */
export const ManifestSchema = v.object({
  format: v.literal(1),
  version: v.number(),
  createdAt: v.string(),
  publishedAt: IsoInstant,
  expiresAt: IsoInstant,
  count: v.number(),
  listSha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  snapshot: ListFileSchema,
  deltas: v.array(DeltaFileSchema),
  publicKey: v.string(),
  demo: v.optional(v.boolean()),
  signature: v.string(),
});
export type Manifest = v.InferOutput<typeof ManifestSchema>;

/** Deterministic JSON (sorted keys, no spaces): the bytes the manifest signature covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** The bytes a manifest's signature covers: everything but `signature`. */
export function manifestSigningBytes(manifest: Omit<Manifest, 'signature'> & { signature?: string }): Uint8Array {
  const { signature: _ignored, ...rest } = manifest;
  return new TextEncoder().encode(canonicalJson(rest));
}

/** `POST /api/v1/reports` answer: 201 with `duplicate: false` for a new report, 200 with `true` for a repeat id. */
export const ReportAcceptedSchema = v.object({ id: v.string(), duplicate: v.boolean() });
export type ReportAccepted = v.InferOutput<typeof ReportAcceptedSchema>;

/** Body of the admin actions (hide a comment, protect or delist a number): an optional reason for the audit log. */
export const AdminActionBodySchema = v.strictObject({
  reason: v.optional(v.pipe(v.string(), v.maxLength(500, 'reason is limited to 500 characters'))),
});

/** One row of `GET /api/v1/admin/audit`. */
export const AuditEntrySchema = v.object({
  id: v.number(),
  at: v.string(),
  action: v.picklist(['hide_comment', 'protect', 'delist', 'publish']),
  target: v.string(),
  reason: v.nullable(v.string()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
