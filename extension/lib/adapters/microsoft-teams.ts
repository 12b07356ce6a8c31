/**
 * Microsoft Teams web calling (teams.microsoft.com, teams.live.com). The Calls app lists history rows with
 * `data-tid` test ids and shows an incoming-call toast. Not checked against the live service (docs/adapters.md).
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const microsoftTeams: SiteAdapter = {
  id: 'microsoft-teams',
  name: 'Microsoft Teams',
  hosts: ['teams.microsoft.com', 'teams.live.com'],
  matches: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
  rowSelector: '[data-tid="call-history-item"], [data-tid^="calls-history-row"]',
  incomingSelector: '[data-tid="incoming-call-toast"], [data-tid="call-toast"]',
  numberText: (el) => defaultNumberText(el, '[data-tid="call-history-item-title"], [data-tid="caller-id"]'),
};
