/**
 * Background jobs on alarms (an MV3 worker has no long-lived timers): the list sync every
 * `syncIntervalMinutes` with jitter (PhoneBlock asks clients to randomise sync times, research/peers.md §1.4),
 * and an outbox retry at the time the outbox asks for. Both use the core's sync client.
 */
import { browser } from 'wxt/browser';
import { syncList } from '../../../shared/sync/list-sync.ts';
import { flushOutbox } from '../../../shared/sync/outbox.ts';
import { forgetList, settings, vigieDb } from './vigie-state.ts';

export const SYNC_ALARM = 'vigie-sync';
export const OUTBOX_ALARM = 'vigie-outbox';

/** (Re)creates the periodic sync alarm; `soon` also asks for a run in a minute (settings just changed). */
export async function scheduleSync(soon = false): Promise<void> {
  const s = await settings();
  const jitter = Math.random() * Math.min(60, s.syncIntervalMinutes / 6);
  await browser.alarms.create(SYNC_ALARM, {
    periodInMinutes: s.syncIntervalMinutes,
    delayInMinutes: soon ? 0.5 : Math.max(1, jitter),
  });
}

export async function scheduleOutboxRetry(nextAttemptAt: number | null): Promise<void> {
  if (nextAttemptAt === null) return;
  await browser.alarms.create(OUTBOX_ALARM, { when: Math.max(Date.now() + 30_000, nextAttemptAt) });
}

export async function runSync(): Promise<{ status: string; version?: number; message?: string }> {
  const s = await settings();
  if (!s.serverUrl || !s.publicKey) return { status: 'not-configured' };
  const db = await vigieDb();
  const result = await syncList({ serverUrl: s.serverUrl, publicKey: s.publicKey, db });
  if (result.status === 'updated') forgetList();
  const flushed = await flushOutbox({ serverUrl: s.serverUrl, db });
  await scheduleOutboxRetry(flushed.nextAttemptAt);
  return { status: result.status, version: result.version, ...(result.message ? { message: result.message } : {}) };
}

export async function runOutbox(): Promise<void> {
  const s = await settings();
  if (!s.serverUrl) return;
  const flushed = await flushOutbox({ serverUrl: s.serverUrl, db: await vigieDb() });
  await scheduleOutboxRetry(flushed.nextAttemptAt);
}
