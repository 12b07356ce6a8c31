import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallTime } from '../../shared/diary/call-time.ts';
import { parseCsvRecords } from '../../shared/diary/csv-records.ts';
import { diaryToCsv, EXPORT_HEADER, parseDiaryCsv } from '../../shared/diary/diary-csv.ts';
import { type DiaryEntry, entriesToCalls, makeEntry } from '../../shared/diary/diary-entry.ts';

const H = 'time,number,company,answered,refused,consent,customer,masked';
const TZ = { timeZone: 'Europe/Paris' };

function parse(text: string) {
  return parseDiaryCsv(text, TZ);
}

describe('parseCsvRecords', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside fields, CRLF and a BOM', () => {
    const recs = parseCsvRecords('\uFEFFa,b\r\n"x, y","he said ""no""\nthen hung up"\r\n\r\nlast,\n');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'he said "no"\nthen hung up'] },
      { line: 5, fields: ['last', ''] },
    ]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsvRecords('a,b\n"open,c\n')).toThrow(/never closed/);
    expect(() => parseCsvRecords('a,b\nx"y,c\n')).toThrow(/middle/);
  });
});

describe('parseCallTime', () => {
  it('reads offsets, Z and local times', () => {
    expect(parseCallTime('2026-03-02T10:00:00+01:00', 'UTC')).toEqual({ ok: true, time: Date.UTC(2026, 2, 2, 9) });
    expect(parseCallTime('2026-03-02T09:00Z', 'Europe/Paris')).toEqual({ ok: true, time: Date.UTC(2026, 2, 2, 9) });
    expect(parseCallTime('2026-03-02 10:00', 'Europe/Paris')).toEqual({ ok: true, time: Date.UTC(2026, 2, 2, 9) });
    expect(parseCallTime('2026-07-02T10:00', 'Europe/Paris')).toEqual({ ok: true, time: Date.UTC(2026, 6, 2, 8) });
    expect(parseCallTime('2026-07-02T10:00', 'Indian/Reunion')).toEqual({ ok: true, time: Date.UTC(2026, 6, 2, 6) });
    expect(parseCallTime('2026-03-02T10:00:00.250-0400', 'UTC')).toEqual({
      ok: true,
      time: Date.UTC(2026, 2, 2, 14, 0, 0, 250),
    });
  });

  it('rejects impossible dates, junk and the hour skipped in spring', () => {
    for (const bad of ['2026-02-29T10:00', '2026-13-01T10:00', '2026-03-02T24:00', '02/03/2026 10:00', 'soon', '']) {
      expect(parseCallTime(bad, 'Europe/Paris').ok, bad).toBe(false);
    }
    const gap = parseCallTime('2026-03-29T02:30', 'Europe/Paris');
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.messageEn).toMatch(/does not exist/);
  });
});

