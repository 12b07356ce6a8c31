/**
 * The app shell: one screen at a time (look up, history, lists, diary, settings) behind a bottom tab bar,
 * the update banner on top. Everything heavy (libphonenumber, sync) is loaded lazily from here.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { deviceTimeZone } from '../../../shared/present/dates.ts';
import type { IconId } from '../../../shared/present/icons.ts';
import { tr } from '../../../shared/present/translate.ts';
import type { ListMeta } from '../../../shared/store/db.ts';
import { addHistory, lastReportOf } from '../../../shared/store/history-store.ts';
import { putPersonal } from '../../../shared/store/personal-store.ts';
import type { Settings } from '../../../shared/store/settings-store.ts';
import { loadTimeZone } from '../../../shared/store/time-zone-store.ts';
import { type ListAge, listAge } from '../../../shared/sync/list-age.ts';
import { loadSyncState } from '../../../shared/sync/sync-state.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import { db } from '../data/db.ts';
import { entryUrl } from '../entry/entry-params.ts';
import { HistoryScreen } from '../history/HistoryScreen.tsx';
import { type Lang, t } from '../i18n/strings.ts';
import { ListsScreen } from '../lists/ListsScreen.tsx';
import type { LookupOutcome } from '../lookup/engine.ts';
import { getEngine, preloadEngineAfterPaint } from '../lookup/engine-client.ts';
import { LookupForm } from '../lookup/LookupForm.tsx';
import { VerdictCard } from '../lookup/VerdictCard.tsx';
import { LazyPhone, wantsPhoneGuide } from '../phone/LazyPhone.tsx';
import { queueReport } from '../report/queue-report.ts';
import { type ReportDraft, ReportForm } from '../report/ReportForm.tsx';
import { ReportStatus } from '../report/ReportStatus.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { serviceBase } from '../settings/settings.ts';
import { type ListSyncStatus, setSyncSettings, startBackgroundWork, syncCrowdList } from '../sync/sync-client.ts';
import { Icon } from '../ui/Icon.tsx';
import { OfflineReadyBanner, UpdateBanner } from '../update/UpdateBanner.tsx';
import { emit, on } from './events.ts';
import { LazyDiary } from './LazyDiary.tsx';
import { ListStatusLine } from './ListStatusLine.tsx';

export type Screen = 'lookup' | 'history' | 'lists' | 'diary' | 'settings' | 'phone';

type LookupState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'verdict'; verdict: Verdict; seq: number; reportedAt: number | null }
  | { kind: 'error'; message: string; seq: number };

/** Counts answers, so tests and assistive tech can tell a new answer from the same one shown again. */
let answerSeq = 0;

export interface ShellSignals {
  /** Set by the service worker hooks in main.tsx. */
  updateReady: (() => void) | null;
  offlineReady: boolean;
  persisted: boolean | null;
}

/** Icons are inline SVG from the core: the glyphs they replace showed as empty boxes without a symbol font. */
const TABS: { id: Screen; key: Parameters<typeof t>[1]; icon: IconId }[] = [
  { id: 'lookup', key: 'navLookup', icon: 'search' },
  { id: 'history', key: 'navHistory', icon: 'history' },
  { id: 'lists', key: 'navLists', icon: 'list' },
  { id: 'diary', key: 'navDiary', icon: 'diary' },
  { id: 'settings', key: 'navSettings', icon: 'settings' },
];

const TEMP_ALLOW_MS = 2 * 3600_000;

/** The app was opened on a number: its text, and the look-up main.tsx started before the first render. */
export interface EntryLookup {
  text: string;
  outcome: Promise<LookupOutcome>;
}

interface AppProps {
  initialSettings: Settings;
  signals: ShellSignals;
  entry: EntryLookup | null;
}

