/**
 * WhatsApp Web (web.whatsapp.com). Class names are obfuscated and change often (research/peers.md §2), so the
 * adapter keys on roles and `title` attributes: chat-list rows are `[role="listitem"]` under the chat list,
 * and an unknown contact's number is the row title (`span[title="+33 6 12 34 56 78"]`). The call panel is a
 * `[data-animate-call]`/`[aria-label*="call" i]` dialog. Not checked against the live service (docs/adapters.md).
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const whatsappWeb: SiteAdapter = {
  id: 'whatsapp-web',
  name: 'WhatsApp Web',
  hosts: ['web.whatsapp.com'],
  matches: ['https://web.whatsapp.com/*'],
  rowSelector:
    '#pane-side [role="listitem"], [aria-label="Chat list"] [role="listitem"], [aria-label="Liste des discussions"] [role="listitem"]',
  incomingSelector:
    '[data-animate-call], [role="dialog"][aria-label*="appel" i], [role="dialog"][aria-label*="call" i]',
  numberText: (el) => defaultNumberText(el, 'span[title^="+"]'),
};
