/**
 * Public-service numbers Vigie never flags, whatever the crowd, a rule or the user's block list says:
 * a mistaken "spam" badge on the SAMU or on a helpline could cost a life. Sources: service-public.fr
 * ("Numéros d'urgence", F33954), the numbering plan for 116XYZ, and each service's own page.
 */
import type { Bilingual } from '../verdict.ts';

export const PROTECTED_SHORT_CODES: Readonly<Record<string, Bilingual>> = {
  '15': { fr: 'SAMU (urgences médicales)', en: 'SAMU (medical emergencies)' },
  '17': { fr: 'Police secours / gendarmerie', en: 'Police / gendarmerie emergencies' },
  '18': { fr: 'Sapeurs-pompiers', en: 'Fire brigade' },
  '112': { fr: "Numéro d'urgence européen", en: 'European emergency number' },
  '114': {
    fr: 'Urgences pour personnes sourdes ou malentendantes (SMS, fax)',
    en: 'Emergencies for deaf or hard-of-hearing people (SMS, fax)',
  },
  '115': { fr: 'SAMU social (hébergement d’urgence)', en: 'SAMU social (emergency shelter)' },
  '119': { fr: 'Allô enfance en danger', en: 'Child protection helpline' },
  '191': { fr: 'Urgences aéronautiques', en: 'Aviation emergencies' },
  '196': { fr: 'Sauvetage en mer', en: 'Sea rescue' },
  '197': { fr: 'Alerte attentat / alerte enlèvement', en: 'Terror attack / child abduction alert' },
  '3919': { fr: 'Violences Femmes Info', en: 'Violence against women helpline' },
  '3114': { fr: 'Prévention du suicide', en: 'Suicide prevention line' },
  '3977': { fr: 'Maltraitance des personnes âgées et handicapées', en: 'Abuse of elderly and disabled people' },
  '3020': { fr: 'Non au harcèlement (école)', en: 'School bullying helpline' },
  '3018': { fr: 'Cyberharcèlement', en: 'Cyber-bullying helpline' },
  '3939': { fr: 'Allô Service Public', en: 'Allô Service Public (government information)' },
  '3646': { fr: 'Assurance Maladie', en: 'French health insurance (Assurance Maladie)' },
  '3949': { fr: 'France Travail', en: 'France Travail (job centre)' },
  '3960': { fr: 'Assurance retraite', en: 'State pension service (Assurance retraite)' },
  '3230': { fr: 'Caisse d’allocations familiales (CAF)', en: 'Family allowance office (CAF)' },
  '116000': { fr: 'Enfants disparus', en: 'Missing children hotline' },
  '116006': { fr: 'Aide aux victimes', en: 'Victim support' },
  '116111': { fr: 'Écoute enfants', en: 'Child helpline' },
  '116117': { fr: 'Médecin de garde', en: 'Out-of-hours doctor' },
  '116123': { fr: 'Écoute émotionnelle', en: 'Emotional support line' },
};

/**
 * The whole 116XYZ range is reserved across the EU for harmonised services of social value (Commission Decision
 * 2007/116/EC): numbers not named above (new lines open over time) are protected under this label.
 */
const EU_HARMONISED: Bilingual = {
  fr: 'Numéro européen harmonisé à valeur sociale (116XYZ)',
  en: 'European harmonised number of social value (116XYZ)',
};

/** `number` is an E.164 number or a short code as produced by `normalize()`. */
const PROTECTED = new Map(Object.entries(PROTECTED_SHORT_CODES));

export function protectedService(number: string): Bilingual | null {
  if (number.startsWith('+')) return null;
  return PROTECTED.get(number) ?? (/^116\d{3}$/.test(number) ? EU_HARMONISED : null);
}

export function isProtectedNumber(number: string): boolean {
  return protectedService(number) !== null;
}
