/**
 * Shared by the CardDAV suites: list numbers through the real API (three people on three networks each, the
 * service's own rule), publish, and read vCards back with ical.js (Mozilla's parser, not ours).
 */
import ICAL from 'ical.js';
import type { Category } from '../../shared/verdict.ts';
import { adminHeaders, newReporter, nextAddress, postReport, report } from './server-harness.ts';

export async function listNumbers(base: string, numbers: readonly string[], category: Category): Promise<void> {
  for (const number of numbers) {
    for (let i = 0; i < 3; i++) {
      const response = await postReport(base, report(number, newReporter(), { category }), { from: nextAddress() });
      if (response.status !== 201) throw new Error(`report of ${number} answered ${response.status}`);
    }
  }
}

export async function delist(base: string, number: string): Promise<void> {
  const response = await fetch(`${base}/api/v1/admin/numbers/${encodeURIComponent(number)}/delist`, {
    method: 'POST',
    headers: adminHeaders(),
    body: '{}',
  });
  if (response.status !== 200) throw new Error(`delist answered ${response.status}`);
}

export async function publish(base: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/admin/publish`, { method: 'POST', headers: adminHeaders() });
  if (response.status !== 200) throw new Error(`publish answered ${response.status}`);
  return ((await response.json()) as { version: number }).version;
}

export interface ParsedCard {
  uid: string;
  fn: string;
  tels: string[];
  note: string;
}

/** Every vCard in `text` (one or many), as ical.js reads them. */
export function parseVcards(text: string): ParsedCard[] {
  const parsed = ICAL.parse(text);
  const list = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  return list.map((jcard) => {
    const card = new ICAL.Component(jcard as unknown[]);
    if (card.getFirstPropertyValue('version') !== '3.0') throw new Error('not a vCard 3.0');
    return {
      uid: String(card.getFirstPropertyValue('uid')),
      fn: String(card.getFirstPropertyValue('fn')),
      note: String(card.getFirstPropertyValue('note')),
      tels: card.getAllProperties('tel').map((p) => String(p.getFirstValue())),
    };
  });
}

/** `{contact name: sorted numbers}` of parsed cards. */
export function byName(cards: readonly ParsedCard[]): Record<string, string[]> {
  return Object.fromEntries(cards.map((c) => [c.fn, [...c.tels].sort()]));
}
