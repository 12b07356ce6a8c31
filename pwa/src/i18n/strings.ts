/**
 * Every string the PWA shows, French first and English complete: one entry, both languages, so a missing
 * translation is a type error rather than a blank on screen.
 */
import type { Category, Level } from '../../../shared/verdict.ts';

export type Lang = 'fr' | 'en';

const STRINGS = {
  appName: ['Vigie', 'Vigie'],
  tagline: ['Qui m’appelle ?', 'Who is calling?'],
  navLookup: ['Vérifier', 'Check'],
  navHistory: ['Historique', 'History'],
  navLists: ['Mes listes', 'My lists'],
  navDiary: ['Journal', 'Diary'],
  navSettings: ['Réglages', 'Settings'],
  mainNav: ['Navigation principale', 'Main navigation'],
  numberLabel: ['Numéro, ou texte d’un SMS', 'Number, or the text of an SMS'],
  numberHint: [
    'Tous les formats : 01 62 12 34 56, +33 1 62…, 0033…, ou collez un SMS entier.',
    'Any format: 01 62 12 34 56, +33 1 62…, 0033…, or paste a whole SMS.',
  ],
  check: ['Vérifier', 'Check'],
  checking: ['Vérification…', 'Checking…'],
  loading: ['Chargement…', 'Loading…'],
  noNumberInText: ['Aucun numéro de téléphone trouvé dans ce texte.', 'No phone number found in this text.'],
  engineFailed: [
    'Le vérificateur n’a pas pu se charger. Rechargez la page.',
    'The checker could not load. Reload the page.',
  ],
  verdictTitle: ['Résultat pour', 'Result for'],
  reasons: ['Pourquoi', 'Why'],
  reports: ['Signalements', 'Reports'],
  lastReport: ['Dernier signalement', 'Last report'],
  operator: ['Bloc de numéros attribué à', 'Number block allocated to'],
  operatorNote: [
    'Le numéro a pu être porté chez un autre opérateur depuis.',
    'The number may have been ported to another operator since.',
  ],
  crowdComments: ['Commentaires récents', 'Recent comments'],
  crowdLoading: ['Recherche de commentaires…', 'Looking for comments…'],
  crowdNone: ['Aucun commentaire pour ce numéro.', 'No comments for this number.'],
  crowdOffline: ['Hors ligne : commentaires indisponibles.', 'Offline: comments unavailable.'],
  crowdPrivacy: [
    'Recherche anonyme : seul un court préfixe d’empreinte du numéro est envoyé, jamais le numéro.',
    'Anonymous look-up: only a short prefix of the number’s hash is sent, never the number.',
  ],
  reportThis: ['Signaler ce numéro', 'Report this number'],
  logThisCall: ['Noter cet appel', 'Log this call'],
  block: ['Bloquer', 'Block'],
  allow: ['Autoriser', 'Allow'],
  allowTemp: ['Autoriser 2 h', 'Allow for 2 h'],
  addedBlock: ['Ajouté à votre liste de blocage.', 'Added to your block list.'],
  addedAllow: ['Ajouté à votre liste autorisée.', 'Added to your allow list.'],
  addedAllowTemp: ['Autorisé pendant 2 heures.', 'Allowed for 2 hours.'],
  shortCodeNoList: [
    'Les numéros courts ne peuvent pas être ajoutés à vos listes.',
    'Short codes cannot be added to your lists.',
  ],
  // Report form
  reportTitle: ['Signaler', 'Report'],
  category: ['Type d’appel', 'Kind of call'],
  comment: ['Commentaire (facultatif)', 'Comment (optional)'],
  commentHint: ['Visible par les autres, sans donnée personnelle.', 'Shown to others; no personal data.'],
  company: ['Entreprise annoncée (facultatif)', 'Company named (optional)'],
  calledAt: ['Heure de l’appel', 'Time of the call'],
  answered: ['J’ai décroché', 'I answered'],
  refused: ['J’ai dit non (refus clair)', 'I said no (clear refusal)'],
  send: ['Envoyer le signalement', 'Send the report'],
  cancel: ['Annuler', 'Cancel'],
  reportQueued: [
    'Signalement en file d’attente : il partira dès le retour du réseau.',
    'Report queued: it will be sent when the network is back.',
  ],
  reportSent: ['Signalement envoyé. Merci !', 'Report sent. Thank you!'],
  reportRejected: ['Signalement refusé par le service :', 'Report refused by the service:'],
  reportError: ['Le signalement n’a pas pu être enregistré :', 'The report could not be saved:'],
  stateQueued: ['en attente', 'queued'],
  stateSent: ['envoyé', 'sent'],
  stateRejected: ['refusé', 'refused'],
  // History
  historyTitle: ['Historique', 'History'],
  historyEmpty: ['Rien pour l’instant.', 'Nothing yet.'],
  historyLookup: ['Vérification', 'Check'],
  historyReport: ['Signalement', 'Report'],
  historyClear: ['Effacer l’historique', 'Clear history'],
  historyOpen: ['Revoir', 'Open'],
  // Lists
  listsTitle: ['Mes listes', 'My lists'],
  listsIntro: [
    'Vos listes passent avant tout le reste : un numéro autorisé n’est jamais signalé comme indésirable.',
    'Your lists come first: an allowed number is never flagged as unwanted.',
  ],
  listAllow: ['Autorisés', 'Allowed'],
  listBlock: ['Bloqués', 'Blocked'],
  listEmpty: ['Liste vide.', 'Empty list.'],
  listPattern: ['Numéro, ou préfixe suivi de *', 'Number, or a prefix followed by *'],
  listLabel: ['Nom (facultatif)', 'Name (optional)'],
  listKind: ['Liste', 'List'],
  listDuration: ['Durée', 'Duration'],
  durationForever: ['Toujours', 'Always'],
  duration2h: ['2 heures', '2 hours'],
  duration24h: ['24 heures', '24 hours'],
  listAdd: ['Ajouter', 'Add'],
  listRemove: ['Retirer', 'Remove'],
  until: ['jusqu’à', 'until'],
  invalidPattern: [
    'Motif invalide : un numéro (0612345678, +33…) ou un préfixe suivi de * (ex. +33162*).',
    'Invalid pattern: a number (0612345678, +33…) or a prefix followed by * (e.g. +33162*).',
  ],
  // Settings
  settingsTitle: ['Réglages', 'Settings'],
  language: ['Langue', 'Language'],
  region: ['Région par défaut des numéros', 'Default region for numbers'],
  regionHint: ['Code pays à deux lettres (FR, GP, MQ, RE, BE…).', 'Two-letter country code (FR, GP, MQ, RE, BE…).'],
  invalidRegion: ['Région invalide : deux lettres, ex. FR.', 'Invalid region: two letters, e.g. FR.'],
  serviceUrl: ['Adresse du service participatif', 'Crowd service address'],
  serviceUrlHint: ['Par défaut : ce site.', 'Default: this site.'],
  invalidUrl: ['Adresse invalide (https://… attendu).', 'Invalid address (https://… expected).'],
  publicKey: ['Clé publique du service (Ed25519, base64)', 'Service public key (Ed25519, base64)'],
  publicKeyHint: [
    'Vide : la clé annoncée par le service au premier contact est retenue puis exigée (confiance au premier usage).',
    'Empty: the key the service announces on first contact is pinned and required afterwards (trust on first use).',
  ],
  pinnedKey: ['Clé retenue', 'Pinned key'],
  invalidKey: ['Clé invalide : 32 octets en base64.', 'Invalid key: 32 bytes in base64.'],
  save: ['Enregistrer', 'Save'],
  saved: ['Enregistré.', 'Saved.'],
  exportData: ['Exporter mes données (JSON)', 'Export my data (JSON)'],
  importData: ['Importer des données (JSON)', 'Import data (JSON)'],
  imported: ['Données importées.', 'Data imported.'],
  importFailed: ['Import impossible :', 'Import failed:'],
  wipe: ['Effacer toutes mes données', 'Wipe all my data'],
  wipeConfirm: [
    'Effacer l’historique, les listes, le journal, les signalements en attente et la liste téléchargée ?',
    'Wipe history, lists, diary, queued reports and the downloaded list?',
  ],
  listStatus: ['Liste participative', 'Crowd list'],
  telHandler: ['Liens « tel: »', '"tel:" links'],
  telHandlerHint: [
    'Ouvrir Vigie quand vous touchez un numéro sur une page web, pour voir le verdict avant d’appeler.',
    'Open Vigie when you tap a phone number on a web page, to see the verdict before calling.',
  ],
  telHandlerButton: ['Ouvrir les liens tel: avec Vigie', 'Open tel: links with Vigie'],
  telHandlerAsked: [
    'Demande envoyée au navigateur : confirmez si une question s’affiche.',
    'Request sent to the browser: confirm if it asks.',
  ],
  telHandlerFailed: ['Le navigateur a refusé :', 'The browser refused:'],
  listNone: ['pas encore téléchargée', 'not downloaded yet'],
  listDownloading: ['téléchargement…', 'downloading…'],
  demoList: ['données de démonstration', 'demo data'],
  listVersion: ['version', 'version'],
  entries: ['entrées', 'entries'],
  syncedAt: ['mise à jour', 'updated'],
  syncNow: ['Mettre à jour la liste', 'Update the list'],
  syncFailed: ['Mise à jour impossible :', 'Update failed:'],
  syncOk: ['Liste à jour.', 'List up to date.'],
  offline: ['Hors ligne', 'Offline'],
  storagePersisted: ['Stockage persistant accordé.', 'Persistent storage granted.'],
  storageNotPersisted: [
    'Stockage non persistant : le navigateur peut effacer la liste si l’espace manque.',
    'Storage not persistent: the browser may evict the list when space runs low.',
  ],
  // Update
  updateAvailable: ['Nouvelle version disponible.', 'New version available.'],
  reload: ['Recharger', 'Reload'],
  offlineReady: ['Vigie fonctionne maintenant hors ligne.', 'Vigie now works offline.'],
  close: ['Fermer', 'Close'],
  diaryTitle: ['Journal / Diary', 'Diary / Journal'],
} satisfies Record<string, [fr: string, en: string]>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  const [fr, en] = STRINGS[key];
  return lang === 'fr' ? fr : en;
}

