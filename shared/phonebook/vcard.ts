/**
 * vCard 3.0 (RFC 2426), the version iOS and Android's importers read best: lines end in CRLF, long lines are
 * folded at 75 octets with a leading space (RFC 2426 §2.6, after RFC 2425 §5.8.1), and text values escape
 * backslash, comma, semicolon and newline (RFC 2426 §4).
 */

export interface VcardContact {
  uid: string;
  /** The displayed name, FN and N alike. */
  name: string;
  /** E.164 numbers (or short codes), written as given. */
  numbers: readonly string[];
  note: string;
  /** REV: when the card's content last changed (ISO date-time, UTC). */
  rev: string;
}

/** RFC 2426 §4 text escaping. */
export function escapeText(value: string): string {
  return value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line at 75 octets of UTF-8, never inside a character (a phone would show a broken emoji
 * otherwise). ASCII-only lines take the short path: byte length is string length.
 */
export function foldLine(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII test is the point
  if (line.length <= 75 && /^[\x00-\x7f]*$/.test(line)) return line;
  const pieces: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > limit) {
      pieces.push(current);
      current = '';
      bytes = 0;
      // Continuation lines start with a space, which counts towards their 75 octets.
      limit = 74;
    }
    current += char;
    bytes += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

/** The last folded note: cards of one group share it and are rendered one after another. */
let lastNote = { text: '', line: '' };

function noteLine(note: string): string {
  if (lastNote.text !== note) lastNote = { text: note, line: foldLine(`NOTE:${escapeText(note)}`) };
  return lastNote.line;
}

export function renderVcard(contact: VcardContact): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Vigie//Carnet Vigie//FR',
    `UID:${contact.uid}`,
    foldLine(`FN:${escapeText(contact.name)}`),
    // N is required in 3.0; the whole name goes in the family-name field so every phone sorts and shows it whole.
    foldLine(`N:${escapeText(contact.name)};;;;`),
    'CATEGORIES:Vigie',
  ];
  // No TYPE: phones file an untyped number as a plain phone number, and 11 bytes a number add up to a megabyte
  // in a large book.
  for (const number of contact.numbers) lines.push(`TEL:${number}`);
  lines.push(noteLine(contact.note), `REV:${contact.rev}`, 'END:VCARD', '');
  return lines.join('\r\n');
}
