/**
 * The last sync outcome, kept in the `meta` store for the status lines of the popup and the PWA. Apart from
 * list-sync.ts so that a UI can read it without loading the sync code and the list codec.
 */
import type { VigieDb } from '../store/db.ts';
import type { SyncResult } from './list-sync.ts';

/** Last outcome, kept in `meta` for the status line of the popup and the PWA. */
export interface SyncState {
  lastAttemptAt: number;
  lastSuccessAt?: number;
  /** `publishedAt` of the last manifest that vouched for the installed list: how fresh the list is known to be. */
  listPublishedAt?: string;
  result: SyncResult;
}
export const SYNC_STATE_KEY = 'listSync';

export async function loadSyncState(db: VigieDb): Promise<SyncState | null> {
  return ((await db.get('meta', SYNC_STATE_KEY)) as SyncState | undefined) ?? null;
}
