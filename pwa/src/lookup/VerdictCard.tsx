/**
 * The verdict card, drawn from the core's view model (shared/present/verdict-view.ts). Contract (issue 5,
 * DESIGN.md §5): the element with `data-vigie-verdict` carries `data-vigie-number` (E.164 or short code) and
 * `data-vigie-level`; the number is shown as people write it. The level is said in words and an SVG icon as well
 * as in colour, and the heading takes focus so a screen reader reads the answer right after the look-up.
 */
import { useEffect, useRef } from 'preact/hooks';
import { tr } from '../../../shared/present/translate.ts';
import { type VerdictViewContext, verdictView } from '../../../shared/present/verdict-view.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import { type Lang, t } from '../i18n/strings.ts';
import { Icon } from '../ui/Icon.tsx';
import { CrowdComments } from './CrowdComments.tsx';

export interface VerdictActions {
  onReport(): void;
  onLogCall(): void;
  onPersonal(kind: 'block' | 'allow' | 'allow-temp'): void;
}

interface Props extends VerdictActions {
  lang: Lang;
  /** Answer number (data-vigie-seq), to tell a fresh answer from the previous one. */
  seq: number;
  verdict: Verdict;
  /** Demo list, the user's own report: what the device knows beside the verdict. */
  context: VerdictViewContext;
  /** Where to ask for the crowd's comments (range look-up); null when the user turned them off. */
  crowdBase: string | null;
  online: boolean;
  notice: string | null;
}

export function VerdictCard({
  lang,
  seq,
  verdict,
  context,
  crowdBase,
  online,
  notice,
  onReport,
  onLogCall,
  onPersonal,
}: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const view = verdictView(lang, verdict, context);
  useEffect(() => {
    // Focus moves to the answer for screen readers; `preventScroll` and the CSS (no ring on a heading that
    // was focused by script, :focus:not(:focus-visible)) keep sighted users from seeing a box around it.
    heading.current?.focus({ preventScroll: true });
    // The bench reads this mark: navigation start → first verdict on screen (test/bench/pwa.bench.ts).
    if (performance.getEntriesByName('vigie:first-verdict').length === 0) performance.mark('vigie:first-verdict');
  }, [verdict]);
  const isE164 = verdict.number.startsWith('+');
  return (
    <article
      class={`verdict ${view.token}`}
      data-vigie-verdict=""
      data-vigie-number={view.number}
      data-vigie-level={view.level}
      data-vigie-seq={seq}
      {...(view.demo ? { 'data-vigie-demo': '' } : {})}
      {...(view.yourReport ? { 'data-vigie-reported': '' } : {})}
      aria-labelledby="verdict-heading"
    >
      <header class="verdict-head">
        <span class="verdict-icon">
          <Icon id={view.icon} size={32} />
        </span>
        <div>
          <h2 id="verdict-heading" tabIndex={-1} ref={heading}>
            <span class="verdict-level">{view.headline}</span>
            {view.detail ? (
              <>
                <span class="visually-hidden"> — </span>
                <span class="verdict-label">{view.detail}</span>
              </>
            ) : null}
          </h2>
          <p class="verdict-number">
            <span class="visually-hidden">{t(lang, 'verdictTitle')} </span>
            <bdi>{view.numberDisplay}</bdi>
            {view.demo ? <span class="chip demo-chip">{tr(lang, 'verdict.demoShort')}</span> : null}
          </p>
        </div>
      </header>
      {view.demo ? (
        <p class="demo-note" data-vigie-demo-note="">
          {view.demo}
        </p>
      ) : null}
      {view.yourReport ? (
        <div class="your-report" data-vigie-your-report="">
          <p>{view.yourReport.said}</p>
          <p>{view.yourReport.next}</p>
        </div>
      ) : null}
      {view.reasons.length > 0 || view.crowdLines.length > 0 ? (
        <section aria-labelledby="verdict-reasons">
          <h3 id="verdict-reasons">{t(lang, 'reasons')}</h3>
          <ul class="reasons">
            {view.reasons.map((reason) => (
              <li key={reason.id} data-reason={reason.id}>
                {reason.text} <small class="source">— {reason.source}</small>
              </li>
            ))}
            {view.crowdLines.map((line) => (
              <li key={line} data-reason="crowd:detail">
                {line}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.operator ? (
        <p class="operator" data-vigie-operator="">
          {view.operator.line} <small>{view.operator.note}</small>
        </p>
      ) : null}
      {crowdBase && isE164 && online ? <CrowdComments lang={lang} base={crowdBase} number={verdict.number} /> : null}
      {crowdBase && isE164 && !online ? (
        <section class="crowd">
          <h3>{t(lang, 'crowdComments')}</h3>
          <p>{t(lang, 'crowdOffline')}</p>
        </section>
      ) : null}
      <div class="actions">
        <button type="button" class="primary" onClick={onReport}>
          {t(lang, 'reportThis')}
        </button>
        <button type="button" onClick={onLogCall} data-action="log-call">
          {t(lang, 'logThisCall')}
        </button>
        {isE164 ? (
          <>
            <button type="button" onClick={() => onPersonal('block')}>
              {t(lang, 'block')}
            </button>
            <button type="button" onClick={() => onPersonal('allow')}>
              {t(lang, 'allow')}
            </button>
            <button type="button" onClick={() => onPersonal('allow-temp')}>
              {t(lang, 'allowTemp')}
            </button>
          </>
        ) : null}
      </div>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
    </article>
  );
}
