/**
 * The phone guide (PhoneScreen.tsx) loaded on first use, like the diary: it carries the phone-book builder and
 * the list reader, which the shell does not need. The service worker precaches the chunk, so it opens offline.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/strings.ts';
import type { PhoneScreenProps } from './PhoneScreen.tsx';

let loaded: ComponentType<PhoneScreenProps> | null = null;

export function LazyPhone(props: PhoneScreenProps) {
  const [Screen, setScreen] = useState<ComponentType<PhoneScreenProps> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Screen) return;
    import('./PhoneScreen.tsx').then(
      (module) => {
        loaded = module.PhoneScreen;
        setScreen(() => module.PhoneScreen);
      },
      () => setFailed(true),
    );
  }, [Screen]);
  if (failed) {
    return (
      <p class="error" role="alert">
        {t(props.lang, 'engineFailed')}
      </p>
    );
  }
  if (!Screen) return <p aria-busy="true">{t(props.lang, 'loading')}</p>;
  return <Screen {...props} />;
}

/** `/?ecran=telephone` opens the guide (the link and QR code of the extension's options page). */
export function wantsPhoneGuide(search: string): boolean {
  return new URLSearchParams(search).get('ecran') === 'telephone';
}
