/**
 * "Liste ancienne de N jours" in the popup, from 3 days without a valid manifest vouching for the crowd list
 * (shared/sync/list-age.ts): a client cut off from the service, or fed an old manifest, must not look current.
 */
import { LIST_AGE_NOTICE_DAYS, listAgeNotice } from '../../../shared/sync/list-age.ts';
import type { Lang } from '../messages.ts';

export function ListAgeNotice({ lang, days }: { lang: Lang; days: number | null | undefined }) {
  if (days == null) return null;
  const text = listAgeNotice({ days, old: days >= LIST_AGE_NOTICE_DAYS }, lang);
  return text ? (
    <p class="list-age" role="status" data-vigie-list-age={days}>
      {text}
    </p>
  ) : null;
}
