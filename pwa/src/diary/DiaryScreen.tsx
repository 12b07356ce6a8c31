/**
 * The harassment diary screen (issue 6). Minimal first version so the PWA shell can mount it; the full screen
 * (grouping, findings, evidence page, action texts) replaces this body.
 */
import { useState } from 'preact/hooks';

export interface DiaryScreenProps {
  lang: 'fr' | 'en';
  prefillNumber?: string;
}

export function DiaryScreen({ lang, prefillNumber }: DiaryScreenProps) {
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
