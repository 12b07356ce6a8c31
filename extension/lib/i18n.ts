/** The extension's texts live in the one translation table (shared/present); this names them by their short key. */
import { type MessageKey, tr } from '../../shared/present/translate.ts';
import type { Lang } from './messages.ts';

type ExtensionKey<K> = K extends `ext.${infer Short}` ? Short : never;
export type StringKey = ExtensionKey<MessageKey>;

export function t(key: StringKey, lang: Lang): string {
  return tr(lang, `ext.${key}` as MessageKey);
}
