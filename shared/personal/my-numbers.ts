/**
 * The user's own numbers ("mon numéro", settings `myNumbers`), typed as people type them: one per line or
 * separated by commas or semicolons. Stored as E.164 so classify compares them with `Verdict.number`.
 */
import { normalize } from '../number/normalize.ts';
import { MAX_MY_NUMBERS } from './my-numbers-limit.ts';

export type MyNumbersResult = { ok: true; numbers: string[] } | { ok: false; message: string; messageEn: string };

export function parseMyNumbers(text: string, region = 'FR'): MyNumbersResult {
  const parts = text
    .split(/[\n,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const numbers: string[] = [];
  for (const part of parts) {
    const n = normalize(part, region);
    if (!n.ok)
      return { ok: false, message: `« ${part} » : ${n.error.message}`, messageEn: `"${part}": ${n.error.messageEn}` };
    if (n.value.isShort) {
      return {
        ok: false,
        message: `« ${part} » : un numéro court ne peut pas être le vôtre.`,
        messageEn: `"${part}": a short code cannot be your own number.`,
      };
    }
    if (!numbers.includes(n.value.number)) numbers.push(n.value.number);
  }
  if (numbers.length > MAX_MY_NUMBERS) {
    return {
      ok: false,
      message: `${MAX_MY_NUMBERS} numéros au plus.`,
      messageEn: `${MAX_MY_NUMBERS} numbers at most.`,
    };
  }
  return { ok: true, numbers };
}
