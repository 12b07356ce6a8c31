/**
 * The lazily loaded half of sync-client.ts: runs shared/sync's list sync and outbox flush with the settings
 * read fresh from the database (the service worker or another tab may have changed them).
 *
 * The key: `syncList` needs the service's Ed25519 public key. When the user set none and the service is this
 * very origin (the default: `vigie serve` serves the app), the key the manifest announces is pinned on first
 * use and required from then on. That adds no trust we did not already give: the same origin served the code
 * now running, which could do anything a forged list could. For any other service the user must enter the key
 * (Settings), as for the extension. docs/pwa.md.
 */
import * as v from 'valibot';
import { API_PREFIX, ManifestSchema } from '../../../shared/api/schemas.ts';
import { loadSettings, type Settings, saveSettings } from '../../../shared/store/settings-store.ts';
import { syncList } from '../../../shared/sync/list-sync.ts';
import { importEd25519PublicKey } from '../../../shared/sync/manifest-check.ts';
import { flushOutbox } from '../../../shared/sync/outbox.ts';
import { db } from '../data/db.ts';
import { serviceBase } from '../settings/settings.ts';

/** Returns when the next queued report is due (ms epoch), or null when nothing is pending. */
export async function flushOutboxNow(_hint: Settings): Promise<number | null> {
  const database = await db();
  const settings = await loadSettings(database);
  return (await flushOutbox({ serverUrl: serviceBase(settings), db: database })).nextAttemptAt;
}

/** Returns true when a new list was installed. Throws with a readable message when the list was refused. */
export async function syncListNow(_hint: Settings): Promise<boolean> {
  const database = await db();
  const settings = await loadSettings(database);
  const serverUrl = serviceBase(settings);
  const publicKey = settings.publicKey || (await pinSameOriginKey(serverUrl));
  const result = await syncList({ serverUrl, publicKey, db: database });
  if (result.status === 'rejected' || result.status === 'offline') {
    throw new Error(`${result.reason ?? result.status}${result.message ? `: ${result.message}` : ''}`);
  }
  return result.status === 'updated';
}

async function pinSameOriginKey(serverUrl: string): Promise<string> {
  if (new URL(serverUrl).origin !== window.location.origin) {
    throw new Error(
      'clé publique du service requise (Réglages) / the service public key is required (Settings) for another origin',
    );
  }
  const response = await fetch(`${serverUrl}${API_PREFIX}/list/manifest`, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`manifest: HTTP ${response.status}`);
  const manifest = v.parse(ManifestSchema, await response.json());
  if (!(await importEd25519PublicKey(manifest.publicKey))) throw new Error('manifest: invalid public key');
  await saveSettings(await db(), { publicKey: manifest.publicKey });
  return manifest.publicKey;
}
