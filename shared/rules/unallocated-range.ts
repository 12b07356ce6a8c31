import type { NumberRule } from './number-rule.ts';

/** A possible-length number outside every range the plan allocates cannot be a real line: most likely spoofed. */
export const unallocatedRange: NumberRule = {
  id: 'rule:unallocated-range',
  level: 'caution',
  category: null,
  source: 'Plan de numérotation (métadonnées libphonenumber)',
  text: {
    fr: 'Ce numéro ne fait partie d’aucune tranche attribuée : il est probablement usurpé.',
    en: 'This number is in no allocated range: it is probably spoofed.',
  },
  applies: (n) => !n.isShort && !n.allocated,
};
