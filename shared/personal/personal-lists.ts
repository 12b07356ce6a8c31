/**
 * The user's own allow and block lists: exact numbers or prefixes (`+33162*`), with an optional expiry
 * for a temporary allow ("I'm expecting a delivery call for 2 hours"). The allow list wins over everything
 * but protected numbers, which are never flagged anyway.
 */
import { normalize } from '../number/normalize.ts';
import { parseDelimited } from '../text/delimited.ts';
import { neutralizeFormulaCell, restoreFormulaCell } from '../text/spreadsheet-safe.ts';

export type PersonalKind = 'allow' | 'block';

export interface PersonalEntry {
  /** E.164 or short code, or an E.164 prefix followed by `*`. */
  pattern: string;
  kind: PersonalKind;
  label?: string;
  createdAt: number;
  /** ms since epoch; after it the entry no longer applies (temporary allow). */
  expiresAt?: number;
}

export class PersonalLists {
  private readonly exact = new Map<string, PersonalEntry[]>();
  /** Prefix entries, longest first, so the most specific one decides. */
  private readonly prefixes: PersonalEntry[];

  constructor(readonly entries: readonly PersonalEntry[]) {
    const prefixes: PersonalEntry[] = [];
    for (const entry of entries) {
      if (entry.pattern.endsWith('*')) prefixes.push(entry);
      else this.exact.set(entry.pattern, [...(this.exact.get(entry.pattern) ?? []), entry]);
    }
    this.prefixes = prefixes.sort((a, b) => b.pattern.length - a.pattern.length);
  }

  /** The entry that decides for `number` at `now`: an allow beats a block at the same specificity or any. */
  match(number: string, now: number): PersonalEntry | null {
    const live = (e: PersonalEntry) => e.expiresAt === undefined || e.expiresAt > now;
    const candidates = [
      ...(this.exact.get(number) ?? []).filter(live),
      ...this.prefixes.filter((e) => live(e) && number.startsWith(e.pattern.slice(0, -1))),
    ];
    return candidates.find((e) => e.kind === 'allow') ?? candidates[0] ?? null;
  }
}

export type PatternResult = { ok: true; pattern: string } | { ok: false; message: string; messageEn: string };

/**
 * A pattern the user typed: a number in any format, or a prefix ending in `*` (`01 62*`, `+33 1 62*`).
 * A prefix in national form is turned into E.164 digits (`0162*` → `+33162*`).
 */
export function parsePersonalPattern(input: string, region = 'FR'): PatternResult {
  const text = input.trim();
  // A prefix ends in `*`, or in `…` / `...` as the screens write one ("01 62…").
  const prefixMark = /(\*|…|\.\.\.)$/.exec(text);
  if (prefixMark) {
    const digits = text.slice(0, -prefixMark[0].length).replace(/[\s.\-()]/g, '');
    let e164: string | null = null;
    if (/^\+\d{2,14}$/.test(digits)) e164 = digits;
    else if (/^00\d{2,14}$/.test(digits)) e164 = `+${digits.slice(2)}`;
    else if (region === 'FR' && /^0\d{1,9}$/.test(digits)) e164 = `+33${digits.slice(1)}`;
    if (!e164) {
      return {
        ok: false,
        message: `Préfixe invalide « ${input} » : écrivez par exemple 01 62… ou +33 1 62…`,
        messageEn: `Invalid prefix "${input}": write for example 01 62… or +33 1 62…`,
      };
    }
    return { ok: true, pattern: `${e164}*` };
  }
  const result = normalize(text, region);
  return result.ok
    ? { ok: true, pattern: result.value.number }
    : { ok: false, message: result.error.message, messageEn: result.error.messageEn };
}

const CSV_HEADER = 'pattern,kind,label,expires_at';

/**
 * Export format: `pattern,kind,label,expires_at` (ISO date or empty). Cells a spreadsheet would run as formulas
 * (`+33…` patterns, a label starting with `=`) get an apostrophe in front (spreadsheet-safe.ts); import removes it.
 */
export function personalToCsv(entries: readonly PersonalEntry[]): string {
  const quote = (raw: string) => {
    const s = neutralizeFormulaCell(raw);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = entries.map((e) =>
    [quote(e.pattern), e.kind, quote(e.label ?? ''), e.expiresAt ? new Date(e.expiresAt).toISOString() : ''].join(','),
  );
  return `${[CSV_HEADER, ...lines].join('\n')}\n`;
}

export interface PersonalCsvResult {
  entries: PersonalEntry[];
  errors: { line: number; message: string; messageEn: string }[];
}

/** Import: the export format, or a bare list of numbers (one per line, treated as blocks). */
export function parsePersonalCsv(text: string, now: number, region = 'FR'): PersonalCsvResult {
  const rows = parseDelimited(text, ',');
  const result: PersonalCsvResult = { entries: [], errors: [] };
  const hasHeader = rows[0]?.fields[0]?.trim().toLowerCase() === 'pattern';
  for (const { line, fields } of hasHeader ? rows.slice(1) : rows) {
    const [rawPattern = '', rawKind = 'block', label = '', expires = ''] = fields.map((f) =>
      restoreFormulaCell(f.trim()),
    );
    const pattern = parsePersonalPattern(rawPattern, region);
    if (!pattern.ok) {
      result.errors.push({ line, message: pattern.message, messageEn: pattern.messageEn });
      continue;
    }
    const kind = rawKind.toLowerCase();
    if (kind !== 'allow' && kind !== 'block') {
      result.errors.push({
        line,
        message: `Type « ${rawKind} » inconnu : allow ou block.`,
        messageEn: `Unknown kind "${rawKind}": allow or block.`,
      });
      continue;
    }
    const expiresAt = expires ? Date.parse(expires) : undefined;
    if (expiresAt !== undefined && Number.isNaN(expiresAt)) {
      result.errors.push({
        line,
        message: `Date d’expiration illisible « ${expires} ».`,
        messageEn: `Unreadable expiry date "${expires}".`,
      });
      continue;
    }
    result.entries.push({
      pattern: pattern.pattern,
      kind,
      createdAt: now,
      ...(label ? { label } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    });
  }
  return result;
}
