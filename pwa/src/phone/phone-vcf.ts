/**
 * "Protéger mon téléphone": the .vcf file made on this device from the synced list (IndexedDB) and the user's
 * own lists (shared/phonebook/device-vcf.ts). Nothing is sent anywhere; the file is handed to the browser as a
 * download. Loaded with the phone screen, never with the shell.
 */
import { openList } from '../../../shared/list/reader.ts';
import { buildDeviceVcf, type DeviceVcf } from '../../../shared/phonebook/device-vcf.ts';
import { DEFAULT_BOOK_OPTIONS } from '../../../shared/phonebook/options.ts';
import { loadList } from '../../../shared/store/list-store.ts';
import { listPersonal } from '../../../shared/store/personal-store.ts';
import { db } from '../data/db.ts';

export interface PhoneFile extends DeviceVcf {
  /** False when no list was synced yet (the file holds the personal block list only). */
  hadList: boolean;
}

export async function makePhoneFile(siteUrl: string, now = Date.now()): Promise<PhoneFile> {
  const database = await db();
  const [stored, personal] = await Promise.all([loadList(database), listPersonal(database)]);
  const list = stored ? openStored(stored.bytes) : null;
  const file = buildDeviceVcf({
    entries: list ? list.entries() : [],
    personal,
    options: DEFAULT_BOOK_OPTIONS,
    context: {
      version: stored?.meta.version ?? 0,
      createdAt: stored?.meta.publishedAt ?? new Date(now).toISOString(),
      siteUrl,
    },
    now,
  });
  return { ...file, hadList: list !== null };
}

/** Hands the text to the browser as a file download (an <a download> on a blob URL). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The stored list, or null when it does not open (damaged, or in a format from before an update: the next sync replaces it). */
function openStored(bytes: Uint8Array): ReturnType<typeof openList> | null {
  try {
    return openList(bytes);
  } catch (error) {
    console.warn('vigie: stored list unreadable', error);
    return null;
  }
}
