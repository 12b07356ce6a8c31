/**
 * The background service worker: holds the crowd list in memory (opened over its IndexedDB bytes), answers
 * batches of look-ups, syncs on an alarm, flushes the report outbox, keeps the toolbar count and the context
 * menu. Every listener is registered synchronously at start-up so a woken worker receives its event.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createContextMenus, onContextMenu } from '../lib/background/context-menu.ts';
import { handleMessage } from '../lib/background/handlers.ts';
import { syncAllSitesScript } from '../lib/background/site-access.ts';
import { OUTBOX_ALARM, runOutbox, runSync, SYNC_ALARM, scheduleSync } from '../lib/background/sync-jobs.ts';
import { forgetSettings, settings } from '../lib/background/vigie-state.ts';
import type { BackgroundRequest } from '../lib/messages.ts';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender, respond) => {
    handleMessage(message as BackgroundRequest, sender).then(respond, (error: unknown) =>
      respond({ error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  });

  browser.runtime.onInstalled.addListener(() => {
    void createContextMenus();
    void scheduleSync(true);
    // A first list right away, so the first page already gets crowd verdicts (the alarm comes every few hours).
    void runSync().catch(() => {});
    void settings().then((s) => syncAllSitesScript(s.annotateAllSites));
  });
  browser.runtime.onStartup.addListener(() => {
    void scheduleSync();
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void runSync().catch(() => {});
    else if (alarm.name === OUTBOX_ALARM) void runOutbox().catch(() => {});
  });

  browser.contextMenus.onClicked.addListener((info) => {
    void onContextMenu(info);
  });

  // The user granted or removed the all-sites permission (options page, or the browser's own settings).
  browser.permissions.onAdded.addListener(() => {
    forgetSettings();
    void settings().then((s) => syncAllSitesScript(s.annotateAllSites));
  });
  browser.permissions.onRemoved.addListener(() => {
    void syncAllSitesScript(false);
  });
});
