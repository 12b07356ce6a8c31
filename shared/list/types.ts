import type { Category } from '../verdict.ts';

/** What the crowd list says about one entry (exact number or prefix range). */
export interface ListPayload {
  category: Category;
  /** 0–255: the crowd's confidence, from the service's aggregation (docs/crowd-model.md). */
  score: number;
  /** Independent reports behind the entry. */
  reports: number;
  /** Day of the last report, as days since 1970-01-01 (UTC); 0 when unknown. */
  lastReportDay: number;
}

/**
 * One entry to write. `pattern` is an E.164 number (`+33612345678`) for an exact entry, or an E.164
 * prefix followed by `*` (`+33162*`) for a range: every number that starts with those digits.
 */
export interface ListEntry {
  pattern: string;
  payload: ListPayload;
}

export interface ListMatch extends ListPayload {
  kind: 'exact' | 'range';
  /** The matching pattern, as written (`+33612345678` or `+33162*`). */
  pattern: string;
}

/** A list opened over its bytes (zero-copy): see shared/list/reader.ts and docs/list-format.md. */
export interface CrowdList {
  readonly version: number;
  readonly exactCount: number;
  readonly rangeCount: number;
  /** Exact entry first, else the longest matching range, else null. */
  match(e164: string): ListMatch | null;
}
