/**
 * Operators' charter, not law: a cap on calls per calendar month (configurable). Shown as "engagement de la
 * profession", never as illegal. The month is the consumer's local calendar month.
 */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const charterMonthlyCap: LawRule = {
  id: 'charter-monthly-cap',
  kind: 'charter',
  title: { fr: 'Plafond mensuel d’appels (engagement de la profession)', en: 'Monthly call cap (industry commitment)' },
  source: SOURCES.charter.source,
  check(ctx) {
    const cap = ctx.options.charterMonthlyCap;
    return ctx.calls.flatMap((v, index) => {
      const n = ctx.calls.filter(
        (w, j) => j <= index && w.local.year === v.local.year && w.local.month === v.local.month,
      ).length;
      if (n <= cap) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel n° ${n} ce mois-ci (le ${when.fr}) : la profession s'engage à ne pas dépasser ${cap} appels par mois (engagement de la profession, pas une règle de loi).`,
            en: `Call number ${n} this month (on ${when.en}): the industry commits to no more than ${cap} calls a month (an industry commitment, not a legal rule).`,
          },
        },
      ];
    });
  },
};
