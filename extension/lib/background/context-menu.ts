/**
 * *Vérifier ce numéro* / *Signaler ce numéro* on selected text. The selection goes to the popup through
 * session storage (in memory, never written to disk, never in a URL), then the popup opens.
 */

import { browser } from 'wxt/browser';
import { tr } from '../../../shared/present/translate.ts';
import type { PendingQuery } from '../messages.ts';
import { settings } from './vigie-state.ts';

const CHECK = 'vigie-check';
const REPORT = 'vigie-report';

export async function createContextMenus(): Promise<void> {
  const s = await settings();
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: CHECK,
    title: tr(s.language, 'opt.menuCheck'),
    contexts: ['selection'],
  });
  browser.contextMenus.create({
    id: REPORT,
    title: tr(s.language, 'opt.menuReport'),
    contexts: ['selection'],
  });
}

export async function onContextMenu(info: { menuItemId: string | number; selectionText?: string }): Promise<void> {
  if (info.menuItemId !== CHECK && info.menuItemId !== REPORT) return;
  const pending: PendingQuery = {
    input: (info.selectionText ?? '').slice(0, 64),
    mode: info.menuItemId === REPORT ? 'report' : 'check',
  };
  await browser.storage.session.set({ pendingQuery: pending });
  try {
    await browser.action.openPopup();
  } catch {
    // Browsers or versions without openPopup(): open the popup page in a tab instead.
    // getURL is typed from WXT's generated path list; a plain string keeps this file checkable without it.
    const runtime = browser.runtime as unknown as { getURL(path: string): string };
    await browser.tabs.create({ url: runtime.getURL('/popup.html') });
  }
}
