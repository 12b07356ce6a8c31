/** L.221-17 Code conso: a professional calling a consumer must not hide its number. */
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const maskedNumber: LawRule = {
  id: 'masked-number',
  kind: 'law',
  title: { fr: 'Numéro masqué', en: 'Hidden caller ID' },
  source: SOURCES.masked.source,
  // Loi Hamon, JORF of 18 March 2014, in force the next day.
  validFrom: '2014-03-19',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      if (!v.call.masked) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr} en numéro masqué : un professionnel qui démarche un consommateur doit afficher son numéro.`,
            en: `Call on ${when.en} with a hidden number: a business calling a consumer must show its number.`,
          },
        },
      ];
    });
  },
};
