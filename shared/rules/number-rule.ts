import type { NormalizedNumber } from '../number/normalize.ts';
import type { Category, Level } from '../verdict.ts';

/** What a rule may need besides the number itself. */
export interface RuleContext {
  /** The user's region (`FR` by default): "foreign" is relative to it. */
  region: string;
}

/**
 * A built-in rule: data plus one predicate, one small file each, registered in `registry.ts`
 * (STYLE.md §3). `source` cites the text it comes from; `text` explains it in French and English.
 */
export interface NumberRule {
  id: string;
  level: Level;
  category: Category | null;
  source: string;
  text: { fr: string; en: string };
  applies(n: NormalizedNumber, context: RuleContext): boolean;
}

/** National significant number of a number in the French plan (metropolitan or overseas departments). */
export const FRENCH_PLAN = new Set(['33', '590', '594', '596', '262']);
