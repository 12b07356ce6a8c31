/**
 * Bouygues Telecom customer area (www.bouyguestelecom.fr/mon-compte, espace-client.bouyguestelecom.fr):
 * "Ma conso > détail des appels". Not checked against the live service (docs/adapters.md).
 */
import { defaultNumberText, type SiteAdapter } from './adapter.ts';

export const bouyguesTelecom: SiteAdapter = {
  id: 'bouygues-telecom',
  name: 'Bouygues Telecom (espace client)',
  hosts: ['www.bouyguestelecom.fr', 'espace-client.bouyguestelecom.fr'],
  matches: ['https://www.bouyguestelecom.fr/mon-compte/*', 'https://espace-client.bouyguestelecom.fr/*'],
  rowSelector: '[data-cy="consumption-detail-row"], .conso-detail tbody tr',
  numberText: (el) => defaultNumberText(el, '[data-cy="consumption-detail-number"], td.numero'),
};
