/**
 * Options: personal allow/block lists (add, remove, CSV import/export), sites where Vigie runs, language,
 * region, crowd-service URL and public key, private look-ups, and the privacy statement.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parseMyNumbers } from '../../../shared/personal/my-numbers.ts';
import type { PersonalEntry } from '../../../shared/personal/personal-lists.ts';
import { tr, trCount } from '../../../shared/present/translate.ts';
import { ALL_SITES } from '../../lib/known-sites.ts';
import type { ExtensionSettings, Lang, Status } from '../../lib/messages.ts';
import { PhoneGuideLink } from '../../lib/phone/PhoneGuideLink.tsx';
import { ServiceAccess, serviceOriginPattern } from '../../lib/ui/ServiceAccess.tsx';
import { send } from '../../lib/ui/send.ts';
import '../../lib/ui/ui.css';

type SaveAnswer = { ok: true; settings: ExtensionSettings } | { ok: false; error: string };

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

/** One boolean setting, saved as soon as it is ticked (the name is what the e2e tests and the team's checks use). */
const PRIVACY_POINTS = [
  'opt.privacyOnDevice',
  'opt.privacyReports',
  'opt.privacyRangeLookups',
  'opt.privacySync',
  'opt.privacyLocal',
] as const;

function SettingSwitch(props: { name: string; checked: boolean; label: string; onChange: (on: boolean) => void }) {
  return (
    <label class="switch">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />
      {props.label}
    </label>
  );
}

