/** The diary's texts live in the one translation table (shared/present); this names them by their short key. */
import type { Lang } from '../present/lang.ts';
import { type MessageKey, tr } from '../present/translate.ts';

type DiaryKey<K> = K extends `diary.${infer Short}` ? Short : never;
export type DiaryStringKey = DiaryKey<MessageKey>;

export function diaryText(lang: Lang, key: DiaryStringKey): string {
  return tr(lang, `diary.${key}` as MessageKey);
}
