/**
 * Import files as records keyed by their header. Tokenising is the core's lenient RFC 4180 reader
 * (`shared/text/delimited.ts`): a stray quote inside a field is kept as text, because exports from other tools
 * (the FTC's among them) are not always strict.
 */
import { parseDelimited } from '../../shared/text/delimited.ts';

/** Records as objects keyed by the header row's names (trimmed). */
export function* csvObjects(text: string): Generator<{ line: number; row: Record<string, string> }> {
  let header: string[] | null = null;
  for (const record of parseDelimited(text, ',')) {
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

/** The header alone: only the first line is read (a header never holds a quoted line break), not the whole file. */
export function csvHeader(text: string): string[] {
  const end = text.indexOf('\n');
  return parseDelimited(end < 0 ? text : text.slice(0, end), ',')[0]?.fields.map((f) => f.trim()) ?? [];
}
