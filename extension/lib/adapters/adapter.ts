/**
 * A site adapter: what Vigie knows about one web phone service's own places for calls (the incoming-call panel
 * and the call-history rows). The generic annotator still runs everywhere else on the page; inside an
 * adapter's rows and panels the adapter places one badge per number (a larger one on the incoming-call panel),
 * and the generic scan skips that subtree so a number never gets two badges.
 *
 * One small file per service, registered in ./registry.ts (a test checks each is registered, documented in
 * docs/adapters.md and has a fixture page in test/fixtures/pages/).
 */
export interface SiteAdapter {
  /** Stable id, also the fixture file name: `test/fixtures/pages/adapter-<id>.html`. */
  id: string;
  /** Display name. */
  name: string;
  /** Host names the adapter applies to (exact match). */
  hosts: string[];
  /** Content-script match patterns for the manifest (https only: these services are never served over http). */
  matches: string[];
  /** Call-history rows: one badge per row, placed by `badgeAnchor`. */
  rowSelector: string;
  /** The incoming-call panel, if the service shows one: a larger badge. */
  incomingSelector?: string;
  /**
   * The number shown by a row or panel, as written on the page. Default: a `tel:` link, then `data-number`,
   * `title` or `aria-label` attributes, then the element's text.
   */
  numberText?(el: Element): string | null;
  /** Element after which the badge goes (default: the element holding the number text, else the row). */
  badgeAnchor?(el: Element): Element;
}

/** The default number extraction shared by adapters: attributes first (stable), text last. */
export function defaultNumberText(el: Element, holderSelector?: string): string | null {
  const holder = holderSelector ? el.querySelector(holderSelector) : null;
  const scope = holder ?? el;
  const tel = scope.querySelector('a[href^="tel:" i]');
  if (tel) return tel.getAttribute('href');
  for (const attr of ['data-number', 'data-phone-number', 'title', 'aria-label']) {
    const value = scope.getAttribute(attr);
    if (value && /\d{2}/.test(value)) return value;
  }
  return scope.textContent;
}
