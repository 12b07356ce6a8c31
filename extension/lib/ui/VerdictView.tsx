/** The verdict card of the popup: level (icon and word, never colour alone), label, number, reasons. */
import type { Verdict } from '../../../shared/verdict.ts';
import { LEVEL_COLOURS, LEVEL_ICON } from '../content/level-style.ts';
import type { Lang, OnlineDetail } from '../messages.ts';

export function VerdictView({ verdict, online, lang }: { verdict: Verdict; online: OnlineDetail | null; lang: Lang }) {
  const [bg, fg] = LEVEL_COLOURS[verdict.level];
  const fr = lang === 'fr';
  return (
    <section class="verdict" aria-live="polite" data-vigie-verdict={verdict.level}>
      <p>
        <span class="level" style={{ background: bg, color: fg }}>
          <span aria-hidden="true">{LEVEL_ICON[verdict.level]} </span>
          {verdict.label[lang]}
        </span>
      </p>
      <p>
        <strong>{verdict.number}</strong>
        {verdict.reports > 0 && (
          <span>
            {' '}
            · {verdict.reports} {fr ? 'signalements' : 'reports'}
            {verdict.lastReportedAt ? ` · ${fr ? 'dernier' : 'last'} ${verdict.lastReportedAt}` : ''}
          </span>
        )}
      </p>
      <ul>
        {verdict.reasons.map((r) => (
          <li key={r.id}>
            {fr ? r.text : r.textEn} <span class="muted">— {r.source}</span>
          </li>
        ))}
      </ul>
      {online && (
        <p class="muted">
          {fr ? 'En ligne (recherche privée) : ' : 'Online (private look-up): '}
          {online.reports} {fr ? 'signalements' : 'reports'}, {online.legitVotes}{' '}
          {fr ? 'votes légitimes' : 'legitimate votes'}
        </p>
      )}
    </section>
  );
}