function App() {
  const [s, setS] = useState<ExtensionSettings | null>(null);
  const [entries, setEntries] = useState<PersonalEntry[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [pattern, setPattern] = useState('');
  const [kind, setKind] = useState<'allow' | 'block'>('block');
  const [label, setLabel] = useState('');
  const [hours, setHours] = useState('');
  const [csv, setCsv] = useState('');
  /** Whether the browser granted "every site" now: the setting alone may say yes while the permission is missing. */
  const [allSitesGranted, setAllSitesGranted] = useState<boolean | null>(null);
  const lang: Lang = s?.language ?? 'fr';
  const fr = lang === 'fr';

  const reload = async () => {
    setS(await send<ExtensionSettings>({ type: 'settings-get' }));
    setEntries((await send<{ entries: PersonalEntry[] }>({ type: 'personal-list' })).entries);
    setStatus(await send<Status>({ type: 'status' }));
  };
  useEffect(() => {
    void reload();
    // The real permission state, and again whenever it changes (here or in the browser's own settings).
    const check = () => void browser.permissions.contains({ origins: ALL_SITES }).then(setAllSitesGranted);
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const save = async (patch: Partial<ExtensionSettings>) => {
    const r = await send<SaveAnswer>({ type: 'settings-save', patch });
    if (r.ok) {
      setS(r.settings);
      setMessage({ ok: true, text: tr(r.settings.language, 'opt.saved') });
    } else setMessage({ ok: false, text: r.error });
  };

  if (!s) return <main>…</main>;

  const saveServer = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const serverUrl = String(form.get('serverUrl') ?? '')
      .trim()
      .replace(/\/+$/, '');
    const publicKey = String(form.get('publicKey') ?? '').trim();
    if (serverUrl && !LOOPBACK.test(serverUrl)) {
      // Host access to the crowd service is optional: asked here, for this origin only (docs/permissions.md).
      const origin = serviceOriginPattern(serverUrl);
      if (!origin) {
        setMessage({ ok: false, text: tr(lang, 'opt.invalidUrl') });
        return;
      }
      const granted = await browser.permissions.request({ origins: [origin] });
      if (!granted) {
        setMessage({ ok: false, text: tr(lang, 'opt.serviceRefused') });
        return;
      }
    }
    await save({ serverUrl, publicKey });
  };

  const toggleAllSites = async (on: boolean) => {
    if (on && !(await browser.permissions.request({ origins: ALL_SITES }))) {
      setMessage({ ok: false, text: tr(lang, 'opt.permissionRefused') });
      return;
    }
    if (!on) await browser.permissions.remove({ origins: ALL_SITES }).catch(() => false);
    setAllSitesGranted(await browser.permissions.contains({ origins: ALL_SITES }));
    await save({ annotateAllSites: on });
  };

  const addEntry = async (e: Event) => {
    e.preventDefault();
    const expiresAt = hours ? Date.now() + Number(hours) * 3600_000 : undefined;
    const r = await send<{ ok: boolean; error?: { message: string; messageEn: string } }>({
      type: 'personal-add',
      number: pattern,
      kind,
      ...(label ? { label } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    });
    if (!r.ok) setMessage({ ok: false, text: (fr ? r.error?.message : r.error?.messageEn) ?? '' });
    else {
      setPattern('');
      setLabel('');
      setHours('');
      setMessage({ ok: true, text: tr(lang, 'opt.added') });
    }
    await reload();
  };

  const importCsv = async () => {
    const r = await send<{ imported: number; errors: { line: number; message: string; messageEn: string }[] }>({
      type: 'personal-import',
      csv,
    });
    const errors = r.errors
      .map((x) => `${tr(lang, 'opt.line')} ${x.line}: ${fr ? x.message : x.messageEn}`)
      .join(' ; ');
    setMessage({
      ok: r.errors.length === 0,
      text: `${trCount(lang, 'opt.imported', r.imported)}${errors ? ` — ${errors}` : ''}`,
    });
    setCsv('');
    await reload();
  };

  const exportCsv = async () => {
    const r = await send<{ csv: string }>({ type: 'personal-export' });
    const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'vigie-listes-personnelles.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <main style={{ maxWidth: '760px' }}>
      <h1>{tr(lang, 'opt.title')}</h1>
      {message && (
        <p role="status" class={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}

      <section aria-labelledby="h-personal">
        <h2 id="h-personal">{tr(lang, 'opt.personalLists')}</h2>
        <p class="muted">{tr(lang, 'opt.personalHelp')}</p>
        <form onSubmit={addEntry} class="row" aria-label={tr(lang, 'opt.addEntry')}>
          <label>
            {tr(lang, 'opt.numberOrPrefix')}
            <input
              name="pattern"
              required
              value={pattern}
              onInput={(e) => setPattern((e.target as HTMLInputElement).value)}
            />
          </label>
          <label>
            {tr(lang, 'opt.list')}
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'allow' | 'block')}
            >
              <option value="block">{tr(lang, 'opt.block')}</option>
              <option value="allow">{tr(lang, 'opt.allow')}</option>
            </select>
          </label>
          <label>
            {tr(lang, 'opt.labelOptional')}
            <input name="label" value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {tr(lang, 'opt.hours')}
            <input
              name="hours"
              type="number"
              min="1"
              max="720"
              value={hours}
              onInput={(e) => setHours((e.target as HTMLInputElement).value)}
            />
          </label>
          <button class="primary" type="submit">
            {tr(lang, 'opt.add')}
          </button>
        </form>
        <table>
          <caption class="muted">{trCount(lang, 'opt.entryCount', entries.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(lang, 'opt.numberOrPrefix')}</th>
              <th scope="col">{tr(lang, 'opt.list')}</th>
              <th scope="col">{tr(lang, 'opt.name')}</th>
              <th scope="col">{tr(lang, 'opt.expires')}</th>
              <th scope="col">
                <span class="muted">{tr(lang, 'opt.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.kind}:${e.pattern}`} data-personal-pattern={e.pattern} data-personal-kind={e.kind}>
                <td>{e.pattern}</td>
                <td>{e.kind === 'allow' ? tr(lang, 'opt.allow') : tr(lang, 'opt.block')}</td>
                <td>{e.label ?? ''}</td>
                <td>{e.expiresAt ? new Date(e.expiresAt).toLocaleString(lang) : '—'}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`${tr(lang, 'opt.remove')} ${e.pattern}`}
                    onClick={async () => {
                      await send({ type: 'personal-remove', pattern: e.pattern, kind: e.kind });
                      await reload();
                    }}
                  >
                    {tr(lang, 'opt.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label>
          {tr(lang, 'opt.importHelp')}
          <textarea name="csv" rows={3} value={csv} onInput={(e) => setCsv((e.target as HTMLTextAreaElement).value)} />
        </label>
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-label={tr(lang, 'opt.chooseCsv')}
          onChange={async (e) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
        <div class="row">
          <button type="button" onClick={() => void importCsv()} disabled={!csv.trim()}>
            {tr(lang, 'opt.import')}
          </button>
          <button type="button" onClick={() => void exportCsv()}>
            {tr(lang, 'opt.exportCsv')}
          </button>
        </div>
      </section>

      <section aria-labelledby="h-sites">
        <h2 id="h-sites">{tr(lang, 'opt.sites')}</h2>
        <p class="muted">{tr(lang, 'opt.sitesHelp')}</p>
        <label class="switch">
          <input
            type="checkbox"
            name="annotateAllSites"
            checked={s.annotateAllSites && allSitesGranted === true}
            onChange={(e) => void toggleAllSites((e.target as HTMLInputElement).checked)}
          />
          {tr(lang, 'opt.allSites')}
        </label>
        <h3>{tr(lang, 'opt.pausedOn')}</h3>
        {s.disabledSites.length === 0 && <p class="muted">{tr(lang, 'opt.noSite')}</p>}
        <ul>
          {s.disabledSites.map((host) => (
            <li key={host}>
              {host}{' '}
              <button
                type="button"
                onClick={() => void save({ disabledSites: s.disabledSites.filter((h) => h !== host) })}
              >
                {tr(lang, 'opt.resume')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="h-general">
        <h2 id="h-general">{tr(lang, 'opt.languageRegion')}</h2>
        <div class="row">
          <label>
            {tr(lang, 'opt.language')}
            <select
              name="language"
              value={s.language}
              onChange={(e) => void save({ language: (e.target as HTMLSelectElement).value as Lang })}
            >
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            {tr(lang, 'opt.region')}
            <input
              name="region"
              maxLength={2}
              value={s.region}
              onChange={(e) => void save({ region: (e.target as HTMLInputElement).value.trim().toUpperCase() })}
            />
          </label>
        </div>
      </section>

      <section aria-labelledby="h-phone">
        <h2 id="h-phone">{tr(lang, 'opt.onMyPhone')}</h2>
        <PhoneGuideLink serverUrl={s.serverUrl} lang={lang} />
      </section>

      <section aria-labelledby="h-server">
        <h2 id="h-server">{tr(lang, 'opt.crowdService')}</h2>
        <form onSubmit={saveServer}>
          <label>
            {tr(lang, 'opt.serviceUrl')}
            <input name="serverUrl" type="url" value={s.serverUrl} />
          </label>
          <label>
            {tr(lang, 'opt.publicKey')}
            <input name="publicKey" value={s.publicKey} />
          </label>
          <div class="row">
            <button class="primary" type="submit">
              {tr(lang, 'opt.save')}
            </button>
            <button
              type="button"
              onClick={async () => {
                const r = await send<{ status: string; message?: string }>({ type: 'sync-now' });
                setMessage({
                  ok: r.status === 'updated' || r.status === 'current',
                  text: `${tr(lang, 'opt.sync')} : ${r.status}${r.message ? ` (${r.message})` : ''}`,
                });
                setStatus(await send<Status>({ type: 'status' }));
              }}
            >
              {tr(lang, 'opt.syncNow')}
            </button>
          </div>
        </form>
        <p class="muted" data-vigie-list-version={status?.listVersion ?? 0}>
          {tr(lang, 'opt.list')} v{status?.listVersion ?? 0} · {tr(lang, 'opt.lastSync')}:{' '}
          {status?.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString(lang) : tr(lang, 'opt.never')}
        </p>
        <ServiceAccess serverUrl={s.serverUrl} lang={lang} permissions={browser.permissions} />
        <SettingSwitch
          name="rangeLookups"
          checked={s.rangeLookups}
          onChange={(on) => void save({ rangeLookups: on })}
          label={tr(lang, 'opt.rangeLookups')}
        />
      </section>

      <section aria-labelledby="h-verdicts">
        <h2 id="h-verdicts">{tr(lang, 'opt.verdicts')}</h2>
        <SettingSwitch
          name="strictCallCentres"
          checked={s.strictCallCentres}
          onChange={(on) => void save({ strictCallCentres: on })}
          label={tr(lang, 'opt.strictCallCentres')}
        />
        <label>
          {tr(lang, 'opt.myNumbers')}
          <textarea
            name="myNumbers"
            rows={2}
            value={s.myNumbers.join('\n')}
            // Saved when the field is left, as the region field is: no second "Save" button on the page.
            onChange={(e) => {
              const mine = parseMyNumbers((e.target as HTMLTextAreaElement).value, s.region);
              if (!mine.ok) setMessage({ ok: false, text: fr ? mine.message : mine.messageEn });
              else void save({ myNumbers: mine.numbers });
            }}
          />
        </label>
        <p class="muted">{tr(lang, 'opt.myNumbersHelp')}</p>
      </section>

      <section aria-labelledby="h-privacy">
        <h2 id="h-privacy">{tr(lang, 'opt.privacy')}</h2>
        <ul>
          {PRIVACY_POINTS.map((key) => (
            <li key={key}>{tr(lang, key)}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
