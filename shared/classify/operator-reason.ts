import type { OperatorFact, Reason } from '../verdict.ts';

/** "Block allocated to X", never "this line is with X": numbers are ported (research §7). */
export function operatorReason(op: OperatorFact): Reason {
  return {
    id: 'operator:block-holder',
    kind: 'operator',
    source: 'ARCEP, MAJNUM (données ouvertes)',
    text: `Tranche ${op.block} attribuée à ${op.name} (${op.territory}) ; le numéro a pu être porté depuis.`,
    textEn: `Block ${op.block} allocated to ${op.name} (${op.territory}); the number may have been ported since.`,
  };
}
