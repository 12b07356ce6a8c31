import type { Bilingual, Category, Level } from '../verdict.ts';

export type Lang = 'fr' | 'en';

export const LEVEL_LABELS: Record<Level, Bilingual> = {
  danger: { fr: 'Danger', en: 'Danger' },
  spam: { fr: 'Indésirable', en: 'Spam' },
  caution: { fr: 'Prudence', en: 'Caution' },
  unknown: { fr: 'Inconnu', en: 'Unknown' },
  trusted: { fr: 'De confiance', en: 'Trusted' },
};

export const CATEGORY_LABELS: Record<Category, Bilingual> = {
  telemarketing: { fr: 'Démarchage téléphonique', en: 'Telemarketing' },
  robocall: { fr: 'Appel automatisé ou silencieux', en: 'Robocall or silent call' },
  scam: { fr: 'Arnaque', en: 'Scam' },
  premium_callback: { fr: 'Arnaque au rappel surtaxé', en: 'Premium-rate callback scam' },
  survey: { fr: 'Sondage', en: 'Survey' },
  debt_collection: { fr: 'Recouvrement de créances', en: 'Debt collection' },
  charity: { fr: 'Association caritative', en: 'Charity' },
  political: { fr: 'Politique', en: 'Political' },
  legit: { fr: 'Appel légitime', en: 'Legitimate caller' },
  other: { fr: 'Autre', en: 'Other' },
};

/** Severity order used to combine reasons: the worst one sets the level. */
export const LEVEL_SEVERITY: Record<Level, number> = { trusted: -1, unknown: 0, caution: 1, spam: 2, danger: 3 };
