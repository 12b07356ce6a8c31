import { createHash } from 'node:crypto';

/**
 * Deterministic ids for reports that did not come from a device (imports, demo data). A report id derived from
 * the row's content makes a re-import of the same file a no-op (the id is already stored); a reporter id derived
 * from the row's source makes each complaint count as one independent reporter, as it is one person's complaint
 * to the authority (docs/crowd-model.md).
 */
export function uuidFromText(text: string): string {
  const b = createHash('sha256').update(text).digest();
  // RFC 9562 layout: version 8 (custom) in byte 6, variant 10 in byte 8.
  b[6] = ((b[6] as number) & 0x0f) | 0x80;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = b.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** 32 base64url characters (192 bits), inside the API's reporter format (22–64 base64url). */
export function reporterFromText(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}
