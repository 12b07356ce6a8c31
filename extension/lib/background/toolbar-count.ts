/** The toolbar badge: how many distinct danger/spam numbers the current page shows (issue 4). */
import { browser } from 'wxt/browser';

export async function setDangerCount(tabId: number, count: number): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
  await action.setBadgeBackgroundColor({ tabId, color: '#b00020' });
}
