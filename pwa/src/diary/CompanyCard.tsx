/** One company: its calls (from every number it used), the rules each call broke, split/merge controls, actions. */
import { useState } from 'preact/hooks';
import type { CompanyReport } from '../../../shared/diary/diary-report.ts';
import { diaryText } from '../../../shared/diary/diary-strings.ts';
import { companyView, withTicked } from '../../../shared/present/diary-view.ts';
import { ActionTexts } from './ActionTexts.tsx';

interface Props {
  lang: 'fr' | 'en';
  report: CompanyReport;
  timeZone: string;
  selected: boolean;
  onSelect(selected: boolean): void;
  onSplit(ids: string[], name: string): Promise<void>;
  onDelete(id: string): Promise<void>;
  onEvidence(): void;
}

export function CompanyCard({ lang, report, timeZone, selected, onSelect, onSplit, onDelete, onEvidence }: Props) {
  const tr = (k: Parameters<typeof diaryText>[1]) => diaryText(lang, k);
  const view = companyView(lang, report, { timeZone });
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [splitName, setSplitName] = useState('');
  const name = view.name;
  return (
    <section class="diary-company" data-vigie-company={report.group.name} aria-label={name}>
      <header class="diary-company-head">
        <label class="check">
          <input
            type="checkbox"
            checked={selected}
            onChange={(e) => onSelect((e.target as HTMLInputElement).checked)}
          />
          <span class="visually-hidden">{tr('selectCompany')}</span>
        </label>
        <div>
          <h3>{name}</h3>
          <p class="hint">
            {view.callsLine}
            {view.numbersLine ? ` · ${view.numbersLine}` : ''}
          </p>
          <p
            class={report.lawCount > 0 ? 'diary-count diary-count-law' : 'diary-count'}
            data-vigie-law-count={report.lawCount}
          >
            {view.findingsLine}
          </p>
        </div>
      </header>
      <details>
        <summary>{tr('showAll')}</summary>
        <ul class="diary-calls">
          {view.calls.map((e) => {
            return (
              <li key={e.id} class="diary-call" data-vigie-entry={e.id}>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={ticked.has(e.id)}
                    onChange={(ev) => setTicked(withTicked(ticked, e.id, (ev.target as HTMLInputElement).checked))}
                  />
                  <span>
                    {e.when} · {e.number} · {e.facts.join(' · ')}
                  </span>
                </label>
                {e.findings.length > 0 ? (
                  <ul class="diary-findings">
                    {e.findings.map((f) => (
                      <li key={f.rule} data-vigie-finding={f.rule} class={f.charter ? 'diary-charter' : 'diary-law'}>
                        <strong>{f.title}</strong>
                        {f.charter ? <em> ({tr('charterNote')})</em> : null}
                        {tr('colon')}
                        {f.text}
                        <br />
                        <small>
                          {tr('source')}
                          {tr('colon')}
                          {f.source}
                        </small>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <button type="button" class="danger diary-delete" onClick={() => onDelete(e.id)}>
                  {tr('delete')}
                </button>
              </li>
            );
          })}
        </ul>
        {ticked.size > 0 ? (
          <div class="diary-split">
            <label class="field">
              <span>{tr('split')}</span>
              <input
                value={splitName}
                placeholder={tr('splitName')}
                onInput={(e) => setSplitName((e.target as HTMLInputElement).value)}
              />
            </label>
            <button
              type="button"
              onClick={async () => {
                await onSplit([...ticked], splitName);
                setTicked(new Set());
                setSplitName('');
              }}
            >
              {tr('move')}
            </button>
          </div>
        ) : null}
      </details>
      <div class="actions">
        <button type="button" onClick={onEvidence} data-vigie-open-evidence="">
          {tr('evidence')}
        </button>
      </div>
      <ActionTexts lang={lang} report={report} />
    </section>
  );
}
