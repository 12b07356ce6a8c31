/**
 * Options: personal allow/block lists (add, remove, CSV import/export), sites where Vigie runs, language,
 * region, crowd-service URL and public key, private look-ups, and the privacy statement.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { parseMyNumbers } from '../../../shared/personal/my-numbers.ts';
import type { PersonalEntry } from '../../../shared/personal/personal-lists.ts';
import { ALL_SITES } from '../../lib/known-sites.ts';
import type { ExtensionSettings, Lang, Status } from '../../lib/messages.ts';
import { PhoneGuideLink } from '../../lib/phone/PhoneGuideLink.tsx';
import { ServiceAccess, serviceOriginPattern } from '../../lib/ui/ServiceAccess.tsx';
import { send } from '../../lib/ui/send.ts';
import '../../lib/ui/ui.css';

type SaveAnswer = { ok: true; settings: ExtensionSettings } | { ok: false; error: string };

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

/** One boolean setting, saved as soon as it is ticked (the name is what the e2e tests and the team's checks use). */
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
      setMessage({ ok: true, text: r.settings.language === 'fr' ? 'Enregistré.' : 'Saved.' });
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
        setMessage({ ok: false, text: fr ? 'URL invalide.' : 'Invalid URL.' });
        return;
      }
      const granted = await browser.permissions.request({ origins: [origin] });
      if (!granted) {
        setMessage({ ok: false, text: fr ? 'Accès au service refusé.' : 'Access to the service was refused.' });
        return;
      }
    }
    await save({ serverUrl, publicKey });
  };

  const toggleAllSites = async (on: boolean) => {
    if (on && !(await browser.permissions.request({ origins: ALL_SITES }))) {
      setMessage({ ok: false, text: fr ? 'Permission refusée.' : 'Permission refused.' });
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
      setMessage({ ok: true, text: fr ? 'Ajouté.' : 'Added.' });
    }
    await reload();
  };

  const importCsv = async () => {
    const r = await send<{ imported: number; errors: { line: number; message: string; messageEn: string }[] }>({
      type: 'personal-import',
      csv,
    });
    const errors = r.errors
      .map((x) => `${fr ? 'ligne' : 'line'} ${x.line}: ${fr ? x.message : x.messageEn}`)
      .join(' ; ');
    setMessage({
      ok: r.errors.length === 0,
      text: `${r.imported} ${fr ? 'entrée(s) importée(s)' : 'entries imported'}${errors ? ` — ${errors}` : ''}`,
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
      <h1>{fr ? 'Vigie — réglages' : 'Vigie — settings'}</h1>
      {message && (
        <p role="status" class={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}

      <section aria-labelledby="h-personal">
        <h2 id="h-personal">{fr ? 'Listes personnelles' : 'Personal lists'}</h2>
        <p class="muted">
          {fr
            ? 'Votre liste de confiance l’emporte sur tout le reste. Un préfixe se termine par * (ex. 01 62*).'
            : 'Your allow list wins over everything else. A prefix ends with * (e.g. 01 62*).'}
        </p>
        <form onSubmit={addEntry} class="row" aria-label={fr ? 'Ajouter une entrée' : 'Add an entry'}>
          <label>
            {fr ? 'Numéro ou préfixe' : 'Number or prefix'}
            <input
              name="pattern"
              required
              value={pattern}
              onInput={(e) => setPattern((e.target as HTMLInputElement).value)}
            />
          </label>
          <label>
            {fr ? 'Liste' : 'List'}
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'allow' | 'block')}
            >
              <option value="block">{fr ? 'Blocage' : 'Block'}</option>
              <option value="allow">{fr ? 'Confiance' : 'Allow'}</option>
            </select>
          </label>
          <label>
            {fr ? 'Nom (facultatif)' : 'Name (optional)'}
            <input name="label" value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {fr ? 'Pendant (heures, facultatif)' : 'For (hours, optional)'}
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
            {fr ? 'Ajouter' : 'Add'}
          </button>
        </form>
        <table>
          <caption class="muted">{fr ? `${entries.length} entrée(s)` : `${entries.length} entries`}</caption>
          <thead>
            <tr>
              <th scope="col">{fr ? 'Numéro ou préfixe' : 'Number or prefix'}</th>
              <th scope="col">{fr ? 'Liste' : 'List'}</th>
              <th scope="col">{fr ? 'Nom' : 'Name'}</th>
              <th scope="col">{fr ? 'Expire' : 'Expires'}</th>
              <th scope="col">
                <span class="muted">{fr ? 'Action' : 'Action'}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.kind}:${e.pattern}`} data-personal-pattern={e.pattern} data-personal-kind={e.kind}>
                <td>{e.pattern}</td>
                <td>{e.kind === 'allow' ? (fr ? 'Confiance' : 'Allow') : fr ? 'Blocage' : 'Block'}</td>
                <td>{e.label ?? ''}</td>
                <td>{e.expiresAt ? new Date(e.expiresAt).toLocaleString(lang) : '—'}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`${fr ? 'Retirer' : 'Remove'} ${e.pattern}`}
                    onClick={async () => {
                      await send({ type: 'personal-remove', pattern: e.pattern, kind: e.kind });
                      await reload();
                    }}
                  >
                    {fr ? 'Retirer' : 'Remove'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label>
          {fr
            ? 'Importer (CSV : pattern,kind,label,expiresAt — ou un numéro par ligne)'
            : 'Import (CSV: pattern,kind,label,expiresAt — or one number per line)'}
          <textarea name="csv" rows={3} value={csv} onInput={(e) => setCsv((e.target as HTMLTextAreaElement).value)} />
        </label>
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-label={fr ? 'Choisir un fichier CSV' : 'Choose a CSV file'}
          onChange={async (e) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
        <div class="row">
          <button type="button" onClick={() => void importCsv()} disabled={!csv.trim()}>
            {fr ? 'Importer' : 'Import'}
          </button>
          <button type="button" onClick={() => void exportCsv()}>
            {fr ? 'Exporter en CSV' : 'Export as CSV'}
          </button>
        </div>
      </section>

      <section aria-labelledby="h-sites">
        <h2 id="h-sites">{fr ? 'Sites' : 'Sites'}</h2>
        <p class="muted">
          {fr
            ? 'Par défaut, Vigie lit Google Voice, WhatsApp Web, Teams, les espaces clients Orange, SFR, Bouygues Telecom et Free, et les pages locales (127.0.0.1).'
            : 'By default Vigie reads Google Voice, WhatsApp Web, Teams, the Orange, SFR, Bouygues Telecom and Free customer areas, and local pages (127.0.0.1).'}
        </p>
        <label class="switch">
          <input
            type="checkbox"
            name="annotateAllSites"
            checked={s.annotateAllSites && allSitesGranted === true}
            onChange={(e) => void toggleAllSites((e.target as HTMLInputElement).checked)}
          />
          {fr
            ? 'Tous les sites (le navigateur demandera l’autorisation)'
            : 'Every site (the browser will ask for permission)'}
        </label>
        <h3>{fr ? 'En pause sur' : 'Paused on'}</h3>
        {s.disabledSites.length === 0 && <p class="muted">{fr ? 'Aucun site.' : 'No site.'}</p>}
        <ul>
          {s.disabledSites.map((host) => (
            <li key={host}>
              {host}{' '}
              <button
                type="button"
                onClick={() => void save({ disabledSites: s.disabledSites.filter((h) => h !== host) })}
              >
                {fr ? 'Réactiver' : 'Resume'}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="h-general">
        <h2 id="h-general">{fr ? 'Langue et région' : 'Language and region'}</h2>
        <div class="row">
          <label>
            {fr ? 'Langue' : 'Language'}
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
            {fr ? 'Région (numéros nationaux)' : 'Region (national numbers)'}
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
        <h2 id="h-phone">{fr ? 'Sur mon téléphone' : 'On my phone'}</h2>
        <PhoneGuideLink serverUrl={s.serverUrl} lang={lang} />
      </section>

      <section aria-labelledby="h-server">
        <h2 id="h-server">{fr ? 'Service communautaire' : 'Crowd service'}</h2>
        <form onSubmit={saveServer}>
          <label>
            {fr ? 'Adresse du service (ex. http://127.0.0.1:8080)' : 'Service URL (e.g. http://127.0.0.1:8080)'}
            <input name="serverUrl" type="url" value={s.serverUrl} />
          </label>
          <label>
            {fr ? 'Clé publique Ed25519 (affichée par vigie serve)' : 'Ed25519 public key (printed by vigie serve)'}
            <input name="publicKey" value={s.publicKey} />
          </label>
          <div class="row">
            <button class="primary" type="submit">
              {fr ? 'Enregistrer' : 'Save'}
            </button>
            <button
              type="button"
              onClick={async () => {
                const r = await send<{ status: string; message?: string }>({ type: 'sync-now' });
                setMessage({
                  ok: r.status === 'updated' || r.status === 'current',
                  text: `${fr ? 'Synchronisation' : 'Sync'} : ${r.status}${r.message ? ` (${r.message})` : ''}`,
                });
                setStatus(await send<Status>({ type: 'status' }));
              }}
            >
              {fr ? 'Synchroniser maintenant' : 'Sync now'}
            </button>
          </div>
        </form>
        <p class="muted" data-vigie-list-version={status?.listVersion ?? 0}>
          {fr ? 'Liste' : 'List'} v{status?.listVersion ?? 0} · {fr ? 'dernière synchro' : 'last sync'}:{' '}
          {status?.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString(lang) : fr ? 'jamais' : 'never'}
        </p>
        <ServiceAccess serverUrl={s.serverUrl} lang={lang} permissions={browser.permissions} />
        <SettingSwitch
          name="rangeLookups"
          checked={s.rangeLookups}
          onChange={(on) => void save({ rangeLookups: on })}
          label={
            fr
              ? 'Recherche en ligne privée (envoie 5 caractères d’empreinte, jamais le numéro)'
              : 'Private online look-up (sends 5 hash characters, never the number)'
          }
        />
      </section>

      <section aria-labelledby="h-verdicts">
        <h2 id="h-verdicts">{fr ? 'Verdicts' : 'Verdicts'}</h2>
        <SettingSwitch
          name="strictCallCentres"
          checked={s.strictCallCentres}
          onChange={(on) => void save({ strictCallCentres: on })}
          label={
            fr
              ? 'Traiter les numéros des opérateurs pour centres d’appels comme indésirables (au lieu de « Prudence »)'
              : 'Treat numbers of call-centre operators as spam (instead of “Caution”)'
          }
        />
        <label>
          {fr ? 'Mes numéros (un par ligne)' : 'My numbers (one per line)'}
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
        <p class="muted">
          {fr
            ? 'Vigie ne les signale jamais à cause de numéros voisins ou de l’opérateur de leur tranche.'
            : 'Vigie never flags them because of neighbouring numbers or their block’s operator.'}
        </p>
      </section>

      <section aria-labelledby="h-privacy">
        <h2 id="h-privacy">{fr ? 'Confidentialité' : 'Privacy'}</h2>
        {fr ? (
          <ul>
            <li>
              Les numéros des pages sont analysés sur votre appareil, avec la liste téléchargée. Aucun numéro lu ou
              vérifié ne quitte l’appareil.
            </li>
            <li>
              Ce qui part : vos signalements (numéro, catégorie, commentaire et entreprise facultatifs, heure d’appel),
              avec un identifiant aléatoire créé sur l’appareil — pas de compte, pas de contacts, pas de journal
              d’appels.
            </li>
            <li>
              Si vous l’activez, la recherche en ligne privée envoie seulement les 5 premiers caractères de l’empreinte
              SHA-256 du numéro (k-anonymat) : le service ne voit jamais le numéro.
            </li>
            <li>La synchronisation télécharge la liste publique signée ; elle n’envoie rien sur vous.</li>
            <li>Vos listes personnelles et votre historique restent dans le navigateur.</li>
          </ul>
        ) : (
          <ul>
            <li>
              Numbers on pages are checked on your device, against the downloaded list. No number read or checked leaves
              the device.
            </li>
            <li>
              What leaves: your reports (number, category, optional comment and company, call time), with a random id
              made on the device — no account, no contacts, no call log.
            </li>
            <li>
              If you turn it on, the private online look-up sends only the first 5 characters of the number's SHA-256
              hash (k-anonymity): the service never sees the number.
            </li>
            <li>Sync downloads the signed public list; it sends nothing about you.</li>
            <li>Your personal lists and history stay in the browser.</li>
          </ul>
        )}
      </section>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