describe('parseDiaryCsv', () => {
  it('reads the eight contract columns', () => {
    const r = parse(
      `${H}\n2026-03-02T09:59,01 62 00 00 01,Acme,yes,no,OUI,non,no\n2026-03-03T11:00,,Acme,no,no,no,no,yes\n`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.calls).toHaveLength(2);
    expect(r.calls[0]).toMatchObject({
      row: 0,
      number: '01 62 00 00 01',
      company: 'Acme',
      answered: true,
      consent: true,
    });
    expect(r.calls[1]).toMatchObject({ row: 1, number: '', masked: true, silent: false, automated: false });
  });

  it('reads the optional columns, and ignores unknown extra ones', () => {
    const r = parse(
      `${H},silent,extra,automated,notes\n2026-03-02T11:00,0612345678,Acme,no,no,no,no,no,yes,zzz,,"a, b"\n`,
    );
    expect(r.ok && r.calls[0]).toMatchObject({ silent: true, automated: false, notes: 'a, b' });
  });

  it('rejects a wrong header, naming line 1', () => {
    const r = parse('time,number,company,answered\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 1 });
    expect(parse('').ok).toBe(false);
    expect(parse('time,company,number,answered,refused,consent,customer,masked\n').ok).toBe(false);
  });

  it('reports every bad line with its line number and checks nothing', () => {
    const text = [
      H,
      '2026-03-02T11:00,0162000001,Acme,no,no,no,no,no',
      'yesterday,0162000001,Acme,no,no,no,no,no',
      '2026-03-02T11:00,0162000001,Acme,maybe,no,no,no,no',
      '2026-03-02T11:00,0162000001,Acme,no,no',
      '2026-03-02T11:00,abc,Acme,no,no,no,no,no',
    ].join('\n');
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(r.errors[1]!.messageEn).toContain('answered');
    expect(r.errors[3]!.messageEn).toContain('abc');
  });

  it('accepts a word in the number column of a masked call', () => {
    expect(parse(`${H}\n2026-03-02T11:00,masqué,Acme,no,no,no,no,yes\n`).ok).toBe(true);
    expect(parse(`${H}\n2026-03-02T11:00,masqué,Acme,no,no,no,no,no\n`).ok).toBe(false);
  });

  it('counts lines across quoted line breaks', () => {
    const r = parse(
      `${H},silent,automated,notes\n2026-03-02T11:00,0162000001,Acme,no,no,no,no,no,no,no,"two\nlines"\nbad,0162000001,Acme,no,no,no,no,no\n`,
    );
    expect(!r.ok && r.errors[0]!.line).toBe(4);
  });
});

describe('diaryToCsv', () => {
  it('writes the export header and local times with offsets', () => {
    const e = makeEntry({
      time: Date.UTC(2026, 6, 1, 8),
      number: '0162000001',
      company: 'Acme, SA',
      notes: 'dit "non"',
    });
    const csv = diaryToCsv([e], 'Europe/Paris');
    expect(csv.split('\n')[0]).toBe(EXPORT_HEADER);
    expect(csv.split('\n')[1]).toBe(
      '2026-07-01T10:00:00+02:00,0162000001,"Acme, SA",no,no,no,no,no,no,no,"dit ""non"""',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP CSV injection), and reads them back', () => {
    const e = makeEntry({
      time: Date.UTC(2026, 6, 1, 8),
      number: '+33612345678',
      company: '=HYPERLINK("http://evil.example","Acme")',
      notes: '@SUM(1+1)',
    });
    const tab = makeEntry({ time: Date.UTC(2026, 6, 1, 9), number: '0162000001', company: '-2+3', notes: '\t=1+1' });
    const quoted = makeEntry({ time: Date.UTC(2026, 6, 1, 10), number: '0162000001', company: "'=1", notes: '\r=1' });
    const csv = diaryToCsv([e, tab, quoted], 'Europe/Paris');
    // Expected lines written by hand: an apostrophe before each cell that starts with = + - @ tab or CR.
    expect(csv.split('\n').slice(1, 4)).toEqual([
      '2026-07-01T10:00:00+02:00,\'+33612345678,"\'=HYPERLINK(""http://evil.example"",""Acme"")",no,no,no,no,no,no,no,\'@SUM(1+1)',
      "2026-07-01T11:00:00+02:00,0162000001,'-2+3,no,no,no,no,no,no,no,'\t=1+1",
      "2026-07-01T12:00:00+02:00,0162000001,''=1,no,no,no,no,no,no,no,\"'\r=1\"",
    ]);
    const back = parseDiaryCsv(csv, { timeZone: 'Europe/Paris' });
    expect(back.ok && back.calls.map((c) => [c.number, c.company, c.notes])).toEqual([
      ['+33612345678', '=HYPERLINK("http://evil.example","Acme")', '@SUM(1+1)'],
      ['0162000001', '-2+3', '\t=1+1'],
      ['0162000001', "'=1", '\r=1'],
    ]);
  });

  it('round-trips any diary through export and import (property)', () => {
    const entry = fc.record({
      time: fc
        .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
        .map((t) => Math.floor(t / 1000) * 1000),
      number: fc.constantFrom('0162000001', '+33612345678', '3179', '118712', ''),
      company: fc
        .oneof(fc.string({ maxLength: 20 }), fc.constantFrom('=1+1', "'+x", '-', '@a', "''=b"))
        .map((s) => s.trim()),
      answered: fc.boolean(),
      refused: fc.boolean(),
      consent: fc.boolean(),
      customer: fc.boolean(),
      masked: fc.boolean(),
      silent: fc.boolean(),
      automated: fc.boolean(),
      notes: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('=cmd|x', '\t@x', '\r-1', "'=z")),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 8 }),
        fc.constantFrom('Europe/Paris', 'Indian/Reunion', 'America/Cayenne'),
        (inputs, tz) => {
          const entries: DiaryEntry[] = inputs.map((i) => makeEntry(i));
          const r = parseDiaryCsv(diaryToCsv(entries, tz), { timeZone: tz });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const want = entriesToCalls([...entries].sort((a, b) => a.time - b.time)).map(({ notes, ...c }) => ({
            ...c,
            ...(notes ? { notes } : {}),
          }));
          expect(r.calls).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });
});
