/** The crowd's recent comments for the number on the verdict card, fetched by hash prefix (crowd-detail.ts). */
import { useEffect, useState } from 'preact/hooks';
import type { Aggregate } from '../../../shared/api/schemas.ts';
import { categoryLabel, formatDay, type Lang, t } from '../i18n/strings.ts';
import { fetchCrowdDetail } from './crowd-detail.ts';

type State = { kind: 'loading' } | { kind: 'done'; detail: Aggregate | null } | { kind: 'failed' };

export function CrowdComments({ lang, base, number }: { lang: Lang; base: string; number: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    fetchCrowdDetail(base, number, abort.signal).then(
      (detail) => setState({ kind: 'done', detail }),
      () => {
        if (!abort.signal.aborted) setState({ kind: 'failed' });
      },
    );
    return () => abort.abort();
  }, [base, number]);
  return (
    <section class="crowd" aria-live="polite" aria-busy={state.kind === 'loading'}>
      <h3>{t(lang, 'crowdComments')}</h3>
      {state.kind === 'loading' ? <p>{t(lang, 'crowdLoading')}</p> : null}
      {state.kind === 'failed' ? <p>{t(lang, 'crowdOffline')}</p> : null}
      {state.kind === 'done' && (!state.detail || state.detail.comments.length === 0) ? (
        <p>{t(lang, 'crowdNone')}</p>
      ) : null}
      {state.kind === 'done' && state.detail && state.detail.comments.length > 0 ? (
        <ul class="comments">
          {state.detail.comments.slice(0, 5).map((comment, i) => (
            // Several reporters may write the same words on the same day: the position keeps keys unique.
            <li key={`${i}-${comment.at}`}>
              <p>{comment.text}</p>
              <small>
                {categoryLabel(lang, comment.category)}
                {comment.company ? ` · ${comment.company}` : ''} · {formatDay(lang, comment.at.slice(0, 10))}
              </small>
            </li>
          ))}
        </ul>
      ) : null}
      <p class="hint">{t(lang, 'crowdPrivacy')}</p>
    </section>
  );
}
