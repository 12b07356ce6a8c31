import type { ReportRow } from '../../server/reports/report-row.ts';

/**
 * A maker of stored telemarketing reports for tests that write rows straight into the database: report(number,
 * reporter, at) with ids numbered in `series` (four hex digits, one per test file, so files sharing a PostgreSQL
 * database never reuse an id) and each reporter on its own network.
 */
export function reportRowMaker(series: string): (number: string, reporter: string, at: number) => ReportRow {
  let serial = 0;
  return (number, reporter, at) => {
    serial++;
    return {
      id: `00000000-0000-4000-${series}-${serial.toString(16).padStart(12, '0')}`,
      number,
      reporter,
      category: 'telemarketing',
      comment: null,
      company: null,
      region: 'FR',
      calledAt: null,
      reportedAt: new Date(at).toISOString(),
      source: 'api',
      demo: false,
      addrHash: `net-${reporter}`,
    };
  };
}
