/**
 * The printable evidence page: one company, its calls in time order, the rules each call broke with their source.
 * Print CSS (diary.css) hides everything else, so "Print / PDF" gives just this page.
 */
import type { CompanyReport } from '../../../shared/diary/diary-report.ts';
import { diaryText } from '../../../shared/diary/diary-strings.ts';
import { displayCallerNumber } from '../../../shared/law/caller-id-ranges.ts';
import { describeWhen } from '../../../shared/law/describe-call.ts';
import { localParts } from '../../../shared/law/zoned-time.ts';

export function EvidencePage({
  lang,
  report,
  timeZone,
  onClose,
}: {
  lang: 'fr' | 'en';
  report: CompanyReport;
  timeZone: string;
  onClose(): void;
}) {
  const tr = (k: Parameters<typeof diaryText>[1]) => diaryText(lang, k);
  const g = report.group;
  const name = g.name || tr('unknownCompany');
  return (
    <article class="diary-evidence" data-vigie-evidence="" aria-labelledby="diary-evidence-title">
      <div class="diary-evidence-tools">
        <button type="button" class="primary" onClick={() => window.print()}>
          {tr('print')}
        </button>
        <button type="button" onClick={onClose}>
          {tr('close')}
        </button>
      </div>
      <h2 id="diary-evidence-title">
        {tr('evidenceTitle')} — {name}
      </h2>
      <p>
        {tr('numbers')}
        {tr('colon')}
        {g.numbers.map((n) => displayCallerNumber(n)).join(', ') || '—'} · {g.entries.length} {tr('calls')} ·{' '}
        {tr('timeZone')}
        {tr('colon')}
        {timeZone}
      </p>
      <table class="diary-evidence-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{tr('call')}</th>
            <th scope="col">{tr('number')}</th>
            <th scope="col">{tr('findings')}</th>
          </tr>
        </thead>
        <tbody>
          {g.entries.map((e, i) => {
            const when = describeWhen(localParts(e.time, timeZone))[lang];
            const fs = report.byEntry.get(e.id) ?? [];
            const flags = [
              e.answered ? tr('answered') : tr('missed'),
              e.silent ? tr('silent') : '',
              e.automated ? tr('automated') : '',
              e.refused ? tr('refused') : '',
              e.consent ? tr('consent') : '',
              e.customer ? tr('customer') : '',
            ].filter(Boolean);
            return (
              <tr key={e.id}>
                <td>{i + 1}</td>
                <td>
                  {when}
                  <br />
                  <small>{flags.join(' · ')}</small>
                  {e.notes ? (
                    <>
                      <br />
                      <small>{e.notes}</small>
                    </>
                  ) : null}
                </td>
                <td>{e.masked ? tr('masked') : displayCallerNumber(e.number) || '—'}</td>
                <td>
                  {fs.length === 0 ? (
                    '—'
                  ) : (
                    <ul>
                      {fs.map((f) => (
                        <li key={f.rule} data-vigie-finding={f.rule}>
                          <strong>{f.rule}</strong>
                          {f.kind === 'charter' ? ` (${tr('charterNote')})` : ''}
                          {tr('colon')}
                          {lang === 'fr' ? f.text : f.textEn}
                          <br />
                          <small>
                            {tr('source')}
                            {tr('colon')}
                            {f.source}
                          </small>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">{tr('generatedBy')}</p>
    </article>
  );
}
