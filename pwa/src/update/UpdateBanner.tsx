/** "Nouvelle version disponible" with a reload button, and the one-time "works offline now" note. */
import { type Lang, t } from '../i18n/strings.ts';

export function UpdateBanner({ lang, onReload }: { lang: Lang; onReload: () => void }) {
  return (
    <div class="banner" role="alert" data-vigie-update="">
      <span>{t(lang, 'updateAvailable')}</span>
      <button type="button" class="primary" onClick={onReload}>
        {t(lang, 'reload')}
      </button>
    </div>
  );
}

export function OfflineReadyBanner({ lang, onClose }: { lang: Lang; onClose: () => void }) {
  return (
    <div class="banner" role="status" data-vigie-offline-ready="">
      <span>{t(lang, 'offlineReady')}</span>
      <button type="button" onClick={onClose}>
        {t(lang, 'close')}
      </button>
    </div>
  );
}
