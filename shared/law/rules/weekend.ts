/** D.223-9: sales calls only Monday to Friday. */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { exemptFromDaysAndHours, isWeekend } from './allowed-days.ts';
import { SOURCES } from './sources.ts';

export const weekend: LawRule = {
  id: 'weekend',
  kind: 'law',
  title: { fr: 'Appel un samedi ou un dimanche', en: 'Call on a Saturday or Sunday' },
  source: SOURCES.d2239.source,
  sourceUrl: SOURCES.d2239.url,
  validFrom: '2023-03-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      if (exemptFromDaysAndHours(v) || !isWeekend(v)) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr} : le démarchage téléphonique est interdit le samedi et le dimanche.`,
            en: `Call on ${when.en}: telephone sales calls are forbidden on Saturdays and Sundays.`,
          },
        },
      ];
    });
  },
};
