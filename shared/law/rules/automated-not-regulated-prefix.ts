/**
 * Arcep numbering plan (décision 2022-1583), from 1 January 2023: an automated system must show an NPV
 * (0162, 0163, 0270…), an 08 number other than 089, or a 30PQ/31PQ short number.
 * Not judged here: masked numbers, 06/07 and premium numbers (their own rules), foreign numbers (the plan covers
 * French numbers), and 0937–0939, which are technical-platform numbers meant for automated exchanges.
 */
import { isForbiddenCallerId, isMobileNumber, isRegulatedAutomatedCallerId } from '../caller-id-ranges.ts';
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { looksAutomated } from './automated-call.ts';
import { SOURCES } from './sources.ts';

export const automatedNotRegulatedPrefix: LawRule = {
  id: 'automated-not-regulated-prefix',
  kind: 'law',
  title: {
    fr: 'Appel automatisé hors des numéros réservés',
    en: 'Automated call not from the reserved numbers',
  },
  source: SOURCES.numberingPlan.source,
  sourceUrl: SOURCES.numberingPlan.url,
  validFrom: '2023-01-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      const c = v.caller;
      if (v.call.masked || !c || c.kind === 'other' || !looksAutomated(v)) return [];
      if (isMobileNumber(c) || isForbiddenCallerId(c) || isRegulatedAutomatedCallerId(c)) return [];
      if (c.kind === 'national' && /^093[789]/.test(c.national)) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel automatisé le ${when.fr} depuis le ${v.call.number} : un automate doit appeler depuis un numéro réservé (0162, 0163, 0270, 0271, 0377, 0378, 0424, 0425, 0568, 0569, 0948, 0949…).`,
            en: `Automated call on ${when.en} from ${v.call.number}: an automated system must call from a reserved number (0162, 0163, 0270, 0271, 0377, 0378, 0424, 0425, 0568, 0569, 0948, 0949…).`,
          },
        },
      ];
    });
  },
};
