/**
 * The finder against the matcher suites' own cases (test/fixtures/finder/matcher-cases.ts), side by side with
 * the bare library, `findPhoneNumbersInText(text, 'FR')` from libphonenumber-js. Issue 10's targets: recall at
 * least the bare library's, precision at least 0.99.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from '../../shared/number/find-in-text.ts';
import { type ExpectedNumber, MATCHER_CASES } from '../fixtures/finder/matcher-cases.ts';

interface Score {
  expected: number;
  found: number;
  right: number;
  misses: string[];
  wrong: string[];
}

function score(find: (text: string) => ExpectedNumber[]): Score {
  const s: Score = { expected: 0, found: 0, right: 0, misses: [], wrong: [] };
  for (const c of MATCHER_CASES) {
    const got = find(c.text);
    s.expected += c.expected.length;
    s.found += got.length;
    const key = (n: ExpectedNumber) => `${n.start}:${n.number}`;
    const want = new Set(c.expected.map(key));
    const have = new Set(got.map(key));
    for (const g of got) {
      if (want.has(key(g))) s.right++;
      else s.wrong.push(`${JSON.stringify(c.text)} → ${key(g)} (${c.source})`);
    }
    for (const e of c.expected)
      if (!have.has(key(e))) s.misses.push(`${JSON.stringify(c.text)} ✗ ${key(e)} (${c.source})`);
  }
  return s;
}

const ours = () => score((text) => findPhoneNumbers(text, 'FR').map((f) => ({ start: f.start, number: f.number })));
const bare = () =>
  score((text) => findPhoneNumbersInText(text, 'FR').map((f) => ({ start: f.startsAt, number: f.number.number })));

describe('finder on the ported matcher cases', () => {
  const mine = ours();
  const library = bare();
  const recall = (s: Score) => s.right / s.expected;
  const precision = (s: Score) => (s.found === 0 ? 1 : s.right / s.found);

  it('has enough cases to mean something', () => {
    expect(MATCHER_CASES.length).toBeGreaterThan(300);
    expect(mine.expected).toBeGreaterThan(300);
  });

  it('recalls at least as many numbers as the bare library, with precision ≥ 0.99', () => {
    console.log(
      `ported cases: ${MATCHER_CASES.length}, numbers: ${mine.expected}\n` +
        `  ours: recall ${recall(mine).toFixed(3)} precision ${precision(mine).toFixed(3)}\n` +
        `  bare: recall ${recall(library).toFixed(3)} precision ${precision(library).toFixed(3)}`,
    );
    if (mine.misses.length > 0) console.log(`ours missed:\n  ${mine.misses.join('\n  ')}`);
    if (mine.wrong.length > 0) console.log(`ours found wrongly:\n  ${mine.wrong.join('\n  ')}`);
    expect(recall(mine)).toBeGreaterThanOrEqual(recall(library));
    expect(precision(mine)).toBeGreaterThanOrEqual(0.99);
  });

  it.each([
    ['a number right after CJK text', '电话0142685300', ['+33142685300']],
    ['"+33…" right after a letter', 'abc+33142685300', ['+33142685300']],
    ['a number ending a sentence', 'Appelez le 0142685300.', ['+33142685300']],
    ['a "/x12" extension after it', 'Call 01 42 68 53 00/x12 more', ['+33142685300']],
    ['a comma-separated list', '01 42 68 53 00, 06 12 34 56 78', ['+33142685300', '+33612345678']],
    ['two numbers joined by "/"', '01-62-12-34-56/06-12-34-56-78', ['+33162123456', '+33612345678']],
    ['a number after a combining accent', 'e\u03010142685300', []],
    ['an unpaired bracket', '01(42685300', []],
  ])('issue 10: %s', (_name, text, numbers) => {
    expect(findPhoneNumbers(text).map((f) => f.number)).toEqual(numbers);
  });
});
