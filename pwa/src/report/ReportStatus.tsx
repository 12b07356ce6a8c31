/** The delivery state of one queued report (queued → sent, or refused), live as the outbox is flushed. */
import { useEffect, useState } from 'preact/hooks';
import type { HistoryRecord } from '../../../shared/store/db.ts';
import { getHistory } from '../../../shared/store/history-store.ts';
import { on } from '../app/events.ts';
import { db } from '../data/db.ts';
import { type Lang, t } from '../i18n/strings.ts';

export function ReportStatus({ lang, historyKey }: { lang: Lang; historyKey: number }) {
  const [line, setLine] = useState<HistoryRecord | null>(null);
  useEffect(() => {
    const refresh = async () => setLine((await getHistory(await db(), historyKey)) ?? null);
    void refresh();
    return on('outbox-changed', () => void refresh());
  }, [historyKey]);
  const state = line?.state ?? 'queued';
  const text =
    state === 'sent'
      ? t(lang, 'reportSent')
      : state === 'rejected'
        ? `${t(lang, 'reportRejected')} ${line?.message ?? ''}`
        : t(lang, 'reportQueued');
  return (
    <p class={`notice report-${state}`} role="status" data-vigie-report-state={state}>
      {text}
    </p>
  );
}
