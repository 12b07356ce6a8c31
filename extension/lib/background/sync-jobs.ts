/**
 * Background jobs on alarms (an MV3 worker has no long-lived timers): the list sync every
 * `syncIntervalMinutes` with jitter (PhoneBlock asks clients to randomise sync times, research/peers.md §1.4),
 * and an outbox retry at the time the outbox asks for. Both use the core's sync client.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { API_PREFIX, ManifestSchema } from '../../../shared/api/schemas.ts';
import { saveSettings } from '../../../shared/store/settings-store.ts';
import { syncList } from '../../../shared/sync/list-sync.ts';
import { importEd25519PublicKey } from '../../../shared/sync/manifest-check.ts';
import { flushOutbox } from '../../../shared/sync/outbox.ts';
import { BUILT_SERVICE_URL } from '../build-config.ts';
import { forgetList, forgetSettings, settings, vigieDb } from './vigie-state.ts';

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
  const publicKey = s.publicKey || (await pinBuiltServiceKey(s.serverUrl));
  if (!s.serverUrl || !publicKey) return { status: 'not-configured' };
  const db = await vigieDb();
  const result = await syncList({ serverUrl: s.serverUrl, publicKey, db });
  if (result.status === 'updated') forgetList();
  const flushed = await flushOutbox({ serverUrl: s.serverUrl, db });
  await scheduleOutboxRetry(flushed.nextAttemptAt);
  return { status: result.status, version: result.version, ...(result.message ? { message: result.message } : {}) };
}

/**
 * No key set and the service is the one this build was made for: the key its first manifest announces is pinned
 * and required from then on, as the PWA does for its own origin (docs/pwa.md). No trust is added: the same
 * deployment built the code now running. Any other service needs the key entered by hand (options).
 */
async function pinBuiltServiceKey(serverUrl: string): Promise<string> {
  if (!serverUrl || serverUrl !== BUILT_SERVICE_URL) return '';
  try {
    const response = await fetch(`${serverUrl}${API_PREFIX}/list/manifest`, {
      cache: 'no-cache',
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return '';
    const manifest = v.parse(ManifestSchema, await response.json());
    if (!(await importEd25519PublicKey(manifest.publicKey))) return '';
    await saveSettings(await vigieDb(), { publicKey: manifest.publicKey });
    forgetSettings();
    return manifest.publicKey;
  } catch {
    // Offline or not a Vigie service: try again at the next sync.
    return '';
  }
}

export async function runOutbox(): Promise<void> {
  const s = await settings();
  if (!s.serverUrl) return;
  const flushed = await flushOutbox({ serverUrl: s.serverUrl, db: await vigieDb() });
  await scheduleOutboxRetry(flushed.nextAttemptAt);
}
