import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { groupByCompany, mergeCompanies, splitEntries, suggestCompany } from '../../shared/diary/company-groups.ts';
import { type DiaryEntry, makeEntry } from '../../shared/diary/diary-entry.ts';
import { diaryReport } from '../../shared/diary/diary-report.ts';
import {
  deleteDiaryEntry,
  diaryEntriesOfCompany,
  listDiaryEntries,
  saveDiaryEntries,
} from '../../shared/diary/diary-store.ts';
import { openVigieDb } from '../../shared/store/db.ts';

const day = (d: number, h = 11) => Date.UTC(2026, 2, d, h - 1); // Paris winter time: 11:00 local

function apply(entries: DiaryEntry[], changed: DiaryEntry[]): DiaryEntry[] {
  const byId = new Map(changed.map((e) => [e.id, e]));
  return entries.map((e) => byId.get(e.id) ?? e);
}

const diary = () => [
  makeEntry({ time: day(2), number: '0162000001', company: 'Isolation Plus' }),
  makeEntry({ time: day(3), number: '0162000002', company: 'isolation  plus' }),
  makeEntry({ time: day(4), number: '0948000003', company: 'ISO+ Énergie' }),
  makeEntry({ time: day(5), number: '0270000004', company: '' }),
  makeEntry({ time: day(6), number: '0270000004', company: '' }),
  makeEntry({ time: day(9), number: '', company: '', masked: true }),
];

describe('groupByCompany', () => {
  it('groups by company name ignoring case and spaces, then by number, masked alone', () => {
    const groups = groupByCompany(diary());
    const summary = groups.map((g) => [g.name, g.entries.length, g.numbers.length]);
    expect(summary).toEqual([
      ['', 1, 0],
      ['0270000004', 2, 1],
      ['ISO+ Énergie', 1, 1],
      ['isolation  plus', 2, 2],
    ]);
  });
});

describe('merge and split', () => {
  it('merges two companies into one, then the 30-day count sees all their calls', () => {
    let entries = diary();
    const keys = groupByCompany(entries)
      .filter((g) => /iso/i.test(g.name) || g.name === '0270000004')
      .map((g) => g.key);
    const changed = mergeCompanies(entries, keys, 'Isolation Plus');
    expect(changed).toHaveLength(4); // the first entry already has that exact name
    entries = apply(entries, changed);
    const groups = groupByCompany(entries);
    expect(groups.find((g) => g.name === 'Isolation Plus')!.entries).toHaveLength(5);
    const report = diaryReport(entries, { timeZone: 'Europe/Paris' });
    const iso = report.find((r) => r.group.name === 'Isolation Plus')!;
    expect(iso.findings.filter((f) => f.rule === 'over-4-in-30-days')).toHaveLength(1);
    expect(() => mergeCompanies(entries, keys, '  ')).toThrow();
  });

  it('splits chosen calls into another company', () => {
    let entries = diary();
    const second = entries[1]!;
    entries = apply(entries, splitEntries(entries, [second.id], 'Sous-traitant'));
    const groups = groupByCompany(entries);
    expect(groups.find((g) => g.name === 'Sous-traitant')!.entries.map((e) => e.id)).toEqual([second.id]);
    expect(groups.find((g) => g.name === 'Isolation Plus')!.entries).toHaveLength(1);
  });
});

describe('suggestCompany', () => {
  it('suggests the latest company logged for the same number, in any format', () => {
    const entries = [
      makeEntry({ time: day(2), number: '0162000001', company: 'Old name' }),
      makeEntry({ time: day(3), number: '+33 1 62 00 00 01', company: 'New name' }),
    ];
    expect(suggestCompany(entries, '01.62.00.00.01')).toBe('New name');
    // One number written two ways is listed once.
    expect(groupByCompany(entries.map((e) => ({ ...e, company: 'X' })))[0]!.numbers).toEqual(['0162000001']);
    expect(suggestCompany(entries, '0162000009')).toBeNull();
    expect(suggestCompany(entries, '')).toBeNull();
  });
});

describe('diaryReport', () => {
  it('attaches findings to their entries and counts law and charter findings apart', () => {
    const entries = [
      makeEntry({ time: Date.UTC(2026, 2, 2, 8, 59), number: '0162000001', company: 'Acme' }), // 09:59 Paris
      makeEntry({ time: Date.UTC(2026, 2, 2, 9, 30), number: '0162000001', company: 'Acme' }), // 10:30 Paris
    ];
    const [r] = diaryReport(entries, { timeZone: 'Europe/Paris' });
    expect(r!.byEntry.get(entries[0]!.id)!.map((f) => f.rule)).toEqual(['outside-hours']);
    expect(r!.byEntry.get(entries[1]!.id)!.map((f) => f.rule)).toEqual(['charter-min-gap']);
    expect([r!.lawCount, r!.charterCount]).toEqual([1, 1]);
    expect(r!.companyCase.company).toBe('Acme');
  });
});

describe('diary store (IndexedDB)', () => {
  it('saves, lists in time order, finds by company and deletes', async () => {
    const db = await openVigieDb(`diary-test-${crypto.randomUUID()}`);
    const [a, b, c] = diary();
    await saveDiaryEntries(db, [c!, a!, b!]);
    expect((await listDiaryEntries(db)).map((e) => e.id)).toEqual([a!.id, b!.id, c!.id]);
    expect((await diaryEntriesOfCompany(db, 'Isolation Plus')).map((e) => e.id)).toEqual([a!.id]);
    await saveDiaryEntries(db, [{ ...b!, company: 'Isolation Plus' }]);
    expect(await diaryEntriesOfCompany(db, 'Isolation Plus')).toHaveLength(2);
    await deleteDiaryEntry(db, a!.id);
    expect((await listDiaryEntries(db)).map((e) => e.id)).toEqual([b!.id, c!.id]);
    expect((await listDiaryEntries(db))[0]).toEqual({ ...b!, company: 'Isolation Plus' });
    db.close();
  });
});
