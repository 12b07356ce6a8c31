/**
 * RFC 4180 reader for `,` or `;` separated text (ARCEP's files use `;`). Quoted fields may hold the
 * separator, doubled quotes and line breaks. Returns rows with the 1-based line each row starts on, so
 * callers can point the user at the bad line.
 */
export interface DelimitedRow {
  line: number;
  fields: string[];
}

export function parseDelimited(text: string, separator = ','): DelimitedRow[] {
  const rows: DelimitedRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM is not part of the first header
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** Bytes from a file that may be UTF-8 or ISO-8859-1 (ARCEP publishes Latin-1): strict UTF-8 first, else Latin-1. */
export function decodeUtf8OrLatin1(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('iso-8859-1').decode(bytes);
  }
}
