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
  'ext.tabCheck': { fr: 'Vérifier', en: 'Check' },
  'ext.tabPage': { fr: 'Cette page ({count})', en: 'This page ({count})' },
  'ext.tabDiary': { fr: 'Journal', en: 'Diary' },
  'ext.lookupLabel': { fr: 'Numéro à vérifier (collez n’importe quoi)', en: 'Number to check (paste anything)' },
  'ext.check': { fr: 'Vérifier', en: 'Check' },
  'ext.pageUnread': {
    fr: 'Vigie ne lit pas cette page. Activez « Tous les sites » dans les réglages.',
    en: 'Vigie does not read this page. Turn on "Every site" in the settings.',
  },
  'ext.pageEmpty': { fr: 'Aucun numéro sur cette page.', en: 'No numbers on this page.' },
  'ext.pause': { fr: 'Mettre Vigie en pause sur {host}', en: 'Pause Vigie on {host}' },
  'ext.listLine': { fr: 'Liste v{version}', en: 'List v{version}' },
  'ext.lastSync': { fr: 'mise à jour {when}', en: 'updated {when}' },
  'ext.neverSynced': { fr: 'jamais mise à jour', en: 'never updated' },
  'ext.waiting': {
    fr: { one: '{n} signalement en attente', other: '{n} signalements en attente' },
    en: { one: '{n} report waiting', other: '{n} reports waiting' },
  },
  'ext.settingsLink': { fr: 'Réglages et listes personnelles', en: 'Settings and personal lists' },
  'ext.addedAllow': { fr: 'Ajouté à votre liste de confiance.', en: 'Added to your allow list.' },
  'ext.demoList': { fr: 'données de démonstration', en: 'demo data' },
} satisfies Record<string, Entry>;
