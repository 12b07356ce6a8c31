import type { NormalizedNumber } from '../number/normalize.ts';
import { frenchPlanNational } from '../number/overseas.ts';
import type { OperatorFact } from '../verdict.ts';
import type { ArcepTable } from './compile-arcep.ts';

/** Calling codes whose numbers ARCEP allocates in the French national plan (national form = 0 + NSN). */
const ARCEP_CALLING_CODES = new Set(['33', '590', '594', '596', '262', '508']);

/** Binary search over the compiled table: who the block holding a number was allocated to. */
export class OperatorLookup {
  /** One answer object per range, made on first use: verdicts share them, and hot loops allocate nothing. */
  private readonly facts = new Map<number, OperatorFact>();
  private readonly ranges = new Map<number, Float64Array>();
  private readonly callCentre: ReadonlySet<string>;

  constructor(private readonly table: ArcepTable) {
    for (const [length, flat] of Object.entries(table.ranges)) this.ranges.set(Number(length), Float64Array.from(flat));
    this.callCentre = new Set(table.callCentre ?? []);
  }

  /** Whether the operator is one whose numbering serves mainly call centres (call-centre-operators.json). */
  isCallCentre(code: string): boolean {
    return this.callCentre.has(code);
  }

  get dataDate(): string {
    return this.table.dataDate;
  }

  /** The number as MAJNUM writes it (national form, trunk 0 included), or null outside ARCEP's plan. */
  static nationalForm(n: NormalizedNumber): string | null {
    if (n.isShort) return n.number;
    if (n.callingCode === null || !ARCEP_CALLING_CODES.has(n.callingCode)) return null;
    return frenchPlanNational(n.callingCode, n.national);
  }

  find(n: NormalizedNumber): OperatorFact | null {
    const national = OperatorLookup.nationalForm(n);
    if (national === null) return null;
    const flat = this.ranges.get(national.length);
    if (!flat) return null;
    const value = Number(national);
    let lo = 0;
    let hi = flat.length / 4 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = flat[mid * 4]!;
      if (value < start) hi = mid - 1;
      else if (value > flat[mid * 4 + 1]!) lo = mid + 1;
      else return this.factAt(national.length, mid, flat);
    }
    return null;
  }

  private factAt(length: number, index: number, flat: Float64Array): OperatorFact {
    const key = length * 1_000_000 + index;
    let fact = this.facts.get(key);
    if (!fact) {
      const [code, name] = this.table.operators[flat[index * 4 + 2]!] ?? ['?', '?'];
      const pad = (n: number) => String(n).padStart(length, '0');
      fact = {
        code,
        name,
        block: blockLabel(pad(flat[index * 4]!), pad(flat[index * 4 + 1]!)),
        territory: this.table.territories[flat[index * 4 + 3]!] ?? '',
      };
      this.facts.set(key, fact);
    }
    return fact;
  }
}

/** `0162000000`–`0162999999` → `0162`: the common prefix a person recognises; a plain range otherwise. */
function blockLabel(start: string, end: string): string {
  let i = 0;
  while (i < start.length && start[i] === end[i]) i++;
  const prefix = start.slice(0, i);
  const rest = start.length - i;
  if (/^0*$/.test(start.slice(i)) && /^9*$/.test(end.slice(i)) && rest > 0) return prefix;
  return start === end ? start : `${start}–${end}`;
}
