/**
 * One line under the look-up field saying what the answers rest on: the crowd list's version, size and age,
 * or that it is not downloaded yet (then only the built-in rules and the user's lists answer).
 */

import { trCount } from '../../../shared/present/translate.ts';
import type { ListMeta } from '../../../shared/store/db.ts';
import { formatDateTime, type Lang, t } from '../i18n/strings.ts';
import type { ListSyncStatus } from '../sync/sync-client.ts';

interface Props {
  lang: Lang;
  meta: ListMeta | null;
  status: ListSyncStatus;
  online: boolean;
}

export function ListStatusLine({ lang, meta, status, online }: Props) {
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
    <p class="hint status-line" data-vigie-list-status={meta ? String(meta.version) : ''}>
      {parts.join(' · ')}
    </p>
  );
}
