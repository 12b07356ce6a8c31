/**
 * Where the content script runs without asking: the web phone services that have an adapter, and the loopback
 * addresses (a softphone or PBX web UI on this machine, and a crowd service started with `vigie serve`).
 * Every other site needs the optional all-sites permission, asked for at runtime (docs/permissions.md).
 */
import { ADAPTERS } from './adapters/registry.ts';

export const LOOPBACK_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Match patterns of the content script in the manifest: adapters' services plus loopback. */
export function knownSiteMatches(): string[] {
  return [...new Set([...ADAPTERS.flatMap((a) => a.matches), ...LOOPBACK_MATCHES])];
}

/** The all-sites optional permission, requested when the user turns on "every site". */
export const ALL_SITES = ['<all_urls>'];
