/** Extension UI strings, French first, English complete. Verdict texts come from the core (shared/i18n). */
import type { Lang } from './messages.ts';

const STRINGS = {
  badgeAction: { fr: 'Afficher le détail Vigie', en: 'Show Vigie details' },
  cardTitle: { fr: 'Vigie — réputation du numéro', en: 'Vigie — number reputation' },
  close: { fr: 'Fermer', en: 'Close' },
  report: { fr: 'Signaler', en: 'Report' },
  notSpam: { fr: 'Pas du spam', en: 'Not spam' },
  block: { fr: 'Bloquer', en: 'Block' },
  alwaysAllow: { fr: 'Toujours autoriser', en: 'Always allow' },
  reports: { fr: 'signalements', en: 'reports' },
  lastReport: { fr: 'dernier signalement', en: 'last report' },
  reasons: { fr: 'Pourquoi', en: 'Why' },
  sent: { fr: 'Signalement envoyé. Merci !', en: 'Report sent. Thank you!' },
  queued: {
    fr: 'Signalement enregistré : il partira dès que le service sera joignable.',
    en: 'Report saved: it will be sent as soon as the service can be reached.',
  },
  blocked: { fr: 'Ajouté à votre liste de blocage.', en: 'Added to your block list.' },
  allowed: { fr: 'Ajouté à votre liste de confiance.', en: 'Added to your allow list.' },
  failed: { fr: 'Échec', en: 'Failed' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}
