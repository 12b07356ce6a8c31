/**
 * Export, import and wipe of the user's data. The export is one JSON file (settings, personal lists, history,
 * diary) the user keeps or moves to another device; the crowd list is not in it (it is downloaded again), nor
 * are queued reports (they belong to this install's reporter id and would be sent twice from two devices).
 */
import * as v from 'valibot';
import type { PersonalEntry } from '../../../shared/personal/personal-lists.ts';
import type { DiaryRecordBase, HistoryRecord } from '../../../shared/store/db.ts';
import { listPersonal, replacePersonal } from '../../../shared/store/personal-store.ts';
import { loadSettings, type Settings, saveSettings } from '../../../shared/store/settings-store.ts';
import { closeDb, db } from '../data/db.ts';

export const EXPORT_FORMAT = 'vigie-pwa-export';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  settings: Settings;
  personal: PersonalEntry[];
  history: HistoryRecord[];
  diary: DiaryRecordBase[];
}

export async function exportData(): Promise<ExportFile> {
  const database = await db();
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    settings: await loadSettings(database),
    personal: await listPersonal(database),
    history: (await database.getAll('history')).map(({ key: _key, ...rest }) => rest),
    diary: await database.getAll('diary'),
  };
}

/** Offer the export as a file download (no network involved: a blob URL). */
export async function downloadExport(): Promise<void> {
  const blob = new Blob([JSON.stringify(await exportData(), null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `vigie-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const ImportSchema = v.object({
  format: v.literal(EXPORT_FORMAT, 'ce fichier n’est pas un export Vigie / not a Vigie export file'),
  version: v.literal(1, 'version d’export inconnue / unknown export version'),
  settings: v.optional(v.record(v.string(), v.unknown())),
  personal: v.optional(v.array(v.record(v.string(), v.unknown()))),
  history: v.optional(
    v.array(
      v.object({
        kind: v.picklist(['lookup', 'report']),
        time: v.number(),
        number: v.pipe(v.string(), v.maxLength(64)),
      }),
    ),
  ),
  diary: v.optional(v.array(v.object({ id: v.string(), company: v.string(), time: v.number() }))),
});

/** Import a file made by `exportData`. Personal lists are replaced; history and diary are merged. */
export async function importData(text: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('JSON illisible / unreadable JSON');
  }
  const parsed = v.safeParse(ImportSchema, json);
  if (!parsed.success) throw new Error(parsed.issues[0].message);
  const raw = json as ExportFile;
  const database = await db();
  if (raw.settings) {
    // Settings are checked key by key by the shared schema; unknown keys are dropped.
    const { language, region, serverUrl, publicKey, rangeLookups } = raw.settings;
    await saveSettings(database, { language, region, serverUrl, publicKey, rangeLookups });
  }
  if (raw.personal) await replacePersonal(database, raw.personal);
  if (raw.history || raw.diary) {
    const tx = database.transaction(['history', 'diary'], 'readwrite');
    for (const { key: _key, ...line } of raw.history ?? []) await tx.objectStore('history').add(line as HistoryRecord);
    for (const record of raw.diary ?? []) await tx.objectStore('diary').put(record);
    await tx.done;
  }
}

/** Delete the whole database (list, lists, history, diary, outbox, settings). The app shell stays cached. */
export async function wipeAllData(): Promise<void> {
  await closeDb();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase('vigie');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another tab holds it open: the deletion completes when it closes (our `blocking` handler closes it).
    request.onblocked = () => resolve();
  });
}
