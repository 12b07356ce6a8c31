import { describe, expect, it } from 'vitest';
import { entriesFromNumberLines, entriesFromReports } from '../../shared/list/entries-from-input.ts';
import { parseCsvRecords, parseReportCsv } from '../../shared/list/report-csv.ts';

describe('report CSV (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and blank lines', () => {
    const { records, errors } = parseCsvRecords('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n"multi\nline",,"z"\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 4, fields: ['multi\nline', '', 'z'] },
    ]);
  });

  it('reports broken quoting with its line and goes on', () => {
    const { records, errors } = parseCsvRecords('a,b\n"x"y,1\nok,2\nbad"q,3\n"open,4');
    expect(records.map((r) => r.fields[0])).toEqual(['a', 'ok']);
    expect(errors.map((e) => e.line)).toEqual([2, 4, 5]);
    expect(errors[2]?.messageEn).toMatch(/unclosed quote/);
  });

  it('turns rows into reports, naming each bad line', () => {
    const text = [
      'number,category,reported_at,reporter,comment,company,region,extra',
      '0612345678,scam,2025-11-01,r1,,,,',
      ',scam,,,,,,',
      '0612345678,spam,,,,,,',
      '0612345678,scam,01/11/2025,,,,,',
      '0612345678,scam',
      '0756000001,,2025-11-02T10:00:00Z,,"hi, there",ACME,FR,',
    ].join('\n');
    const { rows, errors } = parseReportCsv(text);
    expect(rows.map((r) => [r.line, r.number, r.category, r.reportedDay, r.comment])).toEqual([
      [2, '0612345678', 'scam', 20_393, null],
      [7, '0756000001', null, 20_394, 'hi, there'],
    ]);
    expect(errors.map((e) => e.line)).toEqual([1, 3, 4, 5, 6]);
    expect(errors[0]?.messageEn).toMatch(/columns ignored: extra/);
    expect(errors[2]?.messageEn).toMatch(/unknown category "spam"/);
    expect(errors[3]?.messageEn).toMatch(/invalid date/);
    expect(errors[4]?.messageEn).toMatch(/2 fields instead of 8/);
  });

  it('needs a header with a number column', () => {
    expect(parseReportCsv('').errors[0]?.messageEn).toMatch(/header/);
    expect(parseReportCsv('phone,category\n0612345678,scam').errors[0]?.messageEn).toMatch(/no "number" column/);
  });
});

describe('entries from reports and from number lines', () => {
  it('counts distinct reporters (anonymous rows once each), takes the most frequent category and the last day', () => {
    const { rows } = parseReportCsv(
      [
        'number,category,reported_at,reporter',
        '06 12 34 56 78,scam,2025-11-01,r1',
        '+33612345678,scam,2025-11-03,r2',
        '0033612345678,survey,2025-11-02,r1',
        '0612345678,survey,,',
        '0612345678,survey,,',
        '0590123456,robocall,2025-10-01,',
        '17,scam,,',
      ].join('\n'),
    );
    const { entries, errors } = entriesFromReports(rows, 'FR');
    expect(entries).toContainEqual({
      pattern: '+33612345678',
      payload: { category: 'survey', reports: 4, score: 200, lastReportDay: 20_395 },
    });
    expect(entries.find((e) => e.pattern === '+590590123456')?.payload.reports).toBe(1);
    expect(errors.map((e) => e.line)).toEqual([8]);
    expect(errors[0]?.messageEn).toMatch(/short code/);
  });

  it('reads one number per line with comments and ranges, reporting bad lines', () => {
    const { entries, errors } = entriesFromNumberLines(
      '# list\n06 12 34 56 78\n\n+33 6 12 34 56 78 # again\nhello\n+33162*\n0162*\n',
      'FR',
      'telemarketing',
    );
    expect(entries).toEqual([
      // Written twice, one number: a list of numbers is not a count of reports (issue 11 §16).
      { pattern: '+33612345678', payload: { category: 'telemarketing', reports: 1, score: 255, lastReportDay: 0 } },
      { pattern: '+33162*', payload: { category: 'telemarketing', reports: 1, score: 255, lastReportDay: 0 } },
    ]);
    expect(errors.map((e) => e.line)).toEqual([5, 7]);
  });
});
