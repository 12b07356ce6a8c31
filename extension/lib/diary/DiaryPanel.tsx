/**
 * The harassment diary panel of the extension popup (issue 6). Minimal first version so the popup can mount it; the full screen
 * (grouping, findings, evidence page, action texts) replaces this body.
 */
import { useState } from 'preact/hooks';

export interface DiaryPanelProps {
  lang: 'fr' | 'en';
  prefillNumber?: string;
}

export function DiaryPanel({ lang, prefillNumber }: DiaryPanelProps) {
  const [number, setNumber] = useState(prefillNumber ?? '');
  const fr = lang === 'fr';
  return (
    <section data-vigie-diary="">
      <h2>{fr ? 'Journal des appels' : 'Call diary'}</h2>
      <label>
        {fr ? 'Numéro' : 'Number'}
        <input value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
      </label>
    </section>
  );
}
