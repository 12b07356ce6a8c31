/**
 * One line under the look-up field saying what the answers rest on: the crowd list's version, size and age,
 * or that it is not downloaded yet (then only the built-in rules and the user's lists answer). From 3 days
 * without a valid manifest vouching for it, it says so: "liste ancienne de N jours" (shared/sync/list-age.ts).
 */

import { trCount } from '../../../shared/present/translate.ts';
import type { ListMeta } from '../../../shared/store/db.ts';
import { type ListAge, listAgeNotice } from '../../../shared/sync/list-age.ts';
import { formatDateTime, type Lang, t } from '../i18n/strings.ts';
import type { ListSyncStatus } from '../sync/sync-client.ts';

interface Props {
  lang: Lang;
  meta: ListMeta | null;
  status: ListSyncStatus;
  online: boolean;
  age?: ListAge | null;
}

export function ListStatusLine({ lang, meta, status, online, age = null }: Props) {
  const oldNotice = meta ? listAgeNotice(age, lang) : null;
  const parts: string[] = [];
  if (meta) {
    parts.push(`${t(lang, 'listStatus')} v${meta.version}`);
    if (meta.count !== undefined) parts.push(trCount(lang, 'entries', meta.count));
    parts.push(t(lang, 'syncedAt', { when: formatDateTime(lang, meta.syncedAt) }));
    if (meta.demo) parts.push(t(lang, 'demoList'));
  } else {
    parts.push(
      `${t(lang, 'listStatus')} : ${t(lang, status.kind === 'running' && online ? 'listDownloading' : 'listNone')}`,
    );
  }
  return (
    <>
      <p class="hint status-line" data-vigie-list-status={meta ? String(meta.version) : ''}>
        {parts.join(' · ')}
      </p>
      {oldNotice ? (
        <p class="notice list-age" role="status" data-vigie-list-age={age?.days}>
          {oldNotice}
        </p>
      ) : null}
    </>
  );
}
