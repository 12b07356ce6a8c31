/** Language, region, crowd service and key, list status, data export/import and wipe. */
import { useState } from 'preact/hooks';
import { trCount } from '../../../shared/present/translate.ts';
import type { ListMeta } from '../../../shared/store/db.ts';
import { type Settings, SettingsError, saveSettings } from '../../../shared/store/settings-store.ts';
import { db } from '../data/db.ts';
import { formatDateTime, type Lang, t } from '../i18n/strings.ts';
import type { ListSyncStatus } from '../sync/sync-client.ts';
import { downloadExport, importData, wipeAllData } from './data-transfer.ts';

interface Props {
  lang: Lang;
  settings: Settings;
  listMeta: ListMeta | null;
  listStatus: ListSyncStatus;
  persisted: boolean | null;
  onSaved(settings: Settings): void;
  onSyncNow(): void;
}

export function SettingsScreen({ lang, settings, listMeta, listStatus, persisted, onSaved, onSyncNow }: Props) {
  const [draft, setDraft] = useState(settings);
  // Own numbers as typed (one per line); stored as E.164 once parsed on save.
  const [myNumbersText, setMyNumbersText] = useState(settings.myNumbers.join('\n'));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      // The parser needs libphonenumber: loaded on save, never in the shell (pwa-budget.test.ts).
      const { parseMyNumbers } = await import('../../../shared/personal/my-numbers.ts');
      const mine = parseMyNumbers(myNumbersText, draft.region.trim().toUpperCase() || 'FR');
      if (!mine.ok) {
        setMessage({ error: true, text: lang === 'fr' ? mine.message : mine.messageEn });
        return;
      }
      const saved = await saveSettings(await db(), {
        language: draft.language,
        region: draft.region.trim().toUpperCase(),
        serverUrl: draft.serverUrl.trim().replace(/\/+$/, ''),
        publicKey: draft.publicKey.trim(),
        rangeLookups: draft.rangeLookups,
        strictCallCentres: draft.strictCallCentres,
        myNumbers: mine.numbers,
      });
      setMyNumbersText(saved.myNumbers.join('\n'));
      onSaved(saved);
      setMessage({ error: false, text: t(saved.language, 'saved') });
    } catch (error) {
      setMessage({ error: true, text: error instanceof SettingsError ? error.message : String(error) });
    }
  };

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      await importData(await file.text());
      setMessage({ error: false, text: t(lang, 'imported') });
      window.location.reload();
    } catch (error) {
      setMessage({ error: true, text: `${t(lang, 'importFailed')} ${error instanceof Error ? error.message : error}` });
    } finally {
      input.value = '';
    }
  };

  const [telMessage, setTelMessage] = useState<string | null>(null);
  /**
   * For browsers that ignore the manifest's protocol_handlers (Firefox; Chromium before installation), the
   * same handler through the runtime API. `tel` is on the HTML safelist, so no `web+` prefix is needed.
   */
  const registerTelHandler = () => {
    try {
      navigator.registerProtocolHandler('tel', `${window.location.origin}/?tel=%s`);
      setTelMessage(t(lang, 'telHandlerAsked'));
    } catch (error) {
      setTelMessage(`${t(lang, 'telHandlerFailed')} ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const wipe = async () => {
    if (!window.confirm(t(lang, 'wipeConfirm'))) return;
    await wipeAllData();
    window.location.replace('/');
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t(lang, 'settingsTitle')}</h2>
      <form class="card" onSubmit={(e) => void save(e)}>
        <label class="field">
          {t(lang, 'language')}
          <select
            name="language"
            value={draft.language}
            onChange={(e) => setDraft({ ...draft, language: e.currentTarget.value as Lang })}
          >
            <option value="fr" lang="fr">
              Français
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </label>
        <label class="field">
          {t(lang, 'region')}
          <input
            name="region"
            value={draft.region}
            maxLength={2}
            autoCapitalize="characters"
            aria-describedby="region-hint"
            onInput={(e) => setDraft({ ...draft, region: e.currentTarget.value })}
          />
          <small id="region-hint">{t(lang, 'regionHint')}</small>
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="rangeLookups"
            checked={draft.rangeLookups}
            onChange={(e) => setDraft({ ...draft, rangeLookups: e.currentTarget.checked })}
          />
          <span>{t(lang, 'rangeLookups')}</span>
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="strictCallCentres"
            checked={draft.strictCallCentres}
            onChange={(e) => setDraft({ ...draft, strictCallCentres: e.currentTarget.checked })}
          />
          {lang === 'fr'
            ? 'Traiter les numéros des opérateurs pour centres d’appels comme indésirables (au lieu de « Prudence »)'
            : 'Treat numbers of call-centre operators as spam (instead of “Caution”)'}
        </label>
        <label class="field">
          {lang === 'fr' ? 'Mes numéros' : 'My numbers'}
          <textarea
            name="myNumbers"
            rows={2}
            value={myNumbersText}
            aria-describedby="my-numbers-hint"
            onInput={(e) => setMyNumbersText(e.currentTarget.value)}
          />
          <small id="my-numbers-hint">
            {lang === 'fr'
              ? 'Un par ligne. Vigie ne les signale jamais à cause de numéros voisins ou de l’opérateur de leur tranche.'
              : 'One per line. Vigie never flags them because of neighbouring numbers or their block’s operator.'}
          </small>
        </label>
        <details class="advanced" data-vigie-advanced="">
          <summary>{t(lang, 'advanced')}</summary>
          <p class="hint">{t(lang, 'advancedHint')}</p>
          <label class="field">
            {t(lang, 'serviceUrl')}
            <input
              name="serverUrl"
              type="url"
              value={draft.serverUrl}
              placeholder={window.location.origin}
              aria-describedby="url-hint"
              onInput={(e) => setDraft({ ...draft, serverUrl: e.currentTarget.value })}
            />
            <small id="url-hint">{t(lang, 'serviceUrlHint')}</small>
          </label>
          <label class="field">
            {t(lang, 'publicKey')}
            <input
              name="publicKey"
              value={draft.publicKey}
              autoComplete="off"
              spellcheck={false}
              aria-describedby="key-hint"
              onInput={(e) => setDraft({ ...draft, publicKey: e.currentTarget.value })}
            />
            <small id="key-hint">{t(lang, 'publicKeyHint')}</small>
            {listMeta ? (
              <small>
                {t(lang, 'pinnedKey')} <code>{listMeta.publicKey}</code>
              </small>
            ) : null}
          </label>
        </details>
        <button type="submit" class="primary">
          {t(lang, 'save')}
        </button>
        {message ? (
          <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
      </form>

      <section class="card" aria-labelledby="list-status-heading">
        <h3 id="list-status-heading">{t(lang, 'listStatus')}</h3>
        <p data-vigie-list-version={listMeta?.version ?? ''}>
          {listMeta
            ? [
                t(lang, 'listVersion', { version: String(listMeta.version) }),
                ...(listMeta.count !== undefined ? [trCount(lang, 'entries', listMeta.count)] : []),
                t(lang, 'syncedAt', { when: formatDateTime(lang, listMeta.syncedAt) }),
              ].join(' · ')
            : t(lang, 'listNone')}
        </p>
        {listStatus.kind === 'failed' ? (
          <p class="error" role="alert">
            {t(lang, 'syncFailed')} {listStatus.message}
          </p>
        ) : null}
        {listStatus.kind === 'done' ? <p role="status">{t(lang, 'syncOk')}</p> : null}
        <button type="button" onClick={onSyncNow} disabled={listStatus.kind === 'running'}>
          {t(lang, 'syncNow')}
        </button>
        {persisted !== null ? <p>{t(lang, persisted ? 'storagePersisted' : 'storageNotPersisted')}</p> : null}
      </section>

      {'registerProtocolHandler' in navigator ? (
        <section class="card" aria-labelledby="tel-heading">
          <h3 id="tel-heading">{t(lang, 'telHandler')}</h3>
          <p class="hint">{t(lang, 'telHandlerHint')}</p>
          <button type="button" onClick={registerTelHandler}>
            {t(lang, 'telHandlerButton')}
          </button>
          {telMessage ? <p role="status">{telMessage}</p> : null}
        </section>
      ) : null}

      <section class="card" aria-label={t(lang, 'exportData')}>
        <button type="button" onClick={() => void downloadExport()}>
          {t(lang, 'exportData')}
        </button>
        <label class="file-button">
          <span>{t(lang, 'importData')}</span>
          <input
            class="visually-hidden"
            type="file"
            accept="application/json,.json"
            onChange={(e) => void onImport(e)}
          />
        </label>
        <button type="button" class="danger" onClick={() => void wipe()}>
          {t(lang, 'wipe')}
        </button>
      </section>
    </section>
  );
}
