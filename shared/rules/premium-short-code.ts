import { classifyShortCode } from '../number/short-codes.ts';
import type { NumberRule } from './number-rule.ts';
import { isProtectedNumber } from './protected.ts';

const SOURCE = 'Arrêté du 5 juillet 2016 (numéros interdits comme identifiant d’appelant)';

/** 118XYZ directory enquiries: surcharged, never a lawful caller ID. */
export const directory118: NumberRule = {
  id: 'rule:directory-118',
  level: 'danger',
  category: 'premium_callback',
  source: SOURCE,
  text: {
    fr: 'Numéro de renseignements 118 surtaxé : il ne peut pas s’afficher comme appelant. Ne rappelez pas.',
    en: 'Surcharged 118 directory number: it may not be shown as a caller ID. Do not call back.',
  },
  applies: (n) => n.isShort && classifyShortCode(n.number) === 'directory',
};

/** 32PQ–39PQ may be surcharged and are not allowed as caller IDs (only 30PQ/31PQ are). Public services are exempted upstream. */
export const premium3bpq: NumberRule = {
  id: 'rule:premium-3bpq',
  level: 'danger',
  category: 'premium_callback',
  source: SOURCE,
  text: {
    fr: 'Numéro court 3BPQ (hors 30PQ/31PQ) : interdit comme identifiant d’appelant, souvent surtaxé. Ne rappelez pas.',
    en: 'Short 3BPQ number (other than 30PQ/31PQ): not allowed as a caller ID, often surcharged. Do not call back.',
  },
  applies: (n) => n.isShort && classifyShortCode(n.number) === 'other_3bpq' && !isProtectedNumber(n.number),
};

/** 30PQ/31PQ are free and one of the three caller IDs automated traffic may present (research §1.5). */
export const free3bpq: NumberRule = {
  id: 'rule:free-3bpq',
  level: 'unknown',
  category: null,
  source: 'ARCEP, décision n° 2022-1583 (plan de numérotation, §2.3.7) ; numéros 30PQ/31PQ gratuits',
  text: {
    fr: 'Numéro court gratuit 30PQ/31PQ : autorisé pour les appels automatisés d’une entreprise.',
    en: 'Free 30PQ/31PQ short number: allowed for a business’s automated calls.',
  },
  applies: (n) => n.isShort && classifyShortCode(n.number) === 'free_3bpq' && !isProtectedNumber(n.number),
};

export const operatorService: NumberRule = {
  id: 'rule:operator-service',
  level: 'unknown',
  category: null,
  source: 'Plan national de numérotation (numéros 10XY)',
  text: {
    fr: 'Numéro court 10XY : service client d’un opérateur.',
    en: 'Short 10XY number: an operator’s customer service.',
  },
  applies: (n) => n.isShort && classifyShortCode(n.number) === 'operator_service',
};
