/**
 * The popup's report form: category, optional comment and company, call time. What it accepts is the core's rule
 * (shared/present/report-draft.ts), the same as the PWA's form and the card's; reports made offline go out later.
 */
import { useState } from 'preact/hooks';
import { deviceTimeZone } from '../../../shared/present/dates.ts';
import { COMMENT_MAX, COMPANY_MAX, checkReportDraft } from '../../../shared/present/report-draft.ts';
import { tr } from '../../../shared/present/translate.ts';
import { CATEGORIES, type Category } from '../../../shared/verdict.ts';
import type { Lang, ReportAnswer, ReportDraft } from '../messages.ts';
import { send } from './send.ts';

export function ReportForm({ number, lang }: { number: string; lang: Lang }) {
  const [category, setCategory] = useState<Category>('telemarketing');
  const [comment, setComment] = useState('');
  const [company, setCompany] = useState('');
  const [calledAt, setCalledAt] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const checked = checkReportDraft(
      lang,
      { category, comment, company, calledAt },
      { timeZone: deviceTimeZone(), now: Date.now() },
    );
    if (!checked.ok) {
      setMessage({ ok: false, text: checked.message });
      return;
    }
    const draft: ReportDraft = { number, category: checked.report.category };
    if (checked.report.comment) draft.comment = checked.report.comment;
    if (checked.report.company) draft.company = checked.report.company;
    if (calledAt) draft.calledAt = new Date(checked.report.calledAt).toISOString();
    const r = await send<ReportAnswer>({ type: 'report', draft });
    if (!r.ok)
      setMessage({
        ok: false,
        text: `${tr(lang, 'report.failed')} ${r.error?.[lang === 'fr' ? 'message' : 'messageEn'] ?? ''}`,
      });
    else setMessage({ ok: true, text: tr(lang, r.sent ? 'report.sent' : 'report.queued') });
  };

  return (
    <form onSubmit={submit} aria-label={tr(lang, 'reportThis')}>
      <h2>{tr(lang, 'reportThis')}</h2>
      <label>
        {tr(lang, 'report.category')}
        <select
          name="category"
          value={category}
          onChange={(e) => setCategory((e.target as HTMLSelectElement).value as Category)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {tr(lang, `category.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {tr(lang, 'report.comment')}
        <textarea
          name="comment"
          maxLength={COMMENT_MAX}
          rows={2}
          value={comment}
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label>
        {tr(lang, 'report.company')}
        <input
          name="company"
          maxLength={COMPANY_MAX}
          value={company}
          onInput={(e) => setCompany((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {tr(lang, 'report.calledAt')}
        <input
          name="calledAt"
          type="datetime-local"
          value={calledAt}
          onInput={(e) => setCalledAt((e.target as HTMLInputElement).value)}
        />
      </label>
      <button class="primary" type="submit">
        {tr(lang, 'report.send')}
      </button>
      {message && (
        <p role="status" class={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
