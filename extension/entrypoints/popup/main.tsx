/**
 * The popup: look up anything pasted, the verdict card, a report form, the numbers on this page, the diary,
 * list version and last sync, and a switch to pause Vigie on this site. `?tab=<id>` targets a given tab
 * (used when the popup is opened as a page, e.g. by the end-to-end tests); otherwise the active tab.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LEVEL_ICON } from '../../lib/content/level-style.ts';
import { DiaryPanel } from '../../lib/diary/DiaryPanel.tsx';
import type { ExtensionSettings, Lang, LookupAnswer, PageNumber, PendingQuery, Status } from '../../lib/messages.ts';
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
  const fr = lang === 'fr';

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
      setPersonalMessage(
        kind === 'block'
          ? fr
            ? 'Ajouté à votre liste de blocage.'
            : 'Added to your block list.'
          : fr
            ? 'Ajouté à votre liste de confiance.'
            : 'Added to your allow list.',
      );
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
        {tabButton('check', fr ? 'Vérifier' : 'Check')}
        {tabButton(
          'page',
          fr ? `Cette page (${page?.numbers.length ?? 0})` : `This page (${page?.numbers.length ?? 0})`,
        )}
        {tabButton('diary', 'Journal / Diary')}
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
                  {fr ? 'Numéro à vérifier (collez n’importe quoi)' : 'Number to check (paste anything)'}
                  <input name="lookup" value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
                </label>
                <button class="primary" type="submit">
                  {fr ? 'Vérifier' : 'Check'}
                </button>
              </div>
            </form>
            {answer && !answer.ok && (
              <p role="alert" class="error">
                {fr ? answer.error.message : answer.error.messageEn}
              </p>
            )}
            {answer?.ok && (
              <>
                <VerdictView verdict={answer.verdict} online={answer.online} lang={lang} />
                <div class="row">
                  <button type="button" onClick={() => setShowReport(!showReport)} aria-expanded={showReport}>
                    {fr ? 'Signaler' : 'Report'}
                  </button>
                  <button type="button" onClick={() => void personal('block')}>
                    {fr ? 'Bloquer' : 'Block'}
                  </button>
                  <button type="button" onClick={() => void personal('allow')}>
                    {fr ? 'Toujours autoriser' : 'Always allow'}
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
            {!page && (
              <p>
                {fr
                  ? 'Vigie ne lit pas cette page. Activez « Tous les sites » dans les réglages.'
                  : 'Vigie does not read this page. Turn on "Every site" in the settings.'}
              </p>
            )}
            {page && page.numbers.length === 0 && (
              <p>{fr ? 'Aucun numéro sur cette page.' : 'No numbers on this page.'}</p>
            )}
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
                      {n.number}
                    </button>
                    <span>
                      <span aria-hidden="true">{LEVEL_ICON[n.level]} </span>
                      {n.label[lang]}
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
            {fr ? `Mettre Vigie en pause sur ${page.host}` : `Pause Vigie on ${page.host}`}
          </label>
        )}
        <span data-vigie-list-version={status?.listVersion ?? 0}>
          {fr ? 'Liste' : 'List'} v{status?.listVersion ?? 0}
          {status?.listCount != null ? ` (${status.listCount})` : ''} · {fr ? 'dernière synchro' : 'last sync'}:{' '}
          {status?.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString(lang) : fr ? 'jamais' : 'never'}
          {status && status.outboxPending > 0
            ? ` · ${status.outboxPending} ${fr ? 'signalement(s) en attente' : 'report(s) waiting'}`
            : ''}
        </span>
        <ListAgeNotice lang={lang} days={status?.listAgeDays} />
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {fr ? 'Réglages et listes personnelles' : 'Settings and personal lists'}
        </a>
      </footer>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
