/**
 * Company names other users gave for a number (the crowd's comments), to suggest when logging a call. Uses the
 * same private range look-up as the verdict card (only a hash prefix leaves the device) and only when the user
 * left range look-ups on in the settings. Any failure (offline, service down) just means no suggestion.
 */
import { readCallerNumber } from '../../../shared/law/caller-id-ranges.ts';
import { loadSettings } from '../../../shared/store/settings-store.ts';
import { db } from '../data/db.ts';
import { fetchCrowdDetail } from '../lookup/crowd-detail.ts';
import { serviceBase } from '../settings/settings.ts';

/** E.164 for the range look-up: as given when it already is, else a French national number under +33. */
function toE164(number: string): string | null {
  const compact = number.replace(/[\s.\-()]/g, '');
  if (/^\+\d{6,15}$/.test(compact)) return compact;
  const n = readCallerNumber(number);
  return n?.kind === 'national' ? `+33${n.national.slice(1)}` : null;
}

/** Names, most reported first. */
export async function crowdCompanies(number: string, signal: AbortSignal): Promise<string[]> {
  const e164 = toE164(number);
  if (!e164) return [];
  const settings = await loadSettings(await db());
  if (!settings.rangeLookups) return [];
  try {
    const detail = await fetchCrowdDetail(serviceBase(settings), e164, signal);
    const counts = new Map<string, number>();
    for (const c of detail?.comments ?? []) {
      const name = c.company?.trim();
      if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  } catch {
    return [];
  }
}
