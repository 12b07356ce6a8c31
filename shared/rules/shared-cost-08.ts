import type { NumberRule } from './number-rule.ts';

/** 081x/082x/0884 are surcharged ("majorés", up to €0.20/min); a missed call from one may be bait for a paid callback. */
export const sharedCost08: NumberRule = {
  id: 'rule:surcharged-08',
  level: 'caution',
  category: null,
  source: 'Plan national de numérotation (numéros 081, 082, 0884 à tarif majoré) ; 33700.fr',
  text: {
    fr: 'Numéro à tarif majoré (081, 082) : le rappeler est payant. Vérifiez qui appelle avant de rappeler.',
    en: 'Surcharged number (081, 082): calling back costs money. Check who is calling before you call back.',
  },
  applies: (n) => n.callingCode === '33' && /^(81|82|884)/.test(n.national),
};
