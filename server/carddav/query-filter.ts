/**
 * The `filter` of an addressbook-query (RFC 6352 §10.5): prop-filters with is-not-defined or text-match
 * (equals, contains, starts-with, ends-with; case-insensitive, as the default i;unicode-casemap collation
 * compares), combined by `test="anyof"` (the default) or `"allof"`. Parameter filters are not supported
 * and match nothing, which the RFC allows a server to do for what it cannot evaluate.
 */
import { CARDDAV, children, type XmlElement } from './xml.ts';

/** The values of a vCard property (unfolded, unescaped enough for matching), by upper-case name. */
function valuesOf(vcard: string, name: string): string[] {
  const out: string[] = [];
  for (const line of vcard.replace(/\r\n /g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const property = head.split(';')[0]?.toUpperCase();
    if (property === name)
      out.push(
        line
          .slice(colon + 1)
          .replace(/\\([\\,;])/g, '$1')
          .replace(/\\n/gi, '\n'),
      );
  }
  return out;
}

function textMatches(value: string, match: XmlElement): boolean {
  const wanted = match.text.toLocaleLowerCase('fr');
  const v = value.toLocaleLowerCase('fr');
  const type = match.attrs['match-type'] ?? 'contains';
  const hit =
    type === 'equals'
      ? v === wanted
      : type === 'starts-with'
        ? v.startsWith(wanted)
        : type === 'ends-with'
          ? v.endsWith(wanted)
          : v.includes(wanted);
  return match.attrs['negate-condition'] === 'yes' ? !hit : hit;
}

function propFilterMatches(vcard: string, filter: XmlElement): boolean {
  const name = (filter.attrs.name ?? '').toUpperCase();
  const values = valuesOf(vcard, name);
  if (children(filter, CARDDAV, 'is-not-defined').length > 0) return values.length === 0;
  if (children(filter, CARDDAV, 'param-filter').length > 0) return false;
  const matches = children(filter, CARDDAV, 'text-match');
  if (matches.length === 0) return values.length > 0;
  const allOf = filter.attrs.test === 'allof';
  const one = (m: XmlElement) => values.some((v) => textMatches(v, m));
  return allOf ? matches.every(one) : matches.some(one);
}

export function matchesFilter(vcard: string, filter: XmlElement): boolean {
  const props = children(filter, CARDDAV, 'prop-filter');
  if (props.length === 0) return true;
  const allOf = filter.attrs.test === 'allof';
  return allOf ? props.every((p) => propFilterMatches(vcard, p)) : props.some((p) => propFilterMatches(vcard, p));
}
