/**
 * D.223-9: the same professional may not call or try to call the same consumer more than 4 times in any 30
 * calendar days. Unanswered attempts count ("tenter de démarcher"). The window slides: for each call, the calls on
 * its local date and the 29 calendar days before are counted; the 5th and later in such a window are findings.
 */
import { describeDate, shortDateFr } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const WINDOW_DAYS = 30;
export const MAX_CALLS_IN_WINDOW = 4;

export const over4In30Days: LawRule = {
  id: 'over-4-in-30-days',
  kind: 'law',
  title: { fr: 'Plus de 4 appels en 30 jours', en: 'More than 4 calls in 30 days' },
  source: SOURCES.d2239.source,
  sourceUrl: SOURCES.d2239.url,
  validFrom: '2023-03-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      const firstDay = v.local.dayNumber - (WINDOW_DAYS - 1);
      const inWindow = ctx.calls.filter(
        (w, j) => j <= index && w.local.dayNumber >= firstDay && w.local.dayNumber <= v.local.dayNumber,
      );
      if (inWindow.length <= MAX_CALLS_IN_WINDOW) return [];
      const dates = inWindow.map((w) => shortDateFr(w.local)).join(', ');
      const day = describeDate(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel n° ${inWindow.length} de cette entreprise en 30 jours (le ${day.fr}) : la limite est de 4 appels ou tentatives. Dates : ${dates}.`,
            en: `Call number ${inWindow.length} from this company within 30 days (on ${day.en}): the limit is 4 calls or attempts. Dates: ${dates}.`,
          },
        },
      ];
    });
  },
};
