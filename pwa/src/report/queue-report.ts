/**
 * A report always goes through the outbox first (one transaction with its history line), online or not: the
 * send is then the same code path whether it happens now, on the `online` event, at the next start, or from
 * the service worker's Background Sync. The server accepts a report id once, so a resend is harmless.
 */
import type { Settings } from '../../../shared/store/settings-store.ts';
import { queueReport as queueInOutbox, type ReportInput } from '../../../shared/sync/outbox.ts';
import { emit } from '../app/events.ts';
import { db } from '../data/db.ts';
import { flushReportsSoon } from '../sync/sync-client.ts';
import type { ReportDraft } from './ReportForm.tsx';

export async function queueReport(number: string, draft: ReportDraft, settings: Settings): Promise<number> {
  const input: ReportInput = {
    number,
    region: settings.region,
    category: draft.category,
    calledAt: new Date(draft.calledAt).toISOString(),
    refused: draft.refused,
  };
  if (draft.comment) input.comment = draft.comment;
  if (draft.company) input.company = draft.company;
  if (draft.answered !== null) input.answered = draft.answered;
  // The shared queue checks the body against the API schema first: a bad field is an error here, not a 400 later.
  const queued = await queueInOutbox(await db(), input);
  if (!queued.ok) throw new Error(queued.error.message);
  const record = queued.record;
  emit('outbox-changed');
  flushReportsSoon();
  if (record.historyKey === undefined) throw new Error('history line missing');
  return record.historyKey;
}
