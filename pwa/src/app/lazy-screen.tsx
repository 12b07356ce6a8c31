/**
 * A screen loaded on first use (the diary, the phone guide): the shell stays small and most visits never open
 * them. The service worker precaches every chunk, so a lazy screen opens offline too. A failed import (a chunk
 * missing after an update) says so instead of spinning forever.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Lang, t } from '../i18n/strings.ts';

export function lazyScreen<P extends { lang: Lang }>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyScreen(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      load().then(
        (component) => {
          loaded = component;
          setScreen(() => component);
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
  };
}
