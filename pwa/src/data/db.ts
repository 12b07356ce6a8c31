/** One shared connection to the Vigie database for the whole page (the service worker opens its own). */
import { openVigieDb, type VigieDb } from '../../../shared/store/db.ts';

let opening: Promise<VigieDb> | null = null;

export function db(): Promise<VigieDb> {
  opening ??= openVigieDb();
  return opening;
}

/** Close and forget the connection (before deleting the database: an open connection would block it). */
export async function closeDb(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current).close();
}
