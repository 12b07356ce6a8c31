/**
 * The look-up field. Contract: an `input[name="number"]` inside a form; submitting shows the verdict card.
 * A textarea-like paste of a whole SMS works: the engine finds the number in it.
 */
import { type Lang, t } from '../i18n/strings.ts';

interface Props {
  lang: Lang;
  value: string;
  busy: boolean;
  onChange(value: string): void;
  onSubmit(): void;
}

export function LookupForm({ lang, value, busy, onChange, onSubmit }: Props) {
  return (
    <form
      class="lookup"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label for="number-input">{t(lang, 'numberLabel')}</label>
      <input
        id="number-input"
        name="number"
        type="text"
        inputMode="tel"
        autoComplete="off"
        enterKeyHint="search"
        aria-describedby="number-hint"
        value={value}
        onInput={(event) => onChange(event.currentTarget.value)}
      />
      <small id="number-hint">{t(lang, 'numberHint')}</small>
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {busy ? t(lang, 'checking') : t(lang, 'check')}
      </button>
    </form>
  );
}
