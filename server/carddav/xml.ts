/**
 * Just enough XML for WebDAV request bodies (PROPFIND, REPORT): elements with resolved namespaces, attributes
 * dropped, text kept. Clients spell the same element `D:prop`, `d:prop` or `prop` under a default namespace,
 * so names are compared as {namespace, local name}; npm's fast XML parsers strip or keep prefixes but do not
 * resolve them, which is the one thing DAV needs. No DTDs, no entities beyond the five predefined and numeric
 * references: a body using anything else is refused (no entity expansion attacks).
 */

export const DAV = 'DAV:';
export const CARDDAV = 'urn:ietf:params:xml:ns:carddav';
export const CALSERVER = 'http://calendarserver.org/ns/';

export interface XmlElement {
  ns: string;
  name: string;
  /** Attributes without a prefix (`name`, `test`, `match-type`…), by name; namespace declarations left out. */
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  override name = 'XmlError';
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError('a bare "&" in text');
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlError(`unknown entity ${whole}`);
    return value;
  });
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!([^>]*)>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a document and returns its root element; throws XmlError with a reason on anything malformed. */
export function parseXml(source: string): XmlElement {
  const stack: { element: XmlElement; scope: Map<string, string>; qname: string }[] = [];
  let root: XmlElement | null = null;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m || m.index !== at) throw new XmlError(`unreadable markup at character ${at}`);
    const [, cdata, declaration, closing, qname, attributes, selfClosing, text] = m;
    const top = stack[stack.length - 1];
    if (declaration !== undefined) throw new XmlError('DTDs and declarations are not accepted');
    if (text !== undefined || cdata !== undefined) {
      const value = cdata ?? decodeEntities(text ?? '');
      if (top) top.element.text += value;
      else if (value.trim() !== '') throw new XmlError('text outside the root element');
      continue;
    }
    if (qname === undefined) continue; // comment or processing instruction
    if (closing) {
      if (!top || top.qname !== qname) throw new XmlError(`unexpected </${qname}>`);
      stack.pop();
      continue;
    }
    if (root && stack.length === 0) throw new XmlError('more than one root element');
    if (stack.length >= 32) throw new XmlError('elements nested too deep');
    const scope = new Map(top?.scope ?? []);
    const attrs: Record<string, string> = {};
    for (const a of (attributes ?? '').matchAll(ATTRIBUTE)) {
      const [, key = '', double, single] = a;
      const value = decodeEntities(double ?? single ?? '');
      if (key === 'xmlns') scope.set('', value);
      else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
      else if (!key.includes(':')) attrs[key] = value;
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined && prefix !== '') throw new XmlError(`undeclared namespace prefix "${prefix}"`);
    const element: XmlElement = { ns: ns ?? '', name: qname.slice(colon + 1), attrs, children: [], text: '' };
    if (top) top.element.children.push(element);
    else root = element;
    if (!selfClosing) stack.push({ element, scope, qname });
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]?.qname}> is not closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

export function child(element: XmlElement, ns: string, name: string): XmlElement | undefined {
  return element.children.find((c) => c.ns === ns && c.name === name);
}

export function children(element: XmlElement, ns: string, name: string): XmlElement[] {
  return element.children.filter((c) => c.ns === ns && c.name === name);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'));
}
