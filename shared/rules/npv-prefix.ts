import { FRENCH_PLAN, type NumberRule } from './number-rule.ts';

/**
 * ARCEP's "numéros polyvalents vérifiés" (NPV): since 1 January 2023 automated diallers must present one of
 * these (or an 08 special number, or 30PQ/31PQ). Twelve metropolitan 0ZAB blocks of 10⁶ numbers and five
 * overseas 0947x blocks of 10⁵. Research §1.2–1.3: the overseas blocks are matched on the national number
 * under every French-plan calling code, because how they show on a handset is not confirmed.
 * An NPV means an automated or call-centre call, not necessarily selling (research §1.5): `spam`, never `danger`.
 */
export const NPV_METROPOLITAN = ['162', '163', '270', '271', '377', '378', '424', '425', '568', '569', '948', '949'];
export const NPV_OVERSEAS = ['9475', '9476', '9477', '9478', '9479'];

export function isNpvNational(callingCode: string | null, national: string): boolean {
  if (callingCode === null || !FRENCH_PLAN.has(callingCode)) return false;
  if (NPV_OVERSEAS.some((p) => national.startsWith(p))) return true;
  return callingCode === '33' && national.length === 9 && NPV_METROPOLITAN.some((p) => national.startsWith(p));
}

export const npvPrefix: NumberRule = {
  id: 'rule:npv-prefix',
  level: 'spam',
  category: 'robocall',
  source: 'ARCEP, décision n° 2022-1583 du 1er septembre 2022 (plan de numérotation, §2.3.7)',
  text: {
    fr: 'Numéro réservé aux appels automatisés (numéro polyvalent vérifié) : démarchage ou automate d’appel probable.',
    en: 'Number reserved for automated calls (ARCEP verified multi-purpose number): telemarketing or robocall likely.',
  },
  applies: (n) => !n.isShort && isNpvNational(n.callingCode, n.national),
};
