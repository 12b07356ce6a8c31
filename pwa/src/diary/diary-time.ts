/** `<input type="datetime-local">` values in the diary's zone: the core's helpers (shared/present/report-draft.ts). */
import { FRENCH_TIME_ZONES } from '../../../shared/present/time-zones.ts';

export { fromLocalInput, toLocalInput } from '../../../shared/present/report-draft.ts';
export { FRENCH_TIME_ZONES };

/** The browser's zone, or Paris when the engine does not say. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
}
