/** The languages Vigie speaks: French first, English complete. */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];

/** The BCP 47 locale for `Intl`: French as written in France, English as written in Britain (day before month). */
export function localeOf(lang: Lang): string {
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}
