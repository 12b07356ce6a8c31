/** The extension's badges, card, popup and options page. */
import type { Entry } from '../translate.ts';

export const EXTENSION_STRINGS = {
  'ext.badgeAction': { fr: 'Afficher le détail Vigie', en: 'Show Vigie details' },
  'ext.cardTitle': { fr: 'Vigie — réputation du numéro', en: 'Vigie — number reputation' },
  'ext.close': { fr: 'Fermer', en: 'Close' },
  'ext.report': { fr: 'Signaler', en: 'Report' },
  'ext.notSpam': { fr: 'Pas du spam', en: 'Not spam' },
  'ext.block': { fr: 'Bloquer', en: 'Block' },
  'ext.alwaysAllow': { fr: 'Toujours autoriser', en: 'Always allow' },
  'ext.reports': { fr: 'signalements', en: 'reports' },
  'ext.lastReport': { fr: 'dernier signalement', en: 'last report' },
  'ext.reasons': { fr: 'Pourquoi', en: 'Why' },
  'ext.sent': { fr: 'Signalement envoyé. Merci !', en: 'Report sent. Thank you!' },
  'ext.queued': {
    fr: 'Signalement enregistré : il partira dès que le service sera joignable.',
    en: 'Report saved: it will be sent as soon as the service can be reached.',
  },
  'ext.blocked': { fr: 'Ajouté à votre liste de blocage.', en: 'Added to your block list.' },
  'ext.allowed': { fr: 'Ajouté à votre liste de confiance.', en: 'Added to your allow list.' },
  'ext.failed': { fr: 'Échec', en: 'Failed' },
} satisfies Record<string, Entry>;
