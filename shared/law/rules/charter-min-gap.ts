/**
 * Operators' charter, not law: a minimum gap between two attempts (24 h by default, configurable).
 * research/french-rules.md §2.1: the décret has no such rule; the "24 h" figure comes from the profession's
 * commitments and the insurance signing delay. Shown as "engagement de la profession", never as illegal.
 */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const charterMinGap: LawRule = {
  id: 'charter-min-gap',
  kind: 'charter',
  title: {
    fr: 'Délai minimal entre deux appels (engagement de la profession)',
    en: 'Minimum gap between calls (industry commitment)',
  },
  source: SOURCES.charter.source,
  check(ctx) {
    const gapMs = ctx.options.charterMinGapHours * 3_600_000;
    return ctx.calls.flatMap((v, index) => {
      const previous = ctx.calls[index - 1];
      if (!previous || v.call.time - previous.call.time >= gapMs) return [];
      const minutes = Math.round((v.call.time - previous.call.time) / 60_000);
      const gap =
        minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
      const when = describeWhen(v.local);
      const h = ctx.options.charterMinGapHours;
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr}, ${gap} après le précédent : la profession s'engage à espacer les appels d'au moins ${h} h (engagement de la profession, pas une règle de loi).`,
            en: `Call on ${when.en}, ${gap} after the previous one: the industry commits to at least ${h} h between calls (an industry commitment, not a legal rule).`,
          },
        },
      ];
    });
  },
};
