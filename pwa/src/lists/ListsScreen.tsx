/**
 * The user's allow and block lists (shared with the core's classifier: allow wins over everything), with
 * temporary allows ("I'm expecting a call from an unknown number for 2 hours").
 */

import { useEffect, useState } from 'preact/hooks';
import type { PersonalEntry } from '../../../shared/personal/personal-lists.ts';
import { formatClock, formatDate } from '../../../shared/present/dates.ts';
import { displayPattern } from '../../../shared/present/number-display.ts';
import { deletePersonal, listPersonal, putPersonal } from '../../../shared/store/personal-store.ts';
import { emit, on } from '../app/events.ts';
import { db } from '../data/db.ts';
import { type Lang, t } from '../i18n/strings.ts';
import { getEngine } from '../lookup/engine-client.ts';

const DURATIONS = { forever: 0, '2h': 2 * 3600_000, '24h': 24 * 3600_000 } as const;
type Duration = keyof typeof DURATIONS;

export function ListsScreen({ lang, region }: { lang: Lang; region: string }) {
  const [entries, setEntries] = useState<PersonalEntry[]>([]);
  const [pattern, setPattern] = useState('');
  const [label, setLabel] = useState('');
  const [kind, setKind] = useState<PersonalEntry['kind']>('block');
  const [duration, setDuration] = useState<Duration>('forever');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const refresh = async () => setEntries(await listPersonal(await db()));
    void refresh();
    return on('personal-changed', () => void refresh());
  }, []);

  const add = async (event: Event) => {
    event.preventDefault();
    const parsed = (await getEngine()).personalPattern(pattern, region);
    if (!parsed.ok) {
      setError(`${lang === 'fr' ? parsed.message : parsed.messageEn} ${t(lang, 'invalidPattern')}`);
      return;
    }
    const normalised = parsed.pattern;
    const now = Date.now();
    const entry: PersonalEntry = { pattern: normalised, kind, createdAt: now };
    if (label.trim()) entry.label = label.trim();
    if (kind === 'allow' && DURATIONS[duration] > 0) entry.expiresAt = now + DURATIONS[duration];
    try {
      await putPersonal(await db(), entry);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    setError(null);
    setPattern('');
    setLabel('');
    emit('personal-changed');
  };

  const remove = async (entry: PersonalEntry) => {
    await deletePersonal(await db(), entry.pattern, entry.kind);
    emit('personal-changed');
  };

  const now = Date.now();
  const section = (which: PersonalEntry['kind']) => {
    const rows = entries.filter((e) => e.kind === which && (e.expiresAt === undefined || e.expiresAt > now));
    return (
      <section aria-labelledby={`list-${which}`}>
        <h3 id={`list-${which}`}>{t(lang, which === 'allow' ? 'listAllow' : 'listBlock')}</h3>
        {rows.length === 0 ? <p>{t(lang, 'listEmpty')}</p> : null}
        <ul class="rows">
          {rows.map((entry) => (
            <li key={`${entry.pattern}-${entry.kind}`} class="row" data-personal={entry.kind}>
              <div class="row-main">
                <strong>
                  <bdi>{displayPattern(entry.pattern)}</bdi>
                </strong>
                {entry.label ? <span>{entry.label}</span> : null}
                {entry.expiresAt ? (
                  <small>
                    {t(lang, 'until', {
                      date: formatDate(lang, entry.expiresAt),
                      clock: formatClock(lang, entry.expiresAt),
                    })}
                  </small>
                ) : null}
              </div>
              <button
                type="button"
                onClick={() => void remove(entry)}
                aria-label={`${t(lang, 'listRemove')} ${displayPattern(entry.pattern)}`}
              >
                {t(lang, 'listRemove')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    );
  };

  return (
    <section aria-labelledby="lists-heading">
      <h2 id="lists-heading">{t(lang, 'listsTitle')}</h2>
      <p>{t(lang, 'listsIntro')}</p>
      <form class="card" onSubmit={(e) => void add(e)}>
        <label class="field">
          {t(lang, 'listPattern')}
          <input
            name="pattern"
            inputMode="tel"
            autoComplete="off"
            value={pattern}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby={error ? 'pattern-error' : undefined}
            onInput={(e) => setPattern(e.currentTarget.value)}
            required
          />
        </label>
        <label class="field">
          {t(lang, 'listLabel')}
          <input name="label" maxLength={80} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t(lang, 'listKind')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as PersonalEntry['kind'])}>
            <option value="block">{t(lang, 'listBlock')}</option>
            <option value="allow">{t(lang, 'listAllow')}</option>
          </select>
        </label>
        {kind === 'allow' ? (
          <label class="field">
            {t(lang, 'listDuration')}
            <select name="duration" value={duration} onChange={(e) => setDuration(e.currentTarget.value as Duration)}>
              <option value="forever">{t(lang, 'durationForever')}</option>
              <option value="2h">{t(lang, 'duration2h')}</option>
              <option value="24h">{t(lang, 'duration24h')}</option>
            </select>
          </label>
        ) : null}
        {error ? (
          <p class="error" id="pattern-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary">
          {t(lang, 'listAdd')}
        </button>
      </form>
      {section('allow')}
      {section('block')}
    </section>
  );
}
