/**
 * The verdict card. Contract (issue 5, DESIGN.md §5): the element with `data-vigie-verdict` carries
 * `data-vigie-number` (E.164 or short code) and `data-vigie-level`. The level is said in words as well as in
 * colour, and the heading takes focus so a screen reader reads the answer right after the look-up.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Verdict } from '../../../shared/verdict.ts';
import { categoryLabel, formatDay, type Lang, levelLabel, t } from '../i18n/strings.ts';
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
  /** Where to ask for the crowd's comments (range look-up); null when the user turned them off. */
  crowdBase: string | null;
  online: boolean;
  notice: string | null;
}

const LEVEL_ICON: Record<Verdict['level'], string> = {
  danger: '⛔',
  spam: '⚠',
  caution: '◐',
  unknown: '?',
  trusted: '✓',
};

/** "Indésirable — Appel automatisé" → "Appel automatisé"; a label without a dash is kept whole. */
/** What the label adds after the level ("Indésirable — Démarchage" → "Démarchage"); nothing when it is the level alone. */
function labelDetail(label: string): string {
  const dash = label.indexOf(' — ');
  return dash >= 0 ? label.slice(dash + 3) : '';
}

export function VerdictCard({ lang, seq, verdict, crowdBase, online, notice, onReport, onLogCall, onPersonal }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = labelDetail(lang === 'fr' ? verdict.label.fr : verdict.label.en);
  useEffect(() => {
    heading.current?.focus();
    // The bench reads this mark: navigation start → first verdict on screen (test/bench/pwa.bench.ts).
    if (performance.getEntriesByName('vigie:first-verdict').length === 0) performance.mark('vigie:first-verdict');
  }, [verdict]);
  const isE164 = verdict.number.startsWith('+');
  return (
    <article
      class={`verdict level-${verdict.level}`}
      data-vigie-verdict=""
      data-vigie-number={verdict.number}
      data-vigie-level={verdict.level}
      data-vigie-seq={seq}
      aria-labelledby="verdict-heading"
    >
      <header class="verdict-head">
        <span class="verdict-icon" aria-hidden="true">
          {LEVEL_ICON[verdict.level]}
        </span>
        <div>
          <h2 id="verdict-heading" tabIndex={-1} ref={heading}>
            <span class="verdict-level">{levelLabel(lang, verdict.level)}</span>
            {/* The label repeats the level first ("Indésirable — …"): show only what it adds. */}
            {detail ? (
              <>
                <span class="visually-hidden"> — </span>
                <span class="verdict-label">{detail}</span>
              </>
            ) : null}
          </h2>
          <p class="verdict-number">
            <span class="visually-hidden">{t(lang, 'verdictTitle')} </span>
            <bdi>{verdict.number}</bdi>
            {verdict.category ? <span class="chip">{categoryLabel(lang, verdict.category)}</span> : null}
          </p>
        </div>
      </header>
      <dl class="facts">
        <div>
          <dt>{t(lang, 'reports')}</dt>
          <dd>{verdict.reports}</dd>
        </div>
        {verdict.lastReportedAt ? (
          <div>
            <dt>{t(lang, 'lastReport')}</dt>
            <dd>{formatDay(lang, verdict.lastReportedAt)}</dd>
          </div>
        ) : null}
        {verdict.operator ? (
          <div>
            <dt>{t(lang, 'operator')}</dt>
            <dd>
              {verdict.operator.name} <small>({t(lang, 'operatorNote')})</small>
            </dd>
          </div>
        ) : null}
      </dl>
      {verdict.reasons.length > 0 ? (
        <section aria-label={t(lang, 'reasons')}>
          <h3>{t(lang, 'reasons')}</h3>
          <ul class="reasons">
            {verdict.reasons.map((reason) => (
              <li key={reason.id} data-reason={reason.id}>
                {lang === 'fr' ? reason.text : reason.textEn} <small class="source">— {reason.source}</small>
              </li>
            ))}
          </ul>
        </section>
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
