/**
 * The popup's verdict card, drawn from the core's view model (shared/present/verdict-view.ts): level as an icon
 * and a word (never colour alone), the number as people write it, reasons, the crowd's counts only when it has
 * something to say, demo data labelled, the user's own report and what happens next.
 */
import type { VerdictViewContext } from '../../../shared/present/verdict-view.ts';
import { verdictView } from '../../../shared/present/verdict-view.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import type { Lang, OnlineDetail } from '../messages.ts';
import { Icon } from './Icon.tsx';

interface Props {
  verdict: Verdict;
  online: OnlineDetail | null;
  context: VerdictViewContext;
  lang: Lang;
}

export function VerdictView({ verdict, online, context, lang }: Props) {
  const view = verdictView(lang, verdict, { ...context, online });
  const [bg, fg] = view.colours;
  return (
    <section
      class="verdict"
      aria-live="polite"
      data-vigie-verdict={view.level}
      data-vigie-number={view.number}
      {...(view.demo ? { 'data-vigie-demo': '' } : {})}
    >
      <p>
        <span class="level" style={{ background: bg, color: fg }}>
          <Icon id={view.icon} knockout={bg} /> {view.title}
        </span>
      </p>
      <p>
        <strong>{view.numberDisplay}</strong>
      </p>
      {view.demo && <p class="demo">{view.demo}</p>}
      {view.yourReport && (
        <p class="ok" data-vigie-your-report="">
          {view.yourReport.said} {view.yourReport.next}
        </p>
      )}
      <ul>
        {view.reasons.map((r) => (
          <li key={r.id}>
            {r.text} <span class="muted">— {r.source}</span>
          </li>
        ))}
        {view.crowdLines.map((line) => (
          <li key={line}>{line}</li>
        ))}
        {view.operator && (
          <li>
            {view.operator.line} <span class="muted">{view.operator.note}</span>
          </li>
        )}
      </ul>
    </section>
  );
}
