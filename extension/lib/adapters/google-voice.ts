/**
 * Google Voice (voice.google.com). The web app is Angular with custom elements; history items carry
 * `gv-call-log-item`-like tags and the incoming call shows in a `gv-incoming-call` panel. Markup not checked
 * against the live service (docs/adapters.md): selectors cover both the element and attribute forms.
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const googleVoice: SiteAdapter = {
  id: 'google-voice',
  name: 'Google Voice',
  hosts: ['voice.google.com'],
  matches: ['https://voice.google.com/*'],
  rowSelector: 'gv-call-log-item, [gv-call-log-item], gv-thread-item, [gv-thread-item]',
  incomingSelector: 'gv-incoming-call, [gv-incoming-call]',
  numberText: (el) => defaultNumberText(el, '[gv-test-id="item-contact"], .gv-contact-name, [data-number]'),
};
