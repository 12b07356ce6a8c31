/**
 * How the app was opened: `/?n=<number>` (links, history), `/?tel=tel:<number>` (the `tel:` protocol handler,
 * `%s` is the whole URL), or `/?title=&text=&url=` (Web Share Target: Android's "Partager" on a call-log entry
 * or an SMS). Returns the raw text to look up; extracting a number from an SMS happens in the lazy classifier.
 */
export type EntrySource = 'param' | 'tel' | 'share';

export interface EntryRequest {
  source: EntrySource;
  text: string;
}

/** `tel:+33-1-62-12-34-56;phone-context=…` → `+33-1-62-12-34-56` (RFC 3966: parameters follow `;`). */
export function telUriToNumber(uri: string): string {
  const body = uri.replace(/^\s*(web\+)?tel:/i, '');
  return (body.split(';')[0] ?? '').trim();
}

export function readEntryRequest(search: string): EntryRequest | null {
  const params = new URLSearchParams(search);
  const n = params.get('n');
  if (n?.trim()) return { source: 'param', text: n.trim() };
  const tel = params.get('tel');
  if (tel?.trim()) return { source: 'tel', text: telUriToNumber(tel) };
  // Share targets differ on where they put the content: Android puts an SMS or a number in `text`, some apps
  // in `title`, and a `tel:` link in `url`. Join what is there; the number finder picks the first number.
  const shared = ['text', 'title', 'url']
    .map((name) => params.get(name)?.trim() ?? '')
    .filter((part) => part !== '')
    .map((part) => (/^(web\+)?tel:/i.test(part) ? telUriToNumber(part) : part));
  if (shared.length > 0) return { source: 'share', text: shared.join('\n') };
  return null;
}

/** After handling an entry, put a clean `/?n=` in the address bar so a reload shows the same verdict. */
export function entryUrl(number: string): string {
  return `/?n=${encodeURIComponent(number)}`;
}
