/**
 * From findings to action for one company: the SignalConso case and text, Bloctel fields (calls before
 * 11 August 2026), the 33700 SMS for premium caller IDs, and the objection letter. Links open the sites; the user
 * pastes and sends.
 */

import type { CompanyReport } from '../../../shared/diary/diary-report.ts';
import { diaryText } from '../../../shared/diary/diary-strings.ts';
import { bloctelText } from '../../../shared/law/actions/bloctel.ts';
import { companyActions } from '../../../shared/present/diary-view.ts';
import { CopyBox } from './CopyBox.tsx';

export function ActionTexts({ lang, report }: { lang: 'fr' | 'en'; report: CompanyReport }) {
  const tr = (k: Parameters<typeof diaryText>[1]) => diaryText(lang, k);
  const { signalConso: cases, bloctel, sms33700: premium, letter } = companyActions(report);
  return (
    <div class="diary-actions" data-vigie-diary-actions="">
      <h4>{tr('actions')}</h4>
      <p class="hint">{tr('nothingSent')}</p>
      {cases.map((sc) => (
        <details key={sc.id} data-vigie-action="signalconso">
          <summary>
            {tr('signalConso')} — {sc.title[lang]}
          </summary>
          <p>
            <a href={sc.url} target="_blank" rel="noopener noreferrer">
              {tr('openSite')} (signal.conso.gouv.fr)
            </a>
          </p>
          <CopyBox lang={lang} label={tr('signalConso')} text={sc.text.fr} rows={8} />
          {lang === 'en' ? <pre class="diary-translation">{sc.text.en}</pre> : null}
        </details>
      ))}
      {bloctel.length > 0 ? (
        <details data-vigie-action="bloctel">
          <summary>{tr('bloctel')}</summary>
          <p>
            <a href="https://www.bloctel.gouv.fr" target="_blank" rel="noopener noreferrer">
              {tr('openSite')} (bloctel.gouv.fr)
            </a>
          </p>
          {bloctel.map((f, i) => (
            <CopyBox key={i} lang={lang} label={tr('bloctel')} text={bloctelText(f, lang)} rows={7} />
          ))}
        </details>
      ) : null}
      {premium.map(({ number, display, sms }) => {
        return (
          <details key={number} data-vigie-action="33700">
            <summary>
              {tr('sms33700')} — {display}
            </summary>
            <p class="hint">{tr('sms33700Help')}</p>
            {sms.messages.map((m) => (
              <CopyBox key={m} lang={lang} label={tr('sms33700')} text={m} rows={1} />
            ))}
            <p>
              <a href={sms.link}>33700</a>
            </p>
          </details>
        );
      })}
      <details data-vigie-action="letter">
        <summary>{tr('letter')}</summary>
        <p class="hint">{tr('letterHelp')}</p>
        {/* The company is French: the letter to send is French; English readers get the translation below. */}
        <CopyBox lang={lang} label={tr('letter')} text={letter.body.fr} rows={14} />
        {lang === 'en' ? <pre class="diary-translation">{letter.body.en}</pre> : null}
        <p>
          <a href={letter.mailto}>{tr('sendMail')}</a>
        </p>
      </details>
    </div>
  );
}
