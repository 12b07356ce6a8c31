/** Report form: category, optional comment and company, call time. Reports made offline go out later. */
import { useState } from 'preact/hooks';
import { CATEGORY_LABELS } from '../../../shared/i18n/labels.ts';
import { CATEGORIES, type Category } from '../../../shared/verdict.ts';
import type { Lang, ReportAnswer, ReportDraft } from '../messages.ts';
import { send } from './send.ts';

export function ReportForm({ number, lang }: { number: string; lang: Lang }) {
  const fr = lang === 'fr';
  const [category, setCategory] = useState<Category>('telemarketing');
  const [comment, setComment] = useState('');
  const [company, setCompany] = useState('');
  const [calledAt, setCalledAt] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const draft: ReportDraft = { number, category };
    if (comment.trim()) draft.comment = comment.trim();
    if (company.trim()) draft.company = company.trim();
    if (calledAt) {
      const when = new Date(calledAt);
      if (Number.isNaN(when.getTime())) {
        setMessage({ ok: false, text: fr ? 'Heure d’appel invalide.' : 'Invalid call time.' });
        return;
      }
      draft.calledAt = when.toISOString();
    }
    const r = await send<ReportAnswer>({ type: 'report', draft });
    if (!r.ok) setMessage({ ok: false, text: (fr ? r.error?.message : r.error?.messageEn) ?? 'Erreur / Error' });
    else if (r.sent) setMessage({ ok: true, text: fr ? 'Signalement envoyé. Merci !' : 'Report sent. Thank you!' });
    else
      setMessage({
        ok: true,
        text: fr ? 'Signalement enregistré : il partira plus tard.' : 'Report saved: it will be sent later.',
      });
  };

  return (
    <form onSubmit={submit} aria-label={fr ? 'Signaler ce numéro' : 'Report this number'}>
      <h2>{fr ? 'Signaler ce numéro' : 'Report this number'}</h2>
      <label>
        {fr ? 'Catégorie' : 'Category'}
        <select
          name="category"
          value={category}
          onChange={(e) => setCategory((e.target as HTMLSelectElement).value as Category)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c][lang]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {fr ? 'Commentaire (facultatif)' : 'Comment (optional)'}
        <textarea
          name="comment"
          maxLength={500}
          rows={2}
          value={comment}
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label>
        {fr ? 'Entreprise (facultatif)' : 'Company (optional)'}
        <input
          name="company"
          maxLength={120}
          value={company}
          onInput={(e) => setCompany((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {fr ? 'Heure de l’appel' : 'Call time'}
        <input
          name="calledAt"
          type="datetime-local"
          value={calledAt}
          onInput={(e) => setCalledAt((e.target as HTMLInputElement).value)}
        />
      </label>
      <button class="primary" type="submit">
        {fr ? 'Envoyer le signalement' : 'Send report'}
      </button>
      {message && (
        <p role="status" class={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
