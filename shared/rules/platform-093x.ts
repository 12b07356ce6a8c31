import { FRENCH_PLAN, type NumberRule } from './number-rule.ts';

/**
 * 0937–0939 are "plateforme technique" numbers (deliveries, ride-hailing, a shop's messaging). Service-public
 * wrongly called them telemarketing on 2 January 2023 and corrected it the next day (research §1.5): say so,
 * so nobody blocks their delivery driver.
 */
export const platform093x: NumberRule = {
  id: 'rule:platform-093x',
  level: 'unknown',
  category: null,
  source: 'ARCEP, communiqué du 5 septembre 2022 ; plan de numérotation §2.3.9',
  text: {
    fr: 'Numéro de plateforme technique (livraison, VTC, messagerie d’un commerçant) : ce n’est pas un numéro de démarchage.',
    en: 'Technical-platform number (delivery, ride-hailing, shop messaging): not a telemarketing number.',
  },
  // Overseas blocks 0939 5… to 0939 9… (MAJNUM) carry their department's code: the same numbers.
  applies: (n) => n.callingCode !== null && FRENCH_PLAN.has(n.callingCode) && /^93[789]/.test(n.national),
};
