/** SHA-256 via WebCrypto (browsers, workers and Node 20 alike). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The k-anonymity bucket of a number: the first 5 hex characters of SHA-256(E.164). */
export async function rangePrefix(e164: string): Promise<string> {
  return (await sha256Hex(e164)).slice(0, 5);
}
