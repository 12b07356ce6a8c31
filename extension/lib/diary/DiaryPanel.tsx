/**
 * The diary in the extension popup (issue 6): log a call (number prefilled from the verdict), see the calls
 * grouped by company with the rules each broke, merge or split companies, copy the complaint texts, export CSV,
 * and open the printable evidence page in a tab. The rules and texts come from the core (shared/law, shared/diary).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { parseCallTime } from '../../../shared/diary/call-time.ts';
import { mergeCompanies, splitEntries, suggestCompany } from '../../../shared/diary/company-groups.ts';
import { diaryToCsv } from '../../../shared/diary/diary-csv.ts';
import { type DiaryEntry, makeEntry } from '../../../shared/diary/diary-entry.ts';
import { type CompanyReport, diaryReport } from '../../../shared/diary/diary-report.ts';
import { deleteDiaryEntry, listDiaryEntries, saveDiaryEntries } from '../../../shared/diary/diary-store.ts';
import { type DiaryStringKey, diaryText } from '../../../shared/diary/diary-strings.ts';
import { evidenceHtml } from '../../../shared/diary/evidence-html.ts';
import { bloctelText } from '../../../shared/law/actions/bloctel.ts';
import { readCallerNumber } from '../../../shared/law/caller-id-ranges.ts';
import { companyActions, companyView, withTicked } from '../../../shared/present/diary-view.ts';
import { toLocalInput } from '../../../shared/present/report-draft.ts';
import { openVigieDb, type VigieDb } from '../../../shared/store/db.ts';

/**
 * The panel's few styles, inlined as a <style> element: the popup stays one bundle and the file needs no CSS-module
 * declaration in the tsconfigs that typecheck it (extension and tests).
 */
const PANEL_CSS = `.diary-panel-flags small {
  display: block;
  margin-left: 1.6em;
  color: #57606a;
}
.diary-panel form {
  display: flex;
  flex-direction: column;
  gap: 6px;
}

.diary-panel form label {
  display: flex;
  flex-direction: column;
  font-size: 13px;
}

.diary-panel-flags {
  display: flex;
  flex-wrap: wrap;
  gap: 4px 10px;
}

.diary-panel form .diary-panel-flags label {
  flex-direction: row;
  align-items: center;
}

.diary-panel-company {
  border-top: 1px solid #ccc;
  padding: 6px 0;
}

.diary-panel-company h3 {
  margin: 4px 0;
  font-size: 15px;
}

.diary-panel-company h3 label,
.diary-panel-company li label {
  display: flex;
  flex-direction: row;
  align-items: center;
  gap: 6px;
}

.diary-panel-company input[type="checkbox"] {
  width: auto;
  margin: 0;
}

.diary-panel-company ul {
  padding-left: 16px;
  margin: 4px 0;
  font-size: 12px;
}

.diary-panel .error {
  color: #b3261e;
}
`;

export interface DiaryPanelProps {
  lang: 'fr' | 'en';
  prefillNumber?: string;
}

let opening: Promise<VigieDb> | null = null;
function db(): Promise<VigieDb> {
  opening ??= openVigieDb();
  return opening;
}

const FLAGS = ['masked', 'silent', 'automated', 'refused', 'consent', 'customer'] as const;
type Flag = (typeof FLAGS)[number];
const NO_FLAGS: Record<Flag, boolean> = {
  masked: false,
  silent: false,
  automated: false,
  refused: false,
  consent: false,
  customer: false,
};

function Copy({ lang, text }: { lang: 'fr' | 'en'; text: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {diaryText(lang, done ? 'copied' : 'copy')}
    </button>
  );
}

