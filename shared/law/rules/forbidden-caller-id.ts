/** Arrêté du 5 juillet 2016: 089x, 118XYZ and 3BPQ other than 30PQ/31PQ may never be shown as caller ID. */
import { isForbiddenCallerId } from '../caller-id-ranges.ts';
import { describeWhen } from '../describe-call.ts';
import type { LawRule } from '../types.ts';
import { SOURCES } from './sources.ts';

export const forbiddenCallerId: LawRule = {
  id: 'forbidden-caller-id',
  kind: 'law',
  title: { fr: 'Numéro surtaxé affiché', en: 'Premium-rate caller ID' },
  source: SOURCES.forbiddenCallerId.source,
  validFrom: '2016-08-01',
  check(ctx) {
    return ctx.calls.flatMap((v, index) => {
      if (v.call.masked || !v.caller || !isForbiddenCallerId(v.caller)) return [];
      const when = describeWhen(v.local);
      return [
        {
          index,
          text: {
            fr: `Appel le ${when.fr} depuis le ${v.call.number} : un numéro surtaxé (089, 118 ou 3BPQ payant) ne peut jamais être affiché. Ne rappelez pas.`,
            en: `Call on ${when.en} from ${v.call.number}: a premium number (089, 118 or a paid 3BPQ) may never be shown as caller ID. Do not call back.`,
          },
        },
      ];
    });
  },
};
