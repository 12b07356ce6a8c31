/** D.223-9: on allowed days, calls only 10:00–13:00 and 14:00–20:00 in the consumer's time zone. */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { exemptFromDaysAndHours, holidayOf, isInAllowedSlot, isWeekend } from './allowed-days.ts';
import { SOURCES } from './sources.ts';

export const outsideHours: LawRule = {
  id: 'outside-hours',
  kind: 'law',
  title: { fr: 'Appel hors des heures autorisées', en: 'Call outside the allowed hours' },
  source: SOURCES.d2239.source,
  sourceUrl: SOURCES.d2239.url,
  validFrom: '2023-03-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      // A weekend or holiday call is wrong for the whole day; that rule reports it, not this one.
      if (exemptFromDaysAndHours(v) || isWeekend(v) || holidayOf(v) || isInAllowedSlot(v)) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr} (heure locale) : en semaine, le démarchage n'est permis que de 10h à 13h et de 14h à 20h.`,
            en: `Call on ${when.en} (local time): on weekdays, sales calls are only allowed 10:00–13:00 and 14:00–20:00.`,
          },
        },
      ];
    });
  },
};
