import type { NumberRule } from './number-rule.ts';

/** 089x numbers cost up to €0.80/min; the arrêté of 5 July 2016 forbids them as a caller ID, so a call "from" one is a ping call. */
export const premium089: NumberRule = {
  id: 'rule:premium-089',
  level: 'danger',
  category: 'premium_callback',
  source:
    'Arrêté du 5 juillet 2016 (numéros interdits comme identifiant d’appelant) ; art. L.221-17 Code de la consommation',
  text: {
    fr: 'Numéro surtaxé 089 : il ne peut jamais s’afficher comme appelant. Arnaque au rappel probable, ne rappelez pas.',
    en: 'Premium-rate 089 number: it may never be shown as a caller ID. Likely a callback scam; do not call back.',
  },
  applies: (n) => n.callingCode === '33' && n.national.startsWith('89'),
};
