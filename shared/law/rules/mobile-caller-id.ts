/** Arcep numbering plan (décision 2022-1583), from 1 January 2023: 06/07 are for person-to-person calls only. */
import { isMobileNumber } from '../caller-id-ranges.ts';
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { looksAutomated } from './automated-call.ts';
import { SOURCES } from './sources.ts';

export const mobileCallerId: LawRule = {
  id: 'mobile-caller-id',
  kind: 'law',
  title: { fr: 'Plateforme automatisée avec un numéro 06/07', en: 'Automated platform showing a 06/07 number' },
  source: SOURCES.numberingPlan.source,
  sourceUrl: SOURCES.numberingPlan.url,
  validFrom: '2023-01-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      if (v.call.masked || !v.caller || !isMobileNumber(v.caller) || !looksAutomated(v)) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel automatisé le ${when.fr} depuis le mobile ${v.call.number} : les numéros 06 et 07 sont réservés aux appels entre personnes.`,
            en: `Automated call on ${when.en} from the mobile number ${v.call.number}: 06 and 07 numbers are reserved for person-to-person calls.`,
          },
        },
      ];
    });
  },
};
