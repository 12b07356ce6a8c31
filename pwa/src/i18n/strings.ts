/**
 * The PWA's texts come from the one translation table in the core (shared/present), French first and English
 * complete; these names keep the screens short.
 */
import { formatIsoDay, formatWhen } from '../../../shared/present/dates.ts';
import type { Lang } from '../../../shared/present/lang.ts';
import type { APP_STRINGS } from '../../../shared/present/strings/app.ts';
import { type Params, tr } from '../../../shared/present/translate.ts';
import type { Category, Level } from '../../../shared/verdict.ts';

export type { Lang };
export type StringKey = keyof typeof APP_STRINGS;

export function t(lang: Lang, key: StringKey, params?: Params): string {
  return tr(lang, key, params);
}

export function levelLabel(lang: Lang, level: Level): string {
  return tr(lang, `level.${level}`);
}

export function categoryLabel(lang: Lang, category: Category): string {
  return tr(lang, `category.${category}`);
}

/** "le 2 déc. à 10 h 30". */
export function formatDateTime(lang: Lang, ms: number): string {
  return formatWhen(lang, ms);
}

/** "2 déc. 2025". */
export function formatDay(lang: Lang, isoDay: string): string {
  return formatIsoDay(lang, isoDay);
}