export function DiaryPanel({ lang, prefillNumber }: DiaryPanelProps) {
  const tr = (k: DiaryStringKey) => diaryText(lang, k);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
  const [entries, setEntries] = useState<DiaryEntry[]>([]);
  const [number, setNumber] = useState(prefillNumber ?? '');
  const [time, setTime] = useState(() => toLocalInput(Date.now(), timeZone));
  const [company, setCompany] = useState('');
  const [answered, setAnswered] = useState(false);
  const [flags, setFlags] = useState(NO_FLAGS);
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [mergeKeys, setMergeKeys] = useState<Set<string>>(new Set());
  const [mergeName, setMergeName] = useState('');

  const reload = async () => setEntries(await listDiaryEntries(await db()));
  useEffect(() => {
    void reload();
  }, []);
  useEffect(() => setNumber(prefillNumber ?? ''), [prefillNumber]);
  const suggestion = useMemo(() => suggestCompany(entries, number), [entries, number]);
  useEffect(() => {
    if (suggestion && company === '') setCompany(suggestion);
  }, [suggestion]);
  const reports = useMemo(() => diaryReport(entries, { timeZone }), [entries, timeZone]);

  async function save(changed: DiaryEntry[]) {
    await saveDiaryEntries(await db(), changed);
    await reload();
  }

  async function submit(event: Event) {
    event.preventDefault();
    const t = parseCallTime(time, timeZone);
    if (!t.ok) return setMessage({ error: true, text: tr('badTime') });
    if (!flags.masked && number.trim() && !readCallerNumber(number))
      return setMessage({ error: true, text: tr('badNumber') });
    await save([makeEntry({ time: t.time, number, company, answered, notes, ...flags })]);
    setMessage({ error: false, text: tr('saved') });
    setNumber('');
    setCompany('');
    setNotes('');
    setFlags(NO_FLAGS);
    setAnswered(false);
    setTime(toLocalInput(Date.now(), timeZone));
  }

  function download(name: string, text: string, type: string) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function openEvidence(r: CompanyReport) {
    const url = URL.createObjectURL(new Blob([evidenceHtml(r, lang, timeZone)], { type: 'text/html' }));
    window.open(url, '_blank', 'noopener');
  }

  return (
    <div class="diary-panel" data-vigie-diary="">
      <style>{PANEL_CSS}</style>
      <form data-vigie-diary-form="" onSubmit={submit}>
        <label>
          {tr('number')}
          <input
            name="number"
            type="tel"
            value={number}
            disabled={flags.masked}
            onInput={(e) => setNumber((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {tr('time')}
          <input
            name="time"
            type="datetime-local"
            value={time}
            onInput={(e) => setTime((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {tr('company')}
          <input name="company" value={company} onInput={(e) => setCompany((e.target as HTMLInputElement).value)} />
          {suggestion && suggestion === company ? <small>{tr('suggested')}</small> : null}
        </label>
        <div class="diary-panel-flags">
          <label>
            <input type="radio" name="answered" checked={answered} onChange={() => setAnswered(true)} />{' '}
            {tr('answered')}
          </label>
          <label>
            <input type="radio" name="answered" checked={!answered} onChange={() => setAnswered(false)} />{' '}
            {tr('missed')}
          </label>
          {FLAGS.map((f) => (
            <label key={f}>
              <input
                type="checkbox"
                name={f}
                checked={flags[f]}
                onChange={(e) => setFlags({ ...flags, [f]: (e.target as HTMLInputElement).checked })}
                aria-describedby={`vigie-diary-${f}-hint`}
              />{' '}
              {tr(f)}
              {/* What the flag changes: "compte comme un appel passé par un automate". */}
              <small id={`vigie-diary-${f}-hint`}>{tr(`${f}Hint`)}</small>
            </label>
          ))}
        </div>
        <label>
          {tr('notes')}
          <input name="notes" value={notes} onInput={(e) => setNotes((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="primary">
          {tr('save')}
        </button>
        {message ? <p class={message.error ? 'error' : 'notice'}>{message.text}</p> : null}
      </form>
      <p>
        <button
          type="button"
          disabled={entries.length === 0}
          onClick={() => download('vigie-journal.csv', diaryToCsv(entries, timeZone), 'text/csv')}
        >
          {tr('exportCsv')}
        </button>
      </p>
      {mergeKeys.size > 1 ? (
        <p class="diary-panel-merge">
          <input
            aria-label={tr('mergeInto')}
            value={mergeName}
            onInput={(e) => setMergeName((e.target as HTMLInputElement).value)}
          />
          <button
            type="button"
            disabled={!mergeName.trim()}
            onClick={async () => {
              await save(mergeCompanies(entries, [...mergeKeys], mergeName));
              setMergeKeys(new Set());
            }}
          >
            {tr('merge')}
          </button>
        </p>
      ) : null}
      {entries.length === 0 ? <p>{tr('empty')}</p> : null}
      {reports.map((r) => (
        <CompanyBlock
          key={r.group.key}
          lang={lang}
          report={r}
          timeZone={timeZone}
          selected={mergeKeys.has(r.group.key)}
          onSelect={(on) => {
            const next = new Set(mergeKeys);
            if (on) next.add(r.group.key);
            else next.delete(r.group.key);
            setMergeKeys(next);
            if (on && !mergeName) setMergeName(r.group.name);
          }}
          onSplit={(ids, name) => save(splitEntries(entries, ids, name))}
          onDelete={async (id) => {
            await deleteDiaryEntry(await db(), id);
            await reload();
          }}
          onEvidence={() => openEvidence(r)}
        />
      ))}
    </div>
  );
}

function CompanyBlock(props: {
  lang: 'fr' | 'en';
  report: CompanyReport;
  timeZone: string;
  selected: boolean;
  onSelect(on: boolean): void;
  onSplit(ids: string[], name: string): Promise<void>;
  onDelete(id: string): Promise<void>;
  onEvidence(): void;
}) {
  const { lang, report: r, timeZone } = props;
  const tr = (k: DiaryStringKey) => diaryText(lang, k);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [splitName, setSplitName] = useState('');
  const view = companyView(lang, r, { timeZone });
  const { signalConso: cases, bloctel, sms33700: premium, letter } = companyActions(r);
  return (
    <section class="diary-panel-company" data-vigie-company={r.group.name}>
      <h3>
        <label>
          <input
            type="checkbox"
            checked={props.selected}
            onChange={(e) => props.onSelect((e.target as HTMLInputElement).checked)}
          />{' '}
          {view.name}
        </label>
      </h3>
      <p data-vigie-law-count={r.lawCount}>
        {view.callsLine} · {view.findingsLine}
      </p>
      <details>
        <summary>{tr('showAll')}</summary>
        <ul>
          {view.calls.map((e) => (
            <li key={e.id} data-vigie-entry={e.id}>
              <label>
                <input
                  type="checkbox"
                  checked={ticked.has(e.id)}
                  onChange={(ev) => setTicked(withTicked(ticked, e.id, (ev.target as HTMLInputElement).checked))}
                />{' '}
                {e.when} · {e.number}
              </label>
              <ul>
                {e.findings.map((f) => (
                  <li key={f.rule} data-vigie-finding={f.rule}>
                    <strong>{f.title}</strong>
                    {f.charter ? <em> ({tr('charterNote')})</em> : null}
                    {tr('colon')}
                    {f.text} <small>({f.source})</small>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => props.onDelete(e.id)}>
                {tr('delete')}
              </button>
            </li>
          ))}
        </ul>
        {ticked.size > 0 ? (
          <p>
            <input
              aria-label={tr('split')}
              placeholder={tr('splitName')}
              value={splitName}
              onInput={(e) => setSplitName((e.target as HTMLInputElement).value)}
            />
            <button
              type="button"
              onClick={async () => {
                await props.onSplit([...ticked], splitName);
                setTicked(new Set());
              }}
            >
              {tr('move')}
            </button>
          </p>
        ) : null}
      </details>
      <p>
        <button type="button" onClick={props.onEvidence}>
          {tr('evidence')}
        </button>
      </p>
      <details>
        <summary>{tr('actions')}</summary>
        <p>
          <small>{tr('nothingSent')}</small>
        </p>
        {cases.map((sc) => (
          <p key={sc.id} data-vigie-action="signalconso">
            {sc.title[lang]} —{' '}
            <a href={sc.url} target="_blank" rel="noopener noreferrer">
              SignalConso
            </a>{' '}
            <Copy lang={lang} text={sc.text.fr} />
          </p>
        ))}
        {bloctel.length > 0 ? (
          <p data-vigie-action="bloctel">
            {tr('bloctel')} <Copy lang={lang} text={bloctel.map((f) => bloctelText(f, lang)).join('\n\n')} />
          </p>
        ) : null}
        {premium.map(({ number, sms }) => (
          <p key={number} data-vigie-action="33700">
            {tr('sms33700')}
            {tr('colon')}
            <code>{sms.messages.join(' → ')}</code> <Copy lang={lang} text={sms.messages[0]!} />
          </p>
        ))}
        <p data-vigie-action="letter">
          {tr('letter')} <Copy lang={lang} text={letter.body.fr} /> <a href={letter.mailto}>{tr('sendMail')}</a>
        </p>
      </details>
    </section>
  );
}
