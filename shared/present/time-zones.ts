/**
 * Time zones by the places people live in, not by their IANA codes: "Guadeloupe, Saint-Martin,
 * Saint-Barthélemy" rather than "America/Guadeloupe". The diary counts calling hours in the consumer's zone
 * (Code de la consommation D.223-9), so the list covers France and every overseas territory.
 */
import type { Lang } from './lang.ts';

/** IANA zone → place names (French, English). Territories from the INSEE list of overseas collectivities. */
const FRENCH_ZONES: ReadonlyArray<readonly [zone: string, fr: string, en: string]> = [
  ['Europe/Paris', 'France métropolitaine, Corse', 'Mainland France, Corsica'],
  ['America/Guadeloupe', 'Guadeloupe, Saint-Martin, Saint-Barthélemy', 'Guadeloupe, Saint Martin, Saint Barthélemy'],
  ['America/Martinique', 'Martinique', 'Martinique'],
  ['America/Cayenne', 'Guyane', 'French Guiana'],
  ['Indian/Reunion', 'La Réunion', 'Réunion'],
  ['Indian/Mayotte', 'Mayotte', 'Mayotte'],
  ['America/Miquelon', 'Saint-Pierre-et-Miquelon', 'Saint Pierre and Miquelon'],
  ['Pacific/Noumea', 'Nouvelle-Calédonie', 'New Caledonia'],
  ['Pacific/Tahiti', 'Polynésie française (Tahiti)', 'French Polynesia (Tahiti)'],
  ['Pacific/Wallis', 'Wallis-et-Futuna', 'Wallis and Futuna'],
];

export const FRENCH_TIME_ZONES: readonly string[] = FRENCH_ZONES.map(([zone]) => zone);

/** "Guadeloupe, Saint-Martin, Saint-Barthélemy"; a zone outside France by its city ("Europe/Berlin" → "Berlin"). */
export function timeZonePlace(lang: Lang, zone: string): string {
  const known = FRENCH_ZONES.find(([z]) => z === zone);
  if (known) return lang === 'fr' ? known[1] : known[2];
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/** The zone's offset at `at` as people write it: "UTC+1", "UTC−4" (a true minus sign), "UTC+5:30". */
export function timeZoneOffset(zone: string, at: number): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const raw = name?.replace(/^GMT/, '') ?? '';
  const offset = raw === '+0' ? '' : raw;
  return `UTC${offset.replace('-', '−')}`;
}

/** Choices for a time-zone picker: the given zone first (the device's), then France and its territories. */
export function timeZoneChoices(lang: Lang, current: string, at: number): { zone: string; label: string }[] {
  return [...new Set([current, ...FRENCH_TIME_ZONES])].map((zone) => ({
    zone,
    label: `${timeZonePlace(lang, zone)} (${timeZoneOffset(zone, at)})`,
  }));
}
