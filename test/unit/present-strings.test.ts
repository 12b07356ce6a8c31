/** The one translation table: every key in French and English, the same placeholders, no "(s)" plurals. */
import { describe, expect, it } from 'vitest';
import { MESSAGES, type Plural } from '../../shared/present/translate.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (m: string | Plural): string[] => (typeof m === 'string' ? [m] : [m.one, m.other]);

describe('translation table', () => {
  const entries = Object.entries(MESSAGES) as [string, { fr: string | Plural; en: string | Plural }][];

  it('has many keys (a sanity check that the sections are merged)', () => {
    expect(entries.length).toBeGreaterThan(200);
  });

  it.each(entries)('%s is complete in French and English', (_key, entry) => {
    for (const lang of ['fr', 'en'] as const) {
      const message = entry[lang];
      expect(message, lang).toBeDefined();
      for (const text of texts(message)) expect(text.trim(), lang).not.toBe('');
    }
    // Both countable or both plain; the same placeholders in each form.
    expect(typeof entry.fr).toBe(typeof entry.en);
    const frNames = new Set(texts(entry.fr).flatMap(placeholders));
    const enNames = new Set(texts(entry.en).flatMap(placeholders));
    expect([...frNames].sort()).toEqual([...enNames].sort());
  });

  it('never writes a plural with "(s)" or "(e)"', () => {
    for (const [key, entry] of entries) {
      for (const text of [...texts(entry.fr), ...texts(entry.en)]) {
        expect(text, key).not.toMatch(/\((s|e|es)\)/);
      }
    }
  });
});
