/**
 * The harassment diary (issue 6): log calls, see them grouped by company with the rules each call broke,
 * merge or split companies, export CSV or a printable evidence page, and copy ready-made complaint texts.
 * The rules live in the core (shared/law/); this screen only stores entries and renders the report.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { mergeCompanies, splitEntries } from '../../../shared/diary/company-groups.ts';
import { diaryToCsv, parseDiaryCsv } from '../../../shared/diary/diary-csv.ts';
import { type DiaryEntry, type DiaryEntryInput, makeEntry } from '../../../shared/diary/diary-entry.ts';
import { diaryReport } from '../../../shared/diary/diary-report.ts';
import { deleteDiaryEntry, listDiaryEntries, saveDiaryEntries } from '../../../shared/diary/diary-store.ts';
import { diaryText } from '../../../shared/diary/diary-strings.ts';
import { timeZoneChoices } from '../../../shared/present/time-zones.ts';
import { trCount } from '../../../shared/present/translate.ts';
import { loadTimeZone, saveTimeZone } from '../../../shared/store/time-zone-store.ts';
import { db } from '../data/db.ts';
import { CompanyCard } from './CompanyCard.tsx';
import { deviceTimeZone } from './diary-time.ts';
import { EvidencePage } from './EvidencePage.tsx';
import { LogCallForm } from './LogCallForm.tsx';
import './diary.css';

export interface DiaryScreenProps {
  lang: 'fr' | 'en';
  prefillNumber?: string;
}

export function DiaryScreen({ lang, prefillNumber }: DiaryScreenProps) {
  const tr = (k: Parameters<typeof diaryText>[1]) => diaryText(lang, k);
  const [entries, setEntries] = useState<DiaryEntry[] | null>(null);
  const [timeZone, setTimeZone] = useState(deviceTimeZone());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [mergeName, setMergeName] = useState('');
  const [evidenceKey, setEvidenceKey] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);

  async function reload() {
    setEntries(await listDiaryEntries(await db()));
  }

  useEffect(() => {
    void (async () => {
      setTimeZone(await loadTimeZone(await db()));
      await reload();
    })();
  }, []);

  const reports = useMemo(() => (entries ? diaryReport(entries, { timeZone }) : []), [entries, timeZone]);
  const evidence = evidenceKey ? reports.find((r) => r.group.key === evidenceKey) : undefined;

  async function save(changed: DiaryEntry[]) {
    await saveDiaryEntries(await db(), changed);
    await reload();
  }

  async function chooseZone(tz: string) {
    setTimeZone(tz);
    await saveTimeZone(await db(), tz);
  }

  function exportCsv() {
    const blob = new Blob([diaryToCsv(entries ?? [], timeZone)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `vigie-journal-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function importCsv(file: File) {
    const result = parseDiaryCsv(await file.text(), { timeZone });
    if (!result.ok) {
      setNotice({
        error: true,
        text: result.errors
          .map(
            (e) =>
              `${lang === 'fr' ? 'ligne' : 'line'} ${e.line}${tr('colon')}${lang === 'fr' ? e.message : e.messageEn}`,
          )
          .join('\n'),
      });
      return;
    }
    await save(result.calls.map((c) => makeEntry(c)));
    setNotice({ error: false, text: trCount(lang, 'diary.imported', result.calls.length) });
  }

  if (evidence) {
    return <EvidencePage lang={lang} report={evidence} timeZone={timeZone} onClose={() => setEvidenceKey(null)} />;
  }

  return (
    <section class="diary" data-vigie-diary="" aria-labelledby="diary-title">
      <h2 id="diary-title">{tr('title')}</h2>
      <p class="hint">{tr('intro')}</p>
      <label class="field diary-zone">
        <span>{tr('timeZone')}</span>
        <select
          name="timeZone"
          value={timeZone}
          onChange={(e) => void chooseZone((e.target as HTMLSelectElement).value)}
        >
          {timeZoneChoices(lang, timeZone, Date.now()).map((choice) => (
            <option key={choice.zone} value={choice.zone}>
              {choice.label}
            </option>
          ))}
        </select>
        <small class="hint">{tr('timeZoneHint')}</small>
      </label>
      <LogCallForm
        key={prefillNumber ?? ''}
        lang={lang}
        timeZone={timeZone}
        entries={entries ?? []}
        {...(prefillNumber === undefined ? {} : { prefillNumber })}
        onSave={async (input: DiaryEntryInput) => save([makeEntry(input)])}
      />
      <div class="actions diary-toolbar">
        <button type="button" onClick={exportCsv} disabled={!entries || entries.length === 0}>
          {tr('exportCsv')}
        </button>
        <label class="file-button">
          <span>{tr('importCsv')}</span>
          <input
            class="visually-hidden"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void importCsv(file).finally(() => (input.value = ''));
            }}
          />
        </label>
      </div>
      {notice ? (
        <p class={notice.error ? 'error diary-notice' : 'notice diary-notice'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {selected.size > 1 ? (
        <div class="diary-merge">
          <label class="field">
            <span>{tr('mergeInto')}</span>
            <input value={mergeName} onInput={(e) => setMergeName((e.target as HTMLInputElement).value)} />
          </label>
          <button
            type="button"
            class="primary"
            disabled={mergeName.trim() === ''}
            onClick={async () => {
              await save(mergeCompanies(entries ?? [], [...selected], mergeName));
              setSelected(new Set());
              setMergeName('');
            }}
          >
            {tr('merge')}
          </button>
        </div>
      ) : null}
      {entries && entries.length === 0 ? <p>{tr('empty')}</p> : null}
      {reports.map((r) => (
        <CompanyCard
          key={r.group.key}
          lang={lang}
          report={r}
          timeZone={timeZone}
          selected={selected.has(r.group.key)}
          onSelect={(on) => {
            const next = new Set(selected);
            if (on) next.add(r.group.key);
            else next.delete(r.group.key);
            setSelected(next);
            if (on && !mergeName) setMergeName(r.group.name);
          }}
          onSplit={async (ids, name) => save(splitEntries(entries ?? [], ids, name))}
          onDelete={async (id) => {
            await deleteDiaryEntry(await db(), id);
            await reload();
          }}
          onEvidence={() => setEvidenceKey(r.group.key)}
        />
      ))}
    </section>
  );
}
