/** Every site adapter, declared once (STYLE.md §3). Add a service: one file here, a fixture, a docs entry. */
import type { SiteAdapter } from './adapter.ts';
import { bouyguesTelecom } from './bouygues-telecom.ts';
import { free } from './free.ts';
import { googleVoice } from './google-voice.ts';
import { microsoftTeams } from './microsoft-teams.ts';
import { orange } from './orange.ts';
import { sfr } from './sfr.ts';
import { whatsappWeb } from './whatsapp-web.ts';

export const ADAPTERS: readonly SiteAdapter[] = [
  googleVoice,
  whatsappWeb,
  microsoftTeams,
  orange,
  sfr,
  bouyguesTelecom,
  free,
];

export function adapterForHost(host: string): SiteAdapter | null {
  return ADAPTERS.find((a) => a.hosts.includes(host)) ?? null;
}
