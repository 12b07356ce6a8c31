import { describe, expect, it } from 'vitest';
import { listAge, listAgeNotice } from '../../shared/sync/list-age.ts';

// Instants written out by hand: 2026-03-10T12:00:00Z and days after it.
const PUBLISHED = '2026-03-10T12:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('listAge', () => {
  it('counts whole days since the last manifest that vouched for the list', () => {
    const meta = { publishedAt: '2026-02-01T00:00:00.000Z', syncedAt: 0 };
    const state = { listPublishedAt: PUBLISHED };
    expect(listAge(meta, state, at('2026-03-10T18:00:00.000Z'))).toEqual({ days: 0, old: false });
    expect(listAge(meta, state, at('2026-03-13T11:59:59.000Z'))).toEqual({ days: 2, old: false });
    expect(listAge(meta, state, at('2026-03-13T12:00:00.000Z'))).toEqual({ days: 3, old: true });
    expect(listAge(meta, state, at('2026-03-20T13:00:00.000Z'))).toEqual({ days: 10, old: true });
  });

  it('falls back to the version’s publication time when no sync state says more', () => {
    const meta = { publishedAt: PUBLISHED, syncedAt: 0 };
    expect(listAge(meta, null, at('2026-03-14T12:00:00.000Z'))).toEqual({ days: 4, old: true });
  });

  it('no list, or no date: no age; a clock behind the service: fresh', () => {
    expect(listAge(null, { listPublishedAt: PUBLISHED }, at(PUBLISHED))).toBeNull();
    expect(listAge({ syncedAt: 5 }, null, at(PUBLISHED))).toBeNull();
    expect(listAge({ publishedAt: PUBLISHED, syncedAt: 0 }, null, at('2026-03-01T00:00:00.000Z'))).toEqual({
      days: 0,
      old: false,
    });
  });

  it('the notice reads "liste ancienne de N jours" from 3 days, in French and English', () => {
    expect(listAgeNotice({ days: 2, old: false }, 'fr')).toBeNull();
    expect(listAgeNotice({ days: 3, old: true }, 'fr')).toBe('Liste ancienne de 3 jours');
    expect(listAgeNotice({ days: 12, old: true }, 'en')).toBe('List is 12 days old');
    expect(listAgeNotice(null, 'fr')).toBeNull();
  });
});
