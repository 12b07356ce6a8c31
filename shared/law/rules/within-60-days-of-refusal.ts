/**
 * D.223-9: after the consumer refused during a call, no call or attempt before 60 full calendar days
 * ("soixante jours calendaires révolus"). The day of the refusal does not count; the 60 days are the next 60
 * local dates, so a call on day R+60 is a finding and R+61 is allowed. A later call on the refusal day counts too.
 */
import { describeDate } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const REFUSAL_QUIET_DAYS = 60;

export const within60DaysOfRefusal: LawRule = {
  id: 'within-60-days-of-refusal',
  kind: 'law',
  title: { fr: 'Rappel moins de 60 jours après un refus', en: 'Called again within 60 days of a refusal' },
  source: SOURCES.d2239.source,
  sourceUrl: SOURCES.d2239.url,
  validFrom: '2023-03-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      // The most recent refusal strictly before this call.
      let refusal: (typeof ctx.calls)[number] | undefined;
      for (let j = index - 1; j >= 0; j--) {
        const w = ctx.calls[j]!;
        if (w.call.refused && w.call.time < v.call.time) {
          refusal = w;
          break;
        }
      }
      if (!refusal) return [];
      const days = v.local.dayNumber - refusal.local.dayNumber;
      if (days > REFUSAL_QUIET_DAYS) return [];
      const refusedOn = describeDate(refusal.local);
      return [
        {
          index,
          text: {
            fr: `Appel ${days} jour(s) après votre refus du ${refusedOn.fr} : l'entreprise devait attendre 60 jours pleins.`,
            en: `Call ${days} day(s) after you refused on ${refusedOn.en}: the company had to wait 60 full days.`,
          },
        },
      ];
    });
  },
};
