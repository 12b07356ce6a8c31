/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet opening a CSV runs a cell that starts with `=`, `+`, `-` or
 * `@` as a formula (`=HYPERLINK(…)`, `=cmd|…` through DDE), and some strip a leading tab or carriage return
 * before that check. Crowd company names and comments reach our exports, so every exported cell that could start
 * a formula is prefixed with an apostrophe, as OWASP advises; a spreadsheet then shows it as text.
 *
 * The prefix is also added to a cell that is already apostrophes followed by such a character, so that
 * `restoreFormulaCell` can undo exactly one and our own import reads back what was exported.
 */
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;
const PREFIXED = /^'+[=+\-@\t\r]/;

export function neutralizeFormulaCell(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** The inverse, for our own imports: removes the one apostrophe `neutralizeFormulaCell` added. */
export function restoreFormulaCell(value: string): string {
  return PREFIXED.test(value) ? value.slice(1) : value;
}
