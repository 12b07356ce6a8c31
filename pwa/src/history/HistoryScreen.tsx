/** Look-ups and reports made on this device, newest first, with each report's delivery state. */
import { useEffect, useState } from 'preact/hooks';
import { displayNumber } from '../../../shared/present/number-display.ts';
import { tr } from '../../../shared/present/translate.ts';
import type { HistoryRecord } from '../../../shared/store/db.ts';
import { clearHistory, listHistory } from '../../../shared/store/history-store.ts';
import { on } from '../app/events.ts';
import { db } from '../data/db.ts';
import { categoryLabel, formatDateTime, type Lang, levelLabel, t } from '../i18n/strings.ts';
import { getEngine } from '../lookup/engine-client.ts';

const STATE_KEY = { queued: 'stateQueued', sent: 'stateSent', rejected: 'stateRejected' } as const;

export function HistoryScreen({ lang, onOpen }: { lang: Lang; onOpen(number: string): void }) {
  const [lines, setLines] = useState<HistoryRecord[] | null>(null);
  const [listed, setListed] = useState<Set<string>>(new Set());
  useEffect(() => {
    const refresh = async () => {
      const found = await listHistory(await db(), { limit: 200 });
      setLines(found);
      // Reports whose number the crowd list now carries: the user sees their report counted.
      const reported = [...new Set(found.filter((l) => l.kind === 'report').map((l) => l.number))];
      if (reported.length > 0) setListed(await (await getEngine()).listedAmong(reported));
    };
    void refresh();
    const offOutbox = on('outbox-changed', () => void refresh());
    const offList = on('list-changed', () => void refresh());
    return () => {
      offOutbox();
      offList();
    };
  }, []);
  const clear = async () => {
    await clearHistory(await db());
    setLines([]);
  };
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t(lang, 'historyTitle')}</h2>
      {lines && lines.length === 0 ? <p>{t(lang, 'historyEmpty')}</p> : null}
      <ul class="rows">
        {(lines ?? []).map((line) => (
          <li key={line.key} class="row" data-history-kind={line.kind} data-report-state={line.state}>
            <div class="row-main">
              <strong>
                <bdi>{displayNumber(line.number)}</bdi>
              </strong>
              <span>
                {line.kind === 'lookup' ? t(lang, 'historyLookup') : t(lang, 'historyReport')}
                {line.level ? ` · ${levelLabel(lang, line.level)}` : ''}
                {line.category ? ` · ${categoryLabel(lang, line.category)}` : ''}
                {line.state ? ` · ${t(lang, STATE_KEY[line.state])}` : ''}
              </span>
              <small>{formatDateTime(lang, line.time)}</small>
              {line.message ? <small class="error">{line.message}</small> : null}
              {line.kind === 'report' && listed.has(line.number) ? (
                <small class="listed" data-vigie-listed="">
                  {tr(lang, 'verdict.nowListed')}
                </small>
              ) : null}
            </div>
            <button
              type="button"
              onClick={() => onOpen(line.number)}
              aria-label={`${t(lang, 'historyOpen')} ${displayNumber(line.number)}`}
            >
              {t(lang, 'historyOpen')}
            </button>
          </li>
        ))}
      </ul>
      {lines && lines.length > 0 ? (
        <button type="button" class="danger" onClick={() => void clear()}>
          {t(lang, 'historyClear')}
        </button>
      ) : null}
    </section>
  );
}
