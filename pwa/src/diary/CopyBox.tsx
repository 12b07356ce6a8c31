/** A read-only text with a copy button: the user pastes it where it goes (nothing is sent for them). */
import { useState } from 'preact/hooks';
import { diaryText } from '../../../shared/diary/diary-strings.ts';

export function CopyBox({
  lang,
  text,
  rows = 6,
  label,
}: {
  lang: 'fr' | 'en';
  text: string;
  rows?: number;
  label: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy(event: Event) {
    const area = (event.currentTarget as HTMLElement).parentElement?.querySelector('textarea');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (insecure context, old browser): select the text so the user can copy it.
      area?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <div class="diary-copy">
      <textarea readOnly rows={rows} aria-label={label} value={text} />
      <button type="button" onClick={copy}>
        {copied ? diaryText(lang, 'copied') : diaryText(lang, 'copy')}
      </button>
    </div>
  );
}
