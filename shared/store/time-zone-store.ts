/**
 * The user's time zone: the one the diary counts calling hours in and report forms read call times in. Stored
 * once (chosen in the diary), the device's zone until then; every form reads it from here.
 */
import { isValidTimeZone } from '../law/zoned-time.ts';
import { deviceTimeZone } from '../present/dates.ts';
import type { VigieDb } from './db.ts';

/** The key predates this module (the diary stored it first); kept so a chosen zone survives the update. */
const TIME_ZONE_KEY = 'diary.timeZone';

export async function loadTimeZone(db: VigieDb): Promise<string> {
  const saved = await db.get('meta', TIME_ZONE_KEY);
  return typeof saved === 'string' && isValidTimeZone(saved) ? saved : deviceTimeZone();
}

export async function saveTimeZone(db: VigieDb, timeZone: string): Promise<void> {
  if (!isValidTimeZone(timeZone)) throw new Error(`fuseau horaire inconnu / unknown time zone: ${timeZone}`);
  await db.put('meta', timeZone, TIME_ZONE_KEY);
}
