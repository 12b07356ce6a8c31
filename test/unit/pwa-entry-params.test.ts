/** How the PWA reads a number from its URL: `?n=`, the `tel:` handler's `?tel=` and the share target. */
import { describe, expect, it } from 'vitest';
import { entryUrl, readEntryRequest, telUriToNumber } from '../../pwa/src/entry/entry-params.ts';

describe('telUriToNumber', () => {
  it('drops the scheme and RFC 3966 parameters', () => {
    expect(telUriToNumber('tel:+33-6-12-34-56-78')).toBe('+33-6-12-34-56-78');
    expect(telUriToNumber('tel:0612345678;phone-context=+33')).toBe('0612345678');
    expect(telUriToNumber('TEL:+33612345678')).toBe('+33612345678');
    expect(telUriToNumber('web+tel:3179')).toBe('3179');
  });
});

describe('readEntryRequest', () => {
  it('reads ?n= first', () => {
    expect(readEntryRequest('?n=%2B33612345678&text=other')).toEqual({ source: 'param', text: '+33612345678' });
  });

  it('reads the tel: handler parameter', () => {
    expect(readEntryRequest(`?tel=${encodeURIComponent('tel:+33612345678;ext=12')}`)).toEqual({
      source: 'tel',
      text: '+33612345678',
    });
  });

  it('joins the share target fields and turns a shared tel: URL into its number', () => {
    expect(readEntryRequest('?title=Appel&text=Rappelez%20le%2006%2012%2034%2056%2078&url=')).toEqual({
      source: 'share',
      text: 'Rappelez le 06 12 34 56 78\nAppel',
    });
    expect(readEntryRequest(`?url=${encodeURIComponent('tel:+33612345678')}`)).toEqual({
      source: 'share',
      text: '+33612345678',
    });
  });

  it('returns null when the app was opened plainly or with empty fields', () => {
    expect(readEntryRequest('')).toBeNull();
    expect(readEntryRequest('?n=%20&title=&text=&url=')).toBeNull();
  });

  it('builds a clean ?n= URL that reads back to the same number', () => {
    const url = entryUrl('+33612345678');
    expect(url).toBe('/?n=%2B33612345678');
    expect(readEntryRequest(url.slice(1))).toEqual({ source: 'param', text: '+33612345678' });
  });
});
