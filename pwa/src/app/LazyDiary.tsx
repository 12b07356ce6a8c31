/**
 * The diary screen (pwa/src/diary/, its own feature) loaded on first use: it is a third of the shell's code
 * and most visits never open it. The service worker precaches the chunk, so it opens offline too.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DiaryScreenProps } from '../diary/DiaryScreen.tsx';
import { type Lang, t } from '../i18n/strings.ts';

let loaded: ComponentType<DiaryScreenProps> | null = null;

export function LazyDiary(props: { lang: Lang; prefillNumber?: string }) {
  const [Screen, setScreen] = useState<ComponentType<DiaryScreenProps> | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Screen) return;
    import('../diary/DiaryScreen.tsx').then(
      (module) => {
        loaded = module.DiaryScreen;
        setScreen(() => module.DiaryScreen);
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
