import type { Queryable } from '../db/database.ts';
import type { ReportRow } from './report-row.ts';
import { insertReports } from './report-store.ts';

export type WriteOutcome = 'created' | 'duplicate';

interface Pending {
  row: ReportRow;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

export interface ReportWriterOptions {
  /** Reports per INSERT at most. */
  maxBatch?: number;
  /** How long the first report of a batch waits for company, in ms (0 = next turn of the event loop). */
  flushDelayMs?: number;
}

/**
 * Group commit for `POST /api/v1/reports`: requests that arrive together share one INSERT, and each request is
 * answered only after that INSERT committed (201 is a promise that the report is stored). On PGlite, which runs
 * one statement at a time, this turns ~0.2 ms per row into one round trip per batch; on PostgreSQL it saves a
 * round trip and a commit per report. While one batch is being written the next one fills up, so batching adapts
 * to the load by itself: one report alone waits at most `flushDelayMs`.
 */
export class ReportWriter {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBatch: number;
  private readonly flushDelayMs: number;

  constructor(
    private readonly db: Queryable,
    options: ReportWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.flushDelayMs = options.flushDelayMs ?? 1;
  }

  write(row: ReportRow): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  /** Waits until everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.writing || this.timer) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.startBatch();
      }
      await this.writing;
    }
  }

  private schedule(): void {
    if (this.writing || this.timer) return;
    if (this.queue.length >= this.maxBatch) {
      this.startBatch();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startBatch();
    }, this.flushDelayMs);
  }

  private startBatch(): void {
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.writing = this.writeBatch(batch).finally(() => {
      this.writing = null;
      // Whatever arrived during the write goes at once: it has already waited.
      if (this.queue.length > 0) this.startBatch();
    });
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    // The same id twice in one batch: the first is written, the others are duplicates of it.
    const firstById = new Map<string, Pending>();
    const repeats: Pending[] = [];
    for (const pending of batch) {
      if (firstById.has(pending.row.id)) repeats.push(pending);
      else firstById.set(pending.row.id, pending);
    }
    const firsts = [...firstById.values()];
    const settled = await this.insertIsolating(firsts);
    for (const pending of repeats) {
      const first = firstById.get(pending.row.id) as Pending;
      if (settled.get(first) === 'failed') pending.reject(new Error('the first copy of this report was not stored'));
      else pending.resolve('duplicate');
    }
  }

  /**
   * Inserts `batch`; when the database refuses the batch because of its data (a row it cannot store), the batch
   * is halved and each half retried, so the bad row fails alone and the other reporters still get their 201.
   * Any other failure (connection lost, database down) fails the whole batch at once: retrying would not help.
   */
  private async insertIsolating(batch: Pending[]): Promise<Map<Pending, WriteOutcome | 'failed'>> {
    const settled = new Map<Pending, WriteOutcome | 'failed'>();
    const run = async (part: Pending[]): Promise<void> => {
      try {
        const created = await insertReports(
          this.db,
          part.map((p) => p.row),
        );
        for (const pending of part) {
          const outcome: WriteOutcome = created.has(pending.row.id) ? 'created' : 'duplicate';
          settled.set(pending, outcome);
          pending.resolve(outcome);
        }
      } catch (error) {
        if (part.length > 1 && isDataError(error)) {
          const half = Math.ceil(part.length / 2);
          await run(part.slice(0, half));
          await run(part.slice(half));
          return;
        }
        for (const pending of part) {
          settled.set(pending, 'failed');
          pending.reject(error);
        }
      }
    };
    await run(batch);
    return settled;
  }
}

/**
 * SQLSTATE classes 22 (data exception: a value out of range, a bad date) and 23 (integrity constraint): the rows
 * are at fault, not the database. Both drivers (pg and PGlite) put the SQLSTATE in `code`.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
