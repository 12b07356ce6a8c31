import type { OperatorFact, Reason } from '../verdict.ts';

/** "Block allocated to X", never "this line is with X": numbers are ported (research §7). */
export function operatorReason(op: OperatorFact): Reason {
  return {
    id: 'operator:block-holder',
    kind: 'operator',
    source: 'ARCEP, MAJNUM (données ouvertes)',
    text: `Tranche ${op.block} attribuée à ${holderFr(op)} (${op.territory}) ; le numéro a pu être porté depuis.`,
    textEn: `Block ${op.block} allocated to ${holderEn(op)} (${op.territory}); the number may have been ported since.`,
  };
}

// An operator declared after the shipped operators file has no name yet, only its ARCEP code: say what the code is
// rather than show "GMBZ" as if it were a name.
const holderFr = (op: OperatorFact) => (op.name === op.code ? `l’opérateur de code ARCEP ${op.code}` : op.name);
const holderEn = (op: OperatorFact) => (op.name === op.code ? `the operator with ARCEP code ${op.code}` : op.name);

/**
 * The widest block of whole decimal digits around `national` that lies inside the holder's block: adjacent
 * MAJNUM blocks of one holder are merged in the compiled table (`0189710000–0189721999`), and a person reads
 * `01 89 72 0` better than a range. Written in pairs, as people write numbers.
 */
export function blockAround(national: string, block: string): string {
  const [start = block.padEnd(national.length, '0'), end = block.padEnd(national.length, '9')] = block.includes('–')
    ? block.split('–')
    : [];
  let prefix = national;
  for (let k = 1; k < national.length; k++) {
    const candidate = national.slice(0, national.length - k);
    if (`${candidate}${'0'.repeat(k)}` < start || `${candidate}${'9'.repeat(k)}` > end) break;
    prefix = candidate;
  }
  return (prefix.match(/\d{1,2}/g) ?? []).join(' ');
}

/**
 * The holder sells outbound telephony to call centres (shared/operators/call-centre-operators.json): most calls
 * from its blocks are prospecting. It names the holder, so it replaces the plain block-holder fact.
 */
export function callCentreReason(op: OperatorFact, national: string): Reason {
  const block = blockAround(national, op.block);
  return {
    id: 'operator:call-centre',
    kind: 'operator',
    source: 'ARCEP, MAJNUM ; opérateurs pour centres d’appels (shared/operators/call-centre-operators.json)',
    text: `Tranche ${block} attribuée à ${op.name}, opérateur de téléphonie pour centres d’appels : ces numéros servent surtout à la prospection.`,
    textEn: `Block ${block} allocated to ${op.name}, a telephony operator for call centres: these numbers are mostly used for cold calling.`,
  };
}
