/**
 * The printable evidence page: one company, its calls in time order, each with the rules it broke in plain words
 * and the article cited (the view model is the core's, shared with the extension's printable page). Print CSS
 * (diary.css) hides everything else, so "Imprimer / PDF" gives just this page; one block per call, so it reads
 * on a 390 px phone as on A4.
 */
import type { CompanyReport } from '../../../shared/diary/diary-report.ts';
import { evidenceView } from '../../../shared/present/diary-view.ts';
import type { Lang } from '../../../shared/present/lang.ts';
import { tr } from '../../../shared/present/translate.ts';

interface Props {
  lang: Lang;
  report: CompanyReport;
  timeZone: string;
  onClose(): void;
}

export function EvidencePage({ lang, report, timeZone, onClose }: Props) {
  const view = evidenceView(lang, report, { timeZone });
  const colon = tr(lang, 'diary.colon');
  return (
    <article class="diary-evidence" data-vigie-evidence="" aria-labelledby="diary-evidence-title">
      <div class="diary-evidence-tools">
        <button type="button" class="primary" onClick={() => window.print()}>
          {tr(lang, 'diary.print')}
        </button>
        <button type="button" onClick={onClose}>
          {tr(lang, 'diary.close')}
        </button>
      </div>
      <h2 id="diary-evidence-title">{view.title}</h2>
      <p>{view.numbersLine}</p>
      <p>{view.zoneLine}</p>
      <ol class="diary-evidence-calls">
        {view.company.calls.map((call) => (
          <li key={call.id} class="diary-evidence-call" data-vigie-call={call.position}>
            <h3>
              {tr(lang, 'diary.callNumber', { n: call.position })} — {call.when}
            </h3>
            <p class="diary-evidence-facts">
              {call.number} · {call.facts.join(' · ')}
            </p>
            {call.notes ? <p class="diary-evidence-facts">{call.notes}</p> : null}
            {call.findings.length === 0 ? (
              <p>{tr(lang, 'diary.noFinding')}</p>
            ) : (
              <ul>
                {call.findings.map((f) => (
                  <li key={f.rule} data-vigie-finding={f.rule}>
                    <strong>{f.title}</strong>
                    {f.charter ? ` (${tr(lang, 'diary.charterNote')})` : ''}
                    {colon}
                    {f.text}
                    <br />
                    <small>
                      {tr(lang, 'diary.source')}
                      {colon}
                      {f.source}
                    </small>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      <p class="hint">{view.footer}</p>
    </article>
  );
}
