/**
 * Loi n° 2025-594 art. 13 (new L.223-1 Code conso), from 11 August 2026: telephone canvassing needs the
 * consumer's prior consent, unless the call is made under a current contract and relates to it.
 * The diary's `customer` flag means exactly that (a current contract and a call about it).
 */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const OPT_IN_FROM = '2026-08-11';

export const noPriorConsent: LawRule = {
  id: 'no-prior-consent',
  kind: 'law',
  title: { fr: 'Démarchage sans consentement préalable', en: 'Sales call without prior consent' },
  source: SOURCES.optIn.source,
  sourceUrl: SOURCES.optIn.url,
  validFrom: OPT_IN_FROM,
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      if (v.call.consent || v.call.customer) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr} sans votre accord préalable : depuis le 11 août 2026, le démarchage téléphonique exige votre consentement, sauf contrat en cours lié à l'appel.`,
            en: `Call on ${when.en} without your prior consent: since 11 August 2026, telephone sales calls need your consent, unless about a current contract.`,
          },
        },
      ];
    });
  },
};