export function App({ initialSettings, signals, entry }: AppProps) {
  const [settings, setSettings] = useState(initialSettings);
  const lang: Lang = settings.language;
  const [screen, setScreen] = useState<Screen>(() => (wantsPhoneGuide(window.location.search) ? 'phone' : 'lookup'));
  const [query, setQuery] = useState('');
  const [lookup, setLookup] = useState<LookupState>({ kind: 'idle' });
  const [reportOpen, setReportOpen] = useState(false);
  const [reportBusy, setReportBusy] = useState(false);
  const [reportKey, setReportKey] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [diaryNumber, setDiaryNumber] = useState<string | undefined>(undefined);
  const [online, setOnline] = useState(navigator.onLine);
  const [listMeta, setListMeta] = useState<ListMeta | null>(null);
  const [listStatus, setListStatus] = useState<ListSyncStatus>({ kind: 'idle' });
  const [age, setAge] = useState<ListAge | null>(null);
  const [offlineReadyShown, setOfflineReadyShown] = useState(true);
  const [timeZone, setTimeZone] = useState(deviceTimeZone);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = lang === 'fr' ? 'Vigie — qui m’appelle ?' : 'Vigie — who is calling?';
  }, [lang]);

  useEffect(() => {
    setSyncSettings(settings);
  }, [settings]);

  const runLookup = useCallback(
    /** `pending`: the same look-up already started by main.tsx before the first render (entry points). */
    async (text: string, pending?: Promise<LookupOutcome>) => {
      setLookup({ kind: 'busy' });
      setReportOpen(false);
      setReportKey(null);
      setNotice(null);
      try {
        const outcome = await (pending ?? (await getEngine()).lookup(text, settings));
        if (!outcome.ok) {
          setLookup({
            kind: 'error',
            message: lang === 'fr' ? outcome.error.message : outcome.error.messageEn,
            seq: ++answerSeq,
          });
          return;
        }
        const { verdict } = outcome;
        const reportedAt = await lastReportOf(await db(), verdict.number);
        setLookup({ kind: 'verdict', verdict, seq: ++answerSeq, reportedAt });
        // The address bar now names this verdict, so a reload shows it again. No request is made.
        window.history.replaceState(null, '', entryUrl(verdict.number));
        const line: Parameters<typeof addHistory>[1] = {
          kind: 'lookup',
          time: Date.now(),
          number: verdict.number,
          level: verdict.level,
        };
        if (verdict.category) line.category = verdict.category;
        if (text.trim() !== verdict.number) line.input = text.trim().slice(0, 64);
        await addHistory(await db(), line);
      } catch (error) {
        console.error('vigie: look-up failed', error);
        setLookup({ kind: 'error', message: t(lang, 'engineFailed'), seq: ++answerSeq });
      }
    },
    [settings, lang],
  );

  // Entry points: `?n=`, the `tel:` handler, the share target. Then the background work. Runs once at start.
  useEffect(() => {
    if (entry) {
      setQuery(entry.text);
      void runLookup(entry.text, entry.outcome);
    } else {
      preloadEngineAfterPaint();
    }
    const stop = startBackgroundWork(setListStatus);
    const goOnline = () => setOnline(true);
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    return () => {
      stop();
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    };
  }, []);

  // The list status under the look-up field and in the settings (effects run after the first paint).
  useEffect(() => {
    const refresh = async () => setListMeta(await (await getEngine()).listMeta());
    void refresh().catch(() => undefined);
    return on('list-changed', () => void refresh().catch(() => undefined));
  }, []);

  // How long since a valid manifest last vouched for the list: read again after each sync run.
  useEffect(() => {
    if (!listMeta || listStatus.kind === 'running') return;
    void (async () => setAge(listAge(listMeta, await loadSyncState(await db()), Date.now())))().catch(() => undefined);
  }, [listMeta, listStatus]);

  // A change to the personal lists changes the verdict on screen: recompute it.
  useEffect(
    () =>
      on('personal-changed', () => {
        if (lookup.kind === 'verdict') void runLookup(lookup.verdict.number);
      }),
    [lookup, runLookup],
  );

  const submitReport = async (draft: ReportDraft) => {
    if (lookup.kind !== 'verdict') return;
    setReportBusy(true);
    try {
      setReportKey(await queueReport(lookup.verdict.number, draft, settings));
      setReportOpen(false);
      // The card now says the user reported it and what happens next (never "Inconnu / 0").
      setLookup({ ...lookup, reportedAt: Date.now() });
    } catch (error) {
      setNotice(`${t(lang, 'reportError')} ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setReportBusy(false);
    }
  };

  const addPersonal = async (kind: 'block' | 'allow' | 'allow-temp') => {
    if (lookup.kind !== 'verdict') return;
    const now = Date.now();
    await putPersonal(await db(), {
      pattern: lookup.verdict.number,
      kind: kind === 'block' ? 'block' : 'allow',
      createdAt: now,
      ...(kind === 'allow-temp' ? { expiresAt: now + TEMP_ALLOW_MS } : {}),
    });
    emit('personal-changed');
    setNotice(t(lang, kind === 'block' ? 'addedBlock' : kind === 'allow' ? 'addedAllow' : 'addedAllowTemp'));
  };

  const openNumber = (number: string) => {
    setScreen('lookup');
    setQuery(number);
    void runLookup(number);
  };

  const crowdBase = settings.rangeLookups ? serviceBase(settings) : null;

  return (
    <div class="shell">
      <a class="skip" href="#main">
        {lang === 'fr' ? 'Aller au contenu' : 'Skip to content'}
      </a>
      <header class="top">
        <h1>
          <span class="logo">
            <Icon id="phone" size={22} />
          </span>{' '}
          {t(lang, 'appName')} <small>{t(lang, 'tagline')}</small>
        </h1>
        {online ? null : (
          <span class="pill" role="status" data-vigie-offline="">
            {t(lang, 'offline')}
          </span>
        )}
      </header>
      {signals.updateReady ? <UpdateBanner lang={lang} onReload={signals.updateReady} /> : null}
      {signals.offlineReady && offlineReadyShown ? (
        <OfflineReadyBanner lang={lang} onClose={() => setOfflineReadyShown(false)} />
      ) : null}
      <main id="main" tabIndex={-1}>
        {screen === 'lookup' ? (
          <>
            <LookupForm
              lang={lang}
              value={query}
              busy={lookup.kind === 'busy'}
              onChange={setQuery}
              onSubmit={() => void runLookup(query)}
            />
            <ListStatusLine lang={lang} meta={listMeta} status={listStatus} online={online} age={age} />
            <p>
              <button type="button" data-screen="phone" onClick={() => setScreen('phone')}>
                {tr(lang, 'phone.open')}
              </button>
            </p>
            {lookup.kind === 'error' ? (
              <p class="error" role="alert" data-vigie-error="" data-vigie-seq={lookup.seq}>
                {lookup.message}
              </p>
            ) : null}
            {lookup.kind === 'verdict' ? (
              <VerdictCard
                seq={lookup.seq}
                lang={lang}
                verdict={lookup.verdict}
                context={{ demo: listMeta?.demo === true, reportedAt: lookup.reportedAt }}
                crowdBase={crowdBase}
                online={online}
                notice={notice}
                onReport={() => {
                  setReportKey(null);
                  // The call time is read in the user's zone (chosen in the diary): load it before the form shows.
                  void db()
                    .then(loadTimeZone)
                    .then((zone) => {
                      setTimeZone(zone);
                      setReportOpen(true);
                    });
                }}
                onLogCall={() => {
                  setDiaryNumber(lookup.verdict.number);
                  setScreen('diary');
                }}
                onPersonal={(kind) => void addPersonal(kind)}
              />
            ) : null}
            {lookup.kind === 'verdict' && reportOpen ? (
              <ReportForm
                lang={lang}
                number={lookup.verdict.number}
                initialCategory={lookup.verdict.category}
                timeZone={timeZone}
                busy={reportBusy}
                onSubmit={(draft) => void submitReport(draft)}
                onCancel={() => setReportOpen(false)}
              />
            ) : null}
            {reportKey !== null ? <ReportStatus lang={lang} historyKey={reportKey} /> : null}
          </>
        ) : null}
        {screen === 'phone' ? (
          <LazyPhone lang={lang} serviceBase={serviceBase(settings)} onBack={() => setScreen('lookup')} />
        ) : null}
        {screen === 'history' ? <HistoryScreen lang={lang} onOpen={openNumber} /> : null}
        {screen === 'lists' ? <ListsScreen lang={lang} region={settings.region} /> : null}
        {screen === 'diary' ? (
          <LazyDiary lang={lang} {...(diaryNumber === undefined ? {} : { prefillNumber: diaryNumber })} />
        ) : null}
        {screen === 'settings' ? (
          <SettingsScreen
            lang={lang}
            settings={settings}
            listMeta={listMeta}
            listStatus={listStatus}
            persisted={signals.persisted}
            onSaved={setSettings}
            onSyncNow={async () => {
              setListStatus({ kind: 'running' });
              setListStatus(await syncCrowdList());
            }}
          />
        ) : null}
      </main>
      <nav class="tabs" aria-label={t(lang, 'mainNav')}>
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            data-screen={tab.id}
            aria-current={screen === tab.id ? 'page' : undefined}
            onClick={() => {
              if (tab.id === 'diary' && screen !== 'diary') setDiaryNumber(undefined);
              setScreen(tab.id);
            }}
          >
            <Icon id={tab.icon} size={22} />
            {t(lang, tab.key)}
          </button>
        ))}
      </nav>
    </div>
  );
}