const LEVEL_LABELS: Record<Level, [string, string]> = {
  danger: ['Danger', 'Danger'],
  spam: ['Indésirable', 'Unwanted'],
  caution: ['Prudence', 'Caution'],
  unknown: ['Inconnu', 'Unknown'],
  trusted: ['De confiance', 'Trusted'],
};

export function levelLabel(lang: Lang, level: Level): string {
  const [fr, en] = LEVEL_LABELS[level];
  return lang === 'fr' ? fr : en;
}

const CATEGORY_LABELS: Record<Category, [string, string]> = {
  telemarketing: ['Démarchage', 'Telemarketing'],
  robocall: ['Automate ou appel muet', 'Robocall or silent call'],
  scam: ['Arnaque', 'Scam'],
  premium_callback: ['Rappel surtaxé (ping call)', 'Premium callback (ping call)'],
  survey: ['Sondage', 'Survey'],
  debt_collection: ['Recouvrement', 'Debt collection'],
  charity: ['Association', 'Charity'],
  political: ['Politique', 'Political'],
  legit: ['Appel légitime', 'Legitimate call'],
  other: ['Autre', 'Other'],
};

export function categoryLabel(lang: Lang, category: Category): string {
  const [fr, en] = CATEGORY_LABELS[category];
  return lang === 'fr' ? fr : en;
}

export function formatDateTime(lang: Lang, ms: number): string {
  return new Date(ms).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDay(lang: Lang, isoDay: string): string {
  const date = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return date.toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium' });
}
