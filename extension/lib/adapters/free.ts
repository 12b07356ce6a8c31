/**
 * Free customer areas: Free Mobile (mobile.free.fr, "Mon compte > Mes consommations") and Freebox
 * (adsl.free.fr / subscribe.free.fr, "Ma ligne > Détail des appels"), both plain server-rendered tables.
 * Not checked against the live service (docs/adapters.md).
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const free: SiteAdapter = {
  id: 'free',
  name: 'Free (espace abonné)',
  hosts: ['mobile.free.fr', 'adsl.free.fr', 'subscribe.free.fr'],
  matches: ['https://mobile.free.fr/*', 'https://adsl.free.fr/*', 'https://subscribe.free.fr/*'],
  rowSelector: 'table.conso tbody tr, #detail-appels tbody tr',
  numberText: (el) => defaultNumberText(el, 'td.numero, td:nth-child(2)'),
};
