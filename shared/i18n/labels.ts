import { trBoth } from '../present/translate.ts';
import { type Bilingual, CATEGORIES, type Category, LEVELS, type Level } from '../verdict.ts';

export type Lang = 'fr' | 'en';

/** Level words in both languages, from the one translation table (shared/present), for data that carries both. */
export const LEVEL_LABELS = Object.fromEntries(LEVELS.map((l) => [l, trBoth(`level.${l}`)])) as Record<
  Level,
  Bilingual
>;

export const CATEGORY_LABELS = Object.fromEntries(CATEGORIES.map((c) => [c, trBoth(`category.${c}`)])) as Record<
  Category,
  Bilingual
>;

/** Severity order used to combine reasons: the worst one sets the level. */
export const LEVEL_SEVERITY: Record<Level, number> = { trusted: -1, unknown: 0, caution: 1, spam: 2, danger: 3 };
