/**
 * How old the installed crowd list is known to be, for the notice the PWA and the extension show
 * ("liste ancienne de N jours"). The age runs from the `publishedAt` of the last signed manifest that vouched
 * for the list (an update, or a "current" answer: the service re-signs its manifest daily), not from when the
 * version was made: a list with no news for a month is still fresh if the service keeps saying so. A client
 * cut off from the service, or fed an old manifest (refused once expired), sees the age grow.
 */
import type { ListMeta } from '../store/db.ts';
import type { SyncState } from './sync-state.ts';

/** From this many whole days, the list's age is shown (the service re-signs daily, syncs run hourly or so). */
export const LIST_AGE_NOTICE_DAYS = 3;

const DAY_MS = 86_400_000;

export interface ListAge {
  /** Whole days since the list was last vouched for. */
  days: number;
  /** True from LIST_AGE_NOTICE_DAYS days: say so to the user. */
  old: boolean;
}

/** The list's age at `now`, or null when there is no list (or nothing tells when it was published). */
export function listAge(
  meta: Pick<ListMeta, 'publishedAt' | 'syncedAt'> | null | undefined,
  state: Pick<SyncState, 'listPublishedAt'> | null | undefined,
  now: number,
): ListAge | null {
  if (!meta) return null;
  const candidates = [state?.listPublishedAt, meta.publishedAt]
    .map((text) => (text ? Date.parse(text) : Number.NaN))
    .filter((ms) => Number.isFinite(ms));
  if (candidates.length === 0) return null;
  // A clock set behind the service's gives a negative age: that is "fresh", not an error worth showing.
  const days = Math.max(0, Math.floor((now - Math.max(...candidates)) / DAY_MS));
  return { days, old: days >= LIST_AGE_NOTICE_DAYS };
}

/** The notice for an old list, in the UI language; null when the list is fresh or absent. */
export function listAgeNotice(age: ListAge | null, lang: 'fr' | 'en'): string | null {
  if (!age?.old) return null;
  return lang === 'fr' ? `Liste ancienne de ${age.days} jours` : `List is ${age.days} days old`;
}
