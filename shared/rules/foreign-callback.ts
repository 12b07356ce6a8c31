import { FRENCH_FAMILY_CALLING_CODES } from '../number/overseas.ts';
import type { NumberRule } from './number-rule.ts';

/**
 * Ping calls ("wangiri") ring once from abroad so the victim calls a costly foreign number back
 * (33700.fr; service-public.fr F33267). Prefix lists of abused countries are anecdotal (research §5), so the
 * safer rule is a caution on any foreign number for a user in France.
 */
export const foreignCallback: NumberRule = {
  id: 'rule:foreign-callback-risk',
  level: 'caution',
  category: null,
  source: '33700.fr ; service-public.fr F33267 (arnaque au rappel)',
  text: {
    fr: 'Numéro étranger : après un appel manqué, ne rappelez pas sans savoir qui c’est (arnaque au rappel).',
    en: 'Foreign number: after a missed call, do not call back unless you know who it is (callback scam).',
  },
  applies: (n, context) =>
    context.region === 'FR' && !n.isShort && n.callingCode !== null && !FRENCH_FAMILY_CALLING_CODES.has(n.callingCode),
};
