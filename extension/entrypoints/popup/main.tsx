/**
 * The popup: look up anything pasted, the verdict card, a report form, the numbers on this page, the diary,
 * list version and last sync, and a switch to pause Vigie on this site. `?tab=<id>` targets a given tab
 * (used when the popup is opened as a page, e.g. by the end-to-end tests); otherwise the active tab.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatWhen } from '../../../shared/present/dates.ts';
import { LEVEL_ICONS } from '../../../shared/present/icons.ts';
import { displayNumber } from '../../../shared/present/number-display.ts';
import { tr, trCount } from '../../../shared/present/translate.ts';
import { DiaryPanel } from '../../lib/diary/DiaryPanel.tsx';
import { t } from '../../lib/i18n.ts';
import type { ExtensionSettings, Lang, LookupAnswer, PageNumber, PendingQuery, Status } from '../../lib/messages.ts';
import { Icon } from '../../lib/ui/Icon.tsx';
import { ListAgeNotice } from '../../lib/ui/ListAgeNotice.tsx';
import { ReportForm } from '../../lib/ui/ReportForm.tsx';
import { send } from '../../lib/ui/send.ts';
import { VerdictView } from '../../lib/ui/VerdictView.tsx';
import '../../lib/ui/ui.css';

type Tab = 'check' | 'page' | 'diary';

interface PageInfo {
  numbers: PageNumber[];
  enabled: boolean;
  host: string;
}

async function targetTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function App() {
  const [lang, setLang] = useState<Lang>('fr');
  const [tab, setTab] = useState<Tab>('check');
  const [input, setInput] = useState('');
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [showReport, setShowReport] = useState(false);
  const [page, setPage] = useState<PageInfo | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [personalMessage, setPersonalMessage] = useState('');

  const lookup = async (text: string) => {
    setPersonalMessage('');
    setAnswer(await send<LookupAnswer>({ type: 'lookup', input: text }));
  };

  useEffect(() => {
    void (async () => {
      const s = await send<ExtensionSettings>({ type: 'settings-get' });
      setLang(s.language);
      document.documentElement.lang = s.language;
      setStatus(await send<Status>({ type: 'status' }));
      const pending = await send<PendingQuery | null>({ type: 'take-pending-query' });
      if (pending) {
        setInput(pending.input);
        await lookup(pending.input);
        setShowReport(pending.mode === 'report');
      }
      const id = await targetTabId();
      setTabId(id);
      if (id !== null) {
        const info = (await browser.tabs
          .sendMessage(id, { type: 'page-numbers' })
          .catch(() => null)) as PageInfo | null;
        setPage(info);
      }
    })();
  }, []);

  const personal = async (kind: 'allow' | 'block') => {
    if (!answer?.ok) return;
    const r = await send<{ ok: boolean }>({ type: 'personal-add', number: answer.verdict.number, kind });
    if (r.ok) {
      await lookup(answer.verdict.number);
      setPersonalMessage(t(kind === 'block' ? 'blocked' : 'allowed', lang));
    }
  };

  const togglePause = async (paused: boolean) => {
    if (!page || tabId === null) return;
    await send({ type: 'site-pause', host: page.host, paused });
    await browser.tabs.sendMessage(tabId, { type: 'pause', paused }).catch(() => null);
    setPage({ ...page, enabled: !paused, numbers: paused ? [] : page.numbers });
  };

  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-selected={tab === id}
      aria-controls={`panel-${id}`}
      onClick={() => setTab(id)}
    >
      {label}
    </button>
  );

  return (
    <div style={{ width: '380px' }}>
      <div class="tabs" role="tablist" aria-label="Vigie">
        {tabButton('check', t('tabCheck', lang))}
        {tabButton('page', tr(lang, 'ext.tabPage', { count: page?.numbers.length ?? 0 }))}
        {tabButton('diary', t('tabDiary', lang))}
      </div>
      <main>
        <h1 class="muted">Vigie</h1>
        {tab === 'check' && (
          <section id="panel-check" role="tabpanel" aria-labelledby="tab-check">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void lookup(input);
              }}
            >
              <div class="row">
                <label>
                  {t('lookupLabel', lang)}
                  <input name="lookup" value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
                </label>
                <button class="primary" type="submit">
                  {t('check', lang)}
                </button>
              </div>
            </form>
            {answer && !answer.ok && (
              <p role="alert" class="error">
                {lang === 'fr' ? answer.error.message : answer.error.messageEn}
              </p>
            )}
            {answer?.ok && (
              <>
                <VerdictView verdict={answer.verdict} online={answer.online} context={answer.view} lang={lang} />
                <div class="row">
                  <button type="button" onClick={() => setShowReport(!showReport)} aria-expanded={showReport}>
                    {t('report', lang)}
                  </button>
                  <button type="button" onClick={() => void personal('block')}>
                    {t('block', lang)}
                  </button>
                  <button type="button" onClick={() => void personal('allow')}>
                    {t('alwaysAllow', lang)}
                  </button>
                </div>
                {personalMessage && (
                  <p role="status" class="ok">
                    {personalMessage}
                  </p>
                )}
                {showReport && <ReportForm number={answer.verdict.number} lang={lang} />}
              </>
            )}
          </section>
        )}
        {tab === 'page' && (
          <section id="panel-page" role="tabpanel" aria-labelledby="tab-page">
            {!page && <p>{t('pageUnread', lang)}</p>}
            {page && page.numbers.length === 0 && <p>{t('pageEmpty', lang)}</p>}
            {page && page.numbers.length > 0 && (
              <ul class="numbers">
                {page.numbers.map((n) => (
                  <li key={n.number} data-vigie-number={n.number} data-vigie-level={n.level}>
                    <button
                      type="button"
                      onClick={() => {
                        setInput(n.number);
                        setTab('check');
                        void lookup(n.number);
                      }}
                    >
                      {displayNumber(n.number)}
                    </button>
                    <span>
                      <Icon id={LEVEL_ICONS[n.level]} knockout="var(--vigie-bg, #fff)" /> {n.label[lang]}
                      {n.count > 1 ? ` ×${n.count}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {tab === 'diary' && (
          <section id="panel-diary" role="tabpanel" aria-labelledby="tab-diary">
            <DiaryPanel lang={lang} {...(answer?.ok ? { prefillNumber: answer.verdict.number } : {})} />
          </section>
        )}
      </main>
      <footer>
        {page && (
          <label class="switch">
            <input
              type="checkbox"
              checked={!page.enabled}
              onChange={(e) => void togglePause((e.target as HTMLInputElement).checked)}
            />
            {tr(lang, 'ext.pause', { host: page.host })}
          </label>
        )}
        <span data-vigie-list-version={status?.listVersion ?? 0}>
          {[
            `${tr(lang, 'ext.listLine', { version: String(status?.listVersion ?? 0) })}${
              status?.listCount != null ? ` (${trCount(lang, 'entries', status.listCount)})` : ''
            }`,
            status?.lastSyncAt
              ? tr(lang, 'ext.lastSync', { when: formatWhen(lang, status.lastSyncAt) })
              : t('neverSynced', lang),
            ...(status?.demo ? [t('demoList', lang)] : []),
            ...(status && status.outboxPending > 0 ? [trCount(lang, 'ext.waiting', status.outboxPending)] : []),
          ].join(' · ')}
        </span>
        <ListAgeNotice lang={lang} days={status?.listAgeDays} />
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('settingsLink', lang)}
        </a>
      </footer>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
