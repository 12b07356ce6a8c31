/** `<input type="datetime-local">` values in the diary's zone (not the browser's), via the core's zone helpers. */
import { parseCallTime } from '../../../shared/diary/call-time.ts';
import { localParts, pad2 } from '../../../shared/law/zoned-time.ts';

export function toLocalInput(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.ymd}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function fromLocalInput(value: string, timeZone: string): number | null {
  const r = parseCallTime(value, timeZone);
  return r.ok ? r.time : null;
}

/** The browser's zone, or Paris when the engine does not say. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
}

/** Zones of metropolitan France and the overseas departments and collectivities, for the zone picker. */
export const FRENCH_TIME_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
];
