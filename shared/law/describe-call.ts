/** Plain-language "when" of a call, in French and English, in the consumer's local time. */
import type { Bilingual } from '../verdict.ts';
import type { LocalParts } from './zoned-time.ts';
import { pad2 } from './zoned-time.ts';

const WEEKDAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "lundi 2 mars 2026" / "Monday 2 March 2026". */
export function describeDate(p: LocalParts): Bilingual {
  const dayFr = p.day === 1 ? '1er' : String(p.day);
  return {
    fr: `${WEEKDAYS_FR[p.weekday]} ${dayFr} ${MONTHS_FR[p.month - 1]} ${p.year}`,
    en: `${WEEKDAYS_EN[p.weekday]} ${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`,
  };
}

export function describeClock(p: LocalParts): string {
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "lundi 2 mars 2026 à 09:59" / "Monday 2 March 2026 at 09:59". */
export function describeWhen(p: LocalParts): Bilingual {
  const d = describeDate(p);
  return { fr: `${d.fr} à ${describeClock(p)}`, en: `${d.en} at ${describeClock(p)}` };
}

/** "02/03/2026" (French short date) — the form SignalConso and Bloctel ask for. */
export function shortDateFr(p: LocalParts): string {
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}
