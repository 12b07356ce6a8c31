/**
 * Report a number. The common case is two taps: "Signaler ce numéro" on the verdict card, then "Envoyer" —
 * the category is preselected (the crowd's, else telemarketing) and the time is now. The details (comment,
 * company, time, answered, "I said no") sit in a disclosure above the one send button. What the form accepts is
 * the core's rule (shared/present/report-draft.ts), the same as the extension's.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { displayNumber } from '../../../shared/present/number-display.ts';
import {
  type CheckedReport,
  COMMENT_MAX,
  COMPANY_MAX,
  checkReportDraft,
  toLocalInput,
} from '../../../shared/present/report-draft.ts';
import { timeZonePlace } from '../../../shared/present/time-zones.ts';
import { tr } from '../../../shared/present/translate.ts';
import { CATEGORIES, type Category } from '../../../shared/verdict.ts';
import { categoryLabel, type Lang } from '../i18n/strings.ts';

export type ReportDraft = CheckedReport;

interface Props {
  lang: Lang;
  number: string;
  initialCategory: Category | null;
  /** The user's zone (the diary's): the call time is read in it. */
  timeZone: string;
  busy: boolean;
  onSubmit(draft: ReportDraft): void;
  onCancel(): void;
}

export function ReportForm({ lang, number, initialCategory, timeZone, busy, onSubmit, onCancel }: Props) {
  const [category, setCategory] = useState<Category>(
    initialCategory && initialCategory !== 'legit' ? initialCategory : 'telemarketing',
  );
  const [comment, setComment] = useState('');
  const [company, setCompany] = useState('');
  const [calledAt, setCalledAt] = useState(() => toLocalInput(Date.now(), timeZone));
  const [answered, setAnswered] = useState(false);
  const [refused, setRefused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the verdict card: bring the form into view and tell screen readers where they are.
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: Event) => {
    event.preventDefault();
    const checked = checkReportDraft(
      lang,
      { category, comment, company, calledAt, answered, refused },
      { timeZone, now: Date.now() },
    );
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    setError(null);
    onSubmit(checked.report);
  };

  return (
    <form class="card report-form" onSubmit={submit} aria-labelledby="report-heading" data-vigie-report-form="">
      <h2 id="report-heading" tabIndex={-1} ref={heading}>
        {tr(lang, 'report.title', { number: displayNumber(number) })}
      </h2>
      <fieldset class="tiles">
        <legend>{tr(lang, 'report.category')}</legend>
        {CATEGORIES.map((c) => (
          <label key={c} class={c === category ? 'tile selected' : 'tile'}>
            <input type="radio" name="category" value={c} checked={c === category} onChange={() => setCategory(c)} />
            <span>{categoryLabel(lang, c)}</span>
          </label>
        ))}
      </fieldset>
      <details>
        <summary>{tr(lang, 'report.moreDetails')}</summary>
        <label class="field">
          {tr(lang, 'report.company')}
          <input
            name="company"
            maxLength={COMPANY_MAX}
            value={company}
            onInput={(e) => setCompany(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {tr(lang, 'report.comment')}
          <textarea
            name="comment"
            maxLength={COMMENT_MAX}
            rows={3}
            value={comment}
            aria-describedby="comment-hint"
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <small id="comment-hint">{tr(lang, 'report.commentHint')}</small>
        </label>
        <label class="field">
          {tr(lang, 'report.calledAt')}
          <input
            type="datetime-local"
            name="calledAt"
            value={calledAt}
            aria-describedby="called-at-hint"
            onInput={(e) => setCalledAt(e.currentTarget.value)}
          />
          <small id="called-at-hint">{tr(lang, 'report.calledAtHint', { zone: timeZonePlace(lang, timeZone) })}</small>
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="answered"
            checked={answered}
            onChange={(e) => setAnswered(e.currentTarget.checked)}
          />
          <span>{tr(lang, 'report.answered')}</span>
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="refused"
            checked={refused}
            onChange={(e) => setRefused(e.currentTarget.checked)}
          />
          <span>{tr(lang, 'report.refused')}</span>
        </label>
      </details>
      {error ? (
        <p class="error" role="alert" data-vigie-report-error="">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {tr(lang, 'report.send')}
        </button>
        <button type="button" onClick={onCancel}>
          {tr(lang, 'report.cancel')}
        </button>
      </div>
    </form>
  );
}
