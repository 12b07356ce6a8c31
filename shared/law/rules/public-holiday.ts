/** D.223-9: no sales calls on the 11 public holidays of Code du travail L.3133-1. */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { exemptFromDaysAndHours, holidayOf } from './allowed-days.ts';
import { SOURCES } from './sources.ts';

export const publicHoliday: LawRule = {
  id: 'public-holiday',
  kind: 'law',
  title: { fr: 'Appel un jour férié', en: 'Call on a public holiday' },
  source: SOURCES.d2239Holidays.source,
  sourceUrl: SOURCES.d2239Holidays.url,
  validFrom: '2023-03-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      const holiday = holidayOf(v);
      if (exemptFromDaysAndHours(v) || !holiday) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr}, jour férié (${holiday.name.fr}) : le démarchage téléphonique y est interdit.`,
            en: `Call on ${when.en}, a public holiday (${holiday.name.en}): telephone sales calls are forbidden that day.`,
          },
        },
      ];
    });
  },
};
