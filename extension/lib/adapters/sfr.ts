/**
 * SFR customer area (espace-client.sfr.fr): "Suivi conso > détail des communications", a list of calls with
 * the correspondent's number. Not checked against the live service (docs/adapters.md).
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const sfr: SiteAdapter = {
  id: 'sfr',
  name: 'SFR (espace client)',
  hosts: ['espace-client.sfr.fr'],
  matches: ['https://espace-client.sfr.fr/*'],
  rowSelector: '.detail-conso .ligne-communication, table.communications tbody tr',
  numberText: (el) => defaultNumberText(el, '.correspondant, td.numero'),
};
