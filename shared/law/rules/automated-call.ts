/**
 * When the diary shows an automated system: the user marked the call automated (recorded voice, delay before
 * someone spoke), or it was a silent call, the signature of a predictive dialler. The eight-column CSV has
 * neither flag, so the two caller-ID rules below need the optional `silent`/`automated` columns.
 */
import type { CallView } from '../types.ts';

export function looksAutomated(v: CallView): boolean {
  return v.call.automated === true || v.call.silent === true;
}
