/**
 * Calls grouped by company, not by number: one company calls from many numbers (issue 6). Merging renames the
 * entries of several groups to one name; splitting renames chosen entries to a new name. Both return only the
 * entries that changed, so the store writes just those (in one transaction).
 */
import { readCallerNumber } from '../law/caller-id-ranges.ts';
import { groupKeyOfCall } from '../law/company-key.ts';
import type { DiaryEntry } from './diary-entry.ts';

export interface CompanyGroup {
  /** Stable key (`company:…`, `number:…`, `row:…`). */
  key: string;
  /** Display name: the most recent non-empty company name, else the number, else '' (unknown). */
  name: string;
  /** Entries in time order. */
  entries: DiaryEntry[];
  /** Distinct caller numbers seen. */
  numbers: string[];
  lastTime: number;
}

export function groupKeyOfEntry(e: DiaryEntry): string {
  return groupKeyOfCall({ company: e.company, number: e.number, masked: e.masked, row: 0 }).replace(
    /^row:0$/,
    `row:${e.id}`,
  );
}

/** Groups, most recently active first. */
export function groupByCompany(entries: readonly DiaryEntry[]): CompanyGroup[] {
  const map = new Map<string, DiaryEntry[]>();
  for (const e of entries) {
    const key = groupKeyOfEntry(e);
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  }
  const groups: CompanyGroup[] = [];
  for (const [key, list] of map) {
    list.sort((a, b) => a.time - b.time);
    const named = [...list].reverse().find((e) => e.company.trim());
    // The same number typed two ways (`01 62…`, `+33162…`) is one number.
    const byKey = new Map<string, string>();
    for (const e of list) {
      if (e.masked || !e.number) continue;
      const n = readCallerNumber(e.number);
      const k = n ? (n.kind === 'national' ? n.national : n.digits) : e.number;
      if (!byKey.has(k)) byKey.set(k, e.number);
    }
    const numbers = [...byKey.values()];
    groups.push({
      key,
      name: named?.company.trim() ?? numbers[0] ?? '',
      entries: list,
      numbers,
      lastTime: list[list.length - 1]!.time,
    });
  }
  return groups.sort((a, b) => b.lastTime - a.lastTime);
}

/** Every entry of the groups `keys` renamed to `name`. */
export function mergeCompanies(entries: readonly DiaryEntry[], keys: readonly string[], name: string): DiaryEntry[] {
  const target = name.trim();
  if (!target) throw new Error('mergeCompanies: empty company name');
  const wanted = new Set(keys);
  return entries
    .filter((e) => wanted.has(groupKeyOfEntry(e)) && e.company !== target)
    .map((e) => ({ ...e, company: target }));
}

/** The entries `ids` moved to company `name` (a new or another existing group). */
export function splitEntries(entries: readonly DiaryEntry[], ids: readonly string[], name: string): DiaryEntry[] {
  const wanted = new Set(ids);
  return entries.filter((e) => wanted.has(e.id)).map((e) => ({ ...e, company: name.trim() }));
}

/** The company most recently logged for this number, to suggest when the same number calls again. */
export function suggestCompany(entries: readonly DiaryEntry[], number: string): string | null {
  const n = readCallerNumber(number);
  if (!n) return null;
  const key = n.kind === 'national' ? n.national : n.digits;
  let best: DiaryEntry | null = null;
  for (const e of entries) {
    if (!e.company.trim() || e.masked) continue;
    const m = readCallerNumber(e.number);
    if (!m || (m.kind === 'national' ? m.national : m.digits) !== key) continue;
    if (!best || e.time > best.time) best = e;
  }
  return best?.company.trim() ?? null;
}
