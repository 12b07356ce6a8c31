/** The report form, in the PWA and in the extension (popup and card): one wording, one set of errors. */
import type { Entry } from '../translate.ts';

export const REPORT_STRINGS = {
  'report.title': { fr: 'Signaler le {number}', en: 'Report {number}' },
  'report.category': { fr: 'Type d’appel', en: 'Kind of call' },
  'report.moreDetails': { fr: 'Plus de détails (facultatif)', en: 'More details (optional)' },
  'report.comment': { fr: 'Commentaire (facultatif)', en: 'Comment (optional)' },
  'report.commentHint': {
    fr: 'Visible par les autres, sans donnée personnelle.',
    en: 'Shown to others; no personal data.',
  },
  'report.company': { fr: 'Entreprise annoncée (facultatif)', en: 'Company named (optional)' },
  'report.calledAt': { fr: 'Heure de l’appel', en: 'Time of the call' },
  'report.calledAtHint': { fr: 'Heure de {zone}.', en: '{zone} time.' },
  'report.answered': { fr: 'J’ai décroché', en: 'I answered' },
  'report.refused': { fr: 'J’ai dit non (refus clair)', en: 'I said no (clear refusal)' },
  'report.send': { fr: 'Envoyer le signalement', en: 'Send the report' },
  'report.cancel': { fr: 'Annuler', en: 'Cancel' },
  'report.sent': { fr: 'Signalement envoyé. Merci !', en: 'Report sent. Thank you!' },
  'report.queued': {
    fr: 'Signalement enregistré : il partira dès que le service sera joignable.',
    en: 'Report saved: it will be sent as soon as the service can be reached.',
  },
  'report.failed': { fr: 'Le signalement n’a pas pu être enregistré :', en: 'The report could not be saved:' },
  'report.badTime': {
    fr: 'Heure de l’appel illisible : choisissez une date et une heure.',
    en: 'Unreadable call time: pick a date and a time.',
  },
  'report.futureTime': {
    fr: 'L’heure de l’appel est dans le futur ({when}) : vérifiez la date.',
    en: 'The call time is in the future ({when}): check the date.',
  },
  'report.commentTooLong': {
    fr: 'Commentaire trop long : {max} caractères au plus.',
    en: 'Comment too long: {max} characters at most.',
  },
  'report.companyTooLong': {
    fr: 'Nom d’entreprise trop long : {max} caractères au plus.',
    en: 'Company name too long: {max} characters at most.',
  },
} satisfies Record<string, Entry>;
