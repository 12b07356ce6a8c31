/**
 * Orange customer area (espace-client.orange.fr): "Mes consommations > détail des appels" is a table whose
 * rows hold the called/calling number, date, duration and cost. Not checked against the live service
 * (docs/adapters.md): the adapter takes any table row of the call-detail section.
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const orange: SiteAdapter = {
  id: 'orange',
  name: 'Orange (espace client)',
  hosts: ['espace-client.orange.fr'],
  matches: ['https://espace-client.orange.fr/*'],
  rowSelector: '[data-e2e="conso-detail"] tbody tr, .detail-appels tbody tr, table.call-details tbody tr',
  numberText: (el) => defaultNumberText(el, 'td.numero, td[data-label="Numéro"], td:nth-child(2)'),
};
