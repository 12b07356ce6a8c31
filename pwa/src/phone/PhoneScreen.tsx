/**
 * "Sur mon téléphone": how to put Vigie's address book on the phone (a CardDAV subscription on iPhone or with
 * DAVx⁵ on Android, or a one-time .vcf import), the address to copy, and the "Protéger mon téléphone" download.
 * Opened from the look-up screen or at `/?ecran=telephone` (the extension's options page links there with a
 * QR code). docs/phone.md describes what each platform does with the contacts.
 */
import { useState } from 'preact/hooks';
import { type BookLevel, DEFAULT_BOOK_OPTIONS, formatBookOptions } from '../../../shared/phonebook/options.ts';
import { tr as t } from '../../../shared/present/translate.ts';
import type { Lang } from '../i18n/strings.ts';
import { downloadText, makePhoneFile } from './phone-vcf.ts';
import './phone.css';

export interface PhoneScreenProps {
  lang: Lang;
  /** The crowd service's address (it serves the address book); the PWA's own origin by default. */
  serviceBase: string;
  onBack: () => void;
}

/** The CardDAV address for these choices: `/carddav/`, or `/carddav/o/<options>/` when they are not the default. */
export function carddavUrl(serviceBase: string, minLevel: BookLevel, frenchOnly: boolean): string {
  const segment = formatBookOptions({ ...DEFAULT_BOOK_OPTIONS, minLevel, frenchOnly });
  const base = serviceBase.replace(/\/+$/, '');
  return segment ? `${base}/carddav/o/${segment}/` : `${base}/carddav/`;
}

type FileState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; text: string }
  | { kind: 'error'; message: string };

export function PhoneScreen({ lang, serviceBase, onBack }: PhoneScreenProps) {
  const [minLevel, setMinLevel] = useState<BookLevel>('caution');
  const [frenchOnly, setFrenchOnly] = useState(false);
  const [copied, setCopied] = useState(false);
  const [file, setFile] = useState<FileState>({ kind: 'idle' });
  const url = carddavUrl(serviceBase, minLevel, frenchOnly);

  const copy = async (event: Event) => {
    const field = (event.currentTarget as HTMLElement).parentElement?.querySelector('textarea');
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard permission (plain http, older browser): select the text so the user can copy it.
      field?.select();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  const protect = async () => {
    setFile({ kind: 'busy' });
    try {
      const made = await makePhoneFile(`${serviceBase.replace(/\/+$/, '')}/`);
      downloadText(made.text, made.fileName, 'text/vcard');
      const done = t(lang, 'phone.protectDone', {
        file: made.fileName,
        crowd: made.crowdNumbers,
        personal: made.personalNumbers,
        contacts: made.contacts,
      });
      setFile({ kind: 'done', text: made.hadList ? done : `${t(lang, 'phone.protectNoList')} ${done}` });
    } catch (error) {
      setFile({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section aria-labelledby="phone-heading" data-vigie-phone-guide="">
      <h2 id="phone-heading">{t(lang, 'phone.title')}</h2>
      <p>{t(lang, 'phone.intro')}</p>

      <section class="card" aria-labelledby="phone-address-heading">
        <h3 id="phone-address-heading">{t(lang, 'phone.addressTitle')}</h3>
        <label class="field">
          {t(lang, 'phone.levelLabel')}
          <select value={minLevel} onChange={(e) => setMinLevel(e.currentTarget.value as BookLevel)}>
            <option value="caution">{t(lang, 'phone.levelAll')}</option>
            <option value="spam">{t(lang, 'phone.levelSpam')}</option>
            <option value="danger">{t(lang, 'phone.levelDanger')}</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={frenchOnly} onChange={(e) => setFrenchOnly(e.currentTarget.checked)} />{' '}
          {t(lang, 'phone.frenchOnly')}
        </label>
        <div class="phone-copy">
          <textarea
            readOnly
            rows={2}
            value={url}
            aria-label={t(lang, 'phone.addressTitle')}
            data-vigie-carddav-url=""
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" onClick={(e) => void copy(e)}>
            {copied ? t(lang, 'phone.copied') : t(lang, 'phone.copy')}
          </button>
        </div>
        <p class="hint">{t(lang, 'phone.addressHelp')}</p>
      </section>

      <section class="card" aria-labelledby="phone-iphone-heading">
        <h3 id="phone-iphone-heading">{t(lang, 'phone.iphoneTitle')}</h3>
        <ol>
          <li>{t(lang, 'phone.iphone1')}</li>
          <li>{t(lang, 'phone.iphone2')}</li>
          <li>{t(lang, 'phone.iphone3')}</li>
          <li>{t(lang, 'phone.iphone4')}</li>
        </ol>
      </section>

      <section class="card" aria-labelledby="phone-android-heading">
        <h3 id="phone-android-heading">{t(lang, 'phone.androidTitle')}</h3>
        <ol>
          <li>{t(lang, 'phone.android1')}</li>
          <li>{t(lang, 'phone.android2')}</li>
          <li>{t(lang, 'phone.android3')}</li>
        </ol>
      </section>

      <section class="card" aria-labelledby="phone-protect-heading">
        <h3 id="phone-protect-heading">{t(lang, 'phone.protectTitle')}</h3>
        <p class="hint">{t(lang, 'phone.protectHelp')}</p>
        <button
          type="button"
          class="primary"
          data-vigie-protect=""
          disabled={file.kind === 'busy'}
          onClick={() => void protect()}
        >
          {file.kind === 'busy' ? t(lang, 'phone.protectBusy') : t(lang, 'phone.protectButton')}
        </button>
        {file.kind === 'done' ? (
          <p role="status" data-vigie-protect-done="">
            {file.text}
          </p>
        ) : null}
        {file.kind === 'error' ? (
          <p class="error" role="alert">
            {t(lang, 'phone.protectFailed')} {file.message}
          </p>
        ) : null}
      </section>

      <section class="card" aria-labelledby="phone-updates-heading">
        <h3 id="phone-updates-heading">{t(lang, 'phone.updatesTitle')}</h3>
        <p>{t(lang, 'phone.updates')}</p>
      </section>

      <section class="card" aria-labelledby="phone-limits-heading">
        <h3 id="phone-limits-heading">{t(lang, 'phone.limitsTitle')}</h3>
        <p>{t(lang, 'phone.limits')}</p>
      </section>

      <button type="button" onClick={onBack}>
        {t(lang, 'phone.back')}
      </button>
    </section>
  );
}
