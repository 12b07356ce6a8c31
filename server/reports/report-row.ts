import type { Category } from '../../shared/verdict.ts';

/** Where a report came from. Imported and demo reports are labelled so answers can say so. */
export type ReportSource = 'api' | 'import:vigie' | 'import:ftc' | 'demo';

/** One report as stored (table `reports`). */
export interface ReportRow {
  id: string;
  /** Normalised: E.164, or the short code as dialled. */
  number: string;
  reporter: string;
  category: Category;
  comment: string | null;
  company: string | null;
  region: string | null;
  /** ISO 8601 or null. */
  calledAt: string | null;
  /** ISO 8601: the instant whose age decays (arrival for API reports, complaint date for imports). */
  reportedAt: string;
  source: ReportSource;
  demo: boolean;
  addrHash: string | null;
}
