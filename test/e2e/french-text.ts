/**
 * What a French screen must not show (issue 11): English words, rule ids, ISO dates, "(s)" plurals, E.164
 * numbers. The English list holds the words the screens used to leak ("Synchronisation : updated", "Journal /
 * Diary"); the other checks are patterns. Text inside `<code>` (a key, an address) and the user's own input is
 * left out.
 */
import type { Locator } from 'playwright-core';

const ENGLISH = [
  'updated',
  'Diary',
  'Report',
  'Check',
  'Settings',
  'History',
  'Unknown',
  'Send',
  'Cancel',
  'block list',
  'allow list',
  'Save',
  'Reason',
  'Why',
  'number',
  'the',
  'and',
  'you',
];

const PATTERNS: [RegExp, string][] = [
  [/\b\d{4}-\d{2}-\d{2}\b/, 'ISO date'],
  [/\b[a-z]+(?:-[a-z0-9]+){2,}\b/, 'rule id'],
  [/\((?:s|e|es)\)/, '"(s)" plural'],
  [/\+33\d{9}\b/, 'E.164 number'],
  [/\b(?:Europe|America|Indian|Pacific)\/[A-Z]/, 'time-zone code'],
];

/** The problems on a French screen: empty when it reads French throughout. */
export async function frenchProblems(root: Locator): Promise<string[]> {
  const text = await root.evaluate((el) => {
    const clone = el.cloneNode(true) as HTMLElement;
    for (const skip of clone.querySelectorAll('code, script, style, [aria-hidden="true"], input, textarea')) {
      skip.remove();
    }
    // Options and hidden texts count: a screen reader reads them.
    return clone.textContent ?? '';
  });
  const problems: string[] = [];
  for (const word of ENGLISH) {
    const match = new RegExp(`(^|[^\\p{L}])${word}(?![\\p{L}])`, 'u').exec(text);
    if (match) problems.push(`English "${word}": …${text.slice(Math.max(0, match.index - 30), match.index + 40)}…`);
  }
  for (const [pattern, what] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) problems.push(`${what} "${match[0]}": …${text.slice(Math.max(0, match.index - 30), match.index + 40)}…`);
  }
  return problems;
}
