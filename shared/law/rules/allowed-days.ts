/**
 * Shared facts of D.223-9's days and hours: which local days and minutes are allowed.
 * The slots are half-open, [10:00, 13:00) and [14:00, 20:00): a call at 13:00 or 20:00 is at the end of the slot,
 * not inside it (SignalConso's own wording: "avant 10h, entre 13h et 14h, après 20h"). See docs/law.md.
 */
import { publicHolidayOn } from '../holidays.ts';
import type { CallView } from '../types.ts';

export const ALLOWED_SLOTS: ReadonlyArray<readonly [number, number]> = [
  [10 * 60, 13 * 60],
  [14 * 60, 20 * 60],
];

export function isWeekend(v: CallView): boolean {
  return v.local.weekday === 0 || v.local.weekday === 6;
}

export function isInAllowedSlot(v: CallView): boolean {
  const minute = v.local.hour * 60 + v.local.minute;
  return ALLOWED_SLOTS.some(([from, to]) => minute >= from && minute < to);
}

export function holidayOf(v: CallView) {
  return publicHolidayOn(v.local.ymd);
}

/** D.223-9: days and hours do not bind a professional who has the consumer's express prior consent. */
export function exemptFromDaysAndHours(v: CallView): boolean {
  return v.call.consent;
}
