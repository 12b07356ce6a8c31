/**
 * Report a number. The common case is two taps: "Signaler ce numéro" on the verdict card, then "Envoyer" —
 * the category is preselected (the crowd's, else telemarketing) and the time is now. The details (comment,
 * company, time, answered, "I said no") sit in a disclosure below for those who want them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CATEGORIES, type Category } from '../../../shared/verdict.ts';
import { categoryLabel, type Lang, t } from '../i18n/strings.ts';

export interface ReportDraft {
  category: Category;
  comment: string;
  company: string;
  /** ms epoch */
  calledAt: number;
  answered: boolean | null;
  refused: boolean;
}

interface Props {
  lang: Lang;
  number: string;
  initialCategory: Category | null;
  busy: boolean;
  onSubmit(draft: ReportDraft): void;
  onCancel(): void;
}

/** `datetime-local` wants local time without zone: `YYYY-MM-DDTHH:mm`. */
function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function ReportForm({ lang, number, initialCategory, busy, onSubmit, onCancel }: Props) {
  const [category, setCategory] = useState<Category>(
    initialCategory && initialCategory !== 'legit' ? initialCategory : 'telemarketing',
  );
  const [comment, setComment] = useState('');
  const [company, setCompany] = useState('');
  const [calledAt, setCalledAt] = useState(() => toLocalInput(Date.now()));
  const [answered, setAnswered] = useState(false);
  const [refused, setRefused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the verdict card: bring the form into view and tell screen readers where they are.
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: Event) => {
    event.preventDefault();
    const when = new Date(calledAt).getTime();
    if (!Number.isFinite(when) || when > Date.now() + 5 * 60_000) {
      setError(lang === 'fr' ? 'Heure d’appel invalide ou dans le futur.' : 'Call time is invalid or in the future.');
      return;
    }
    setError(null);
    onSubmit({ category, comment: comment.trim(), company: company.trim(), calledAt: when, answered, refused });
  };

  return (
    <form class="card report-form" onSubmit={submit} aria-labelledby="report-heading" data-vigie-report-form="">
      <h2 id="report-heading" tabIndex={-1} ref={heading}>
        {t(lang, 'reportTitle')} <bdi>{number}</bdi>
      </h2>
      <fieldset class="tiles">
        <legend>{t(lang, 'category')}</legend>
        {CATEGORIES.map((c) => (
          <label key={c} class={c === category ? 'tile selected' : 'tile'}>
            <input type="radio" name="category" value={c} checked={c === category} onChange={() => setCategory(c)} />
            {categoryLabel(lang, c)}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t(lang, 'send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t(lang, 'cancel')}
        </button>
      </div>
      <details>
        <summary>{lang === 'fr' ? 'Plus de détails (facultatif)' : 'More details (optional)'}</summary>
        <label class="field">
          {t(lang, 'company')}
          <input name="company" maxLength={120} value={company} onInput={(e) => setCompany(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t(lang, 'comment')}
          <textarea
            name="comment"
            maxLength={500}
            rows={3}
            value={comment}
            aria-describedby="comment-hint"
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <small id="comment-hint">{t(lang, 'commentHint')}</small>
        </label>
        <label class="field">
          {t(lang, 'calledAt')}
          <input
            type="datetime-local"
            name="calledAt"
            value={calledAt}
            onInput={(e) => setCalledAt(e.currentTarget.value)}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="answered"
            checked={answered}
            onChange={(e) => setAnswered(e.currentTarget.checked)}
          />
          {t(lang, 'answered')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="refused"
            checked={refused}
            onChange={(e) => setRefused(e.currentTarget.checked)}
          />
          {t(lang, 'refused')}
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {t(lang, 'send')}
        </button>
      </details>
    </form>
  );
}
