/**
 * A small RFC 4180 CSV reader: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF or
 * LF, an optional UTF-8 BOM. Yields each record with the line it starts on, for error messages.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function* csvRecords(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (; i < text.length; i++) {
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
        continue;
      }
      if (ch === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        field += ch;
        atFieldStart = false;
      }
    }
    fields.push(field);
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: start, fields };
  }
}

/** Records as objects keyed by the header row's names (trimmed). */
export function* csvObjects(text: string): Generator<{ line: number; row: Record<string, string> }> {
  let header: string[] | null = null;
  for (const record of csvRecords(text)) {
    if (!header) {
      header = record.fields.map((f) => f.trim());
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, k) => {
      row[name] = record.fields[k] ?? '';
    });
    yield { line: record.line, row };
  }
}

export function csvHeader(text: string): string[] {
  for (const record of csvRecords(text)) return record.fields.map((f) => f.trim());
  return [];
}
