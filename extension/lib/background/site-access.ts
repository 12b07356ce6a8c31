/**
 * "Every site" mode: the content script is registered at runtime for all URLs, but only while the user has
 * granted the optional all-sites host permission (asked from the options page, docs/permissions.md). Known
 * phone services and loopback keep their manifest registration, so they are excluded here to avoid running
 * twice (the content script also guards against a second run in the same frame).
 */
import { browser } from 'wxt/browser';
import { ALL_SITES, knownSiteMatches } from '../known-sites.ts';

const SCRIPT_ID = 'vigie-all-sites';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

export async function hasAllSitesPermission(): Promise<boolean> {
  return browser.permissions.contains({ origins: ALL_SITES });
}

/** Registers or unregisters the all-sites script to match the setting and the permission actually held. */
export async function syncAllSitesScript(wanted: boolean): Promise<boolean> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return false;
  const active = wanted && (await hasAllSitesPermission());
  const existing = await scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (active && existing.length === 0) {
    await scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: ALL_SITES,
        excludeMatches: knownSiteMatches(),
        js: [CONTENT_SCRIPT_FILE],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  } else if (!active && existing.length > 0) {
    await scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  }
  return active;
}
