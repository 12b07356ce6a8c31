/**
 * The crowd service's host permission as the browser holds it now, in the options page (issue 10 §5: the real
 * state of every permission). Without it, sync and reports fail: the user may have refused it when saving the
 * URL, or withdrawn site access in the browser's extension settings. A button asks for it again.
 * `permissions` is the browser's API, passed in so the unit test can give a fake one.
 */

import { useEffect, useState } from 'preact/hooks';
import { tr } from '../../../shared/present/translate.ts';
import type { Lang } from '../messages.ts';

type Listener = () => void;

/** The part of `browser.permissions` used here. */
export interface HostPermissions {
  contains(p: { origins: string[] }): Promise<boolean>;
  request(p: { origins: string[] }): Promise<boolean>;
  onAdded: { addListener(cb: Listener): void; removeListener(cb: Listener): void };
  onRemoved: { addListener(cb: Listener): void; removeListener(cb: Listener): void };
}

/**
 * The host-permission pattern for a service URL, as the options page requests it when the URL is saved; null
 * for anything but an http(s) URL.
 */
export function serviceOriginPattern(serverUrl: string): string | null {
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}/*` : null;
  } catch {
    return null;
  }
}

type State = 'none' | 'checking' | 'granted' | 'missing';

export function ServiceAccess({
  serverUrl,
  lang,
  permissions,
}: {
  serverUrl: string;
  lang: Lang;
  permissions: HostPermissions;
}) {
  const pattern = serviceOriginPattern(serverUrl);
  const [state, setState] = useState<State>(pattern ? 'checking' : 'none');
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    if (!pattern) {
      setState('none');
      return;
    }
    let live = true;
    const check = () =>
      void permissions
        .contains({ origins: [pattern] })
        .catch(() => false)
        .then((granted) => {
          if (live) setState(granted ? 'granted' : 'missing');
        });
    check();
    // Granted or withdrawn elsewhere (the browser's own extension settings): follow it.
    permissions.onAdded.addListener(check);
    permissions.onRemoved.addListener(check);
    return () => {
      live = false;
      permissions.onAdded.removeListener(check);
      permissions.onRemoved.removeListener(check);
    };
  }, [pattern, permissions]);

  const ask = async () => {
    if (!pattern) return;
    // Must run in the click's user gesture: no await before the request.
    const granted = await permissions.request({ origins: [pattern] }).catch(() => false);
    setRefused(!granted);
    setState(granted ? 'granted' : 'missing');
  };

  if (state === 'none') {
    return (
      <p class="muted" data-vigie-service-access="none">
        {tr(lang, 'opt.accessNoService')}
      </p>
    );
  }
  const origin = pattern ? pattern.slice(0, -2) : '';
  return (
    <div data-vigie-service-access={state}>
      {state === 'checking' && <p class="muted">{tr(lang, 'opt.accessChecking')}</p>}
      {state === 'granted' && <p class="ok">{tr(lang, 'opt.accessGranted', { origin })}</p>}
      {state === 'missing' && (
        <>
          <p class="error">{tr(lang, 'opt.accessMissing', { origin })}</p>
          <button type="button" onClick={() => void ask()}>
            {tr(lang, 'opt.accessGrant')}
          </button>
          {refused && (
            <p role="alert" class="error">
              {tr(lang, 'opt.accessRefused')}
            </p>
          )}
        </>
      )}
    </div>
  );
}
