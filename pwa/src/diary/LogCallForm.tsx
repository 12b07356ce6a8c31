/** Log one call: number prefilled from a verdict or typed, time defaulting to now, the flags the rules need. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { suggestCompany } from '../../../shared/diary/company-groups.ts';
import type { DiaryEntry, DiaryEntryInput } from '../../../shared/diary/diary-entry.ts';
import { diaryText } from '../../../shared/diary/diary-strings.ts';
import { readCallerNumber } from '../../../shared/law/caller-id-ranges.ts';
import { crowdCompanies } from './crowd-companies.ts';
import { fromLocalInput, toLocalInput } from './diary-time.ts';

interface Props {
  lang: 'fr' | 'en';
  timeZone: string;
  entries: DiaryEntry[];
  prefillNumber?: string;
  onSave(input: DiaryEntryInput): Promise<void>;
}

export function LogCallForm({ lang, timeZone, entries, prefillNumber, onSave }: Props) {
  const tr = (k: Parameters<typeof diaryText>[1]) => diaryText(lang, k);
  const [number, setNumber] = useState(prefillNumber ?? '');
  const [time, setTime] = useState(() => toLocalInput(Date.now(), timeZone));
  const [company, setCompany] = useState('');
  const [companyTouched, setCompanyTouched] = useState(false);
  const [answered, setAnswered] = useState(false);
  const [flags, setFlags] = useState({
    silent: false,
    automated: false,
    masked: false,
    refused: false,
    consent: false,
    customer: false,
  });
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const [crowd, setCrowd] = useState<string[]>([]);
  useEffect(() => {
    setCrowd([]);
    if (flags.masked || number.trim() === '') return;
    // Wait until the user stops typing before asking the crowd service.
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void crowdCompanies(number, abort.signal).then((names) => {
        if (!abort.signal.aborted) setCrowd(names);
      });
    }, 400);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [number, flags.masked]);
  const ownSuggestion = useMemo(
    () => (flags.masked ? null : suggestCompany(entries, number)),
    [entries, number, flags.masked],
  );
  // The user's own diary wins over the crowd.
  const suggestion = ownSuggestion ?? crowd[0] ?? null;
  useEffect(() => {
    if (!companyTouched && suggestion) setCompany(suggestion);
  }, [suggestion, companyTouched]);
  const knownCompanies = useMemo(
    () =>
      [...new Set([...crowd, ...entries.map((e) => e.company.trim()).filter(Boolean)])].sort((a, b) =>
        a.localeCompare(b),
      ),
    [entries, crowd],
  );

  /** A flag with what it changes said under it ("compte comme un appel passé par un automate"). */
  const flag = (key: keyof typeof flags) => (
    <div class="check-with-hint">
      <label class="check">
        <input
          type="checkbox"
          name={key}
          checked={flags[key]}
          aria-describedby={`diary-${key}-hint`}
          onChange={(e) => setFlags({ ...flags, [key]: (e.target as HTMLInputElement).checked })}
        />
        <span>{tr(key)}</span>
      </label>
      <small class="hint" id={`diary-${key}-hint`}>
        {tr(`${key}Hint`)}
      </small>
    </div>
  );

  async function submit(event: Event) {
    event.preventDefault();
    const ms = fromLocalInput(time, timeZone);
    if (ms === null) {
      setMessage({ error: true, text: tr('badTime') });
      return;
    }
    if (!flags.masked && number.trim() !== '' && !readCallerNumber(number)) {
      setMessage({ error: true, text: tr('badNumber') });
      return;
    }
    await onSave({ time: ms, number, company, answered, notes, ...flags });
    setMessage({ error: false, text: tr('saved') });
    setNumber('');
    setCompany('');
    setCompanyTouched(false);
    setNotes('');
    setAnswered(false);
    setFlags({ silent: false, automated: false, masked: false, refused: false, consent: false, customer: false });
    setTime(toLocalInput(Date.now(), timeZone));
  }

  return (
    <form class="diary-form" data-vigie-diary-form="" onSubmit={submit}>
      <h3>{tr('logCall')}</h3>
      <label class="field">
        <span>{tr('number')}</span>
        <input
          name="number"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={number}
          disabled={flags.masked}
          onInput={(e) => setNumber((e.target as HTMLInputElement).value)}
        />
      </label>
      {flag('masked')}
      <label class="field">
        <span>{tr('time')}</span>
        <input
          name="time"
          type="datetime-local"
          required
          value={time}
          onInput={(e) => setTime((e.target as HTMLInputElement).value)}
        />
      </label>
      <fieldset class="diary-answered">
        <legend class="visually-hidden">{`${tr('answered')} / ${tr('missed')}`}</legend>
        <label class="check">
          <input type="radio" name="answered" value="yes" checked={answered} onChange={() => setAnswered(true)} />
          <span>{tr('answered')}</span>
        </label>
        <label class="check">
          <input type="radio" name="answered" value="no" checked={!answered} onChange={() => setAnswered(false)} />
          <span>{tr('missed')}</span>
        </label>
      </fieldset>
      {flag('silent')}
      {flag('automated')}
      <label class="field">
        <span>{tr('company')}</span>
        <input
          name="company"
          list="diary-companies"
          value={company}
          onInput={(e) => {
            setCompany((e.target as HTMLInputElement).value);
            setCompanyTouched(true);
          }}
        />
        <datalist id="diary-companies">
          {knownCompanies.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <small class="hint">
          {suggestion && company === suggestion
            ? tr(ownSuggestion ? 'suggested' : 'suggestedCrowd')
            : tr('companyHint')}
        </small>
      </label>
      {flag('refused')}
      {flag('consent')}
      {flag('customer')}
      <label class="field">
        <span>{tr('notes')}</span>
        <textarea
          name="notes"
          rows={2}
          value={notes}
          onInput={(e) => setNotes((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          {tr('save')}
        </button>
      </div>
      {message ? (
        <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
