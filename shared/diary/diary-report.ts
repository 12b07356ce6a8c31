/**
 * What the diary screens show: the entries grouped by company, each group with the findings of its calls,
 * the findings per entry, and the case the action generators take. Pure, so the PWA and the extension popup
 * render the same thing.
 */
import type { CompanyCase } from '../law/actions/company-case.ts';
import { checkCalls } from '../law/engine.ts';
import type { Finding, Policy } from '../law/types.ts';
import { type CompanyGroup, groupByCompany } from './company-groups.ts';
import { type DiaryEntry, entriesToCalls } from './diary-entry.ts';

export interface CompanyReport {
  group: CompanyGroup;
  findings: Finding[];
  /** Findings of each entry, by entry id (entries without findings absent). */
  byEntry: Map<string, Finding[]>;
  lawCount: number;
  charterCount: number;
  /** Input for actions/ (SignalConso, Bloctel, objection letter). */
  companyCase: CompanyCase;
}

export function diaryReport(
  entries: readonly DiaryEntry[],
  options: { timeZone: string; policy?: Policy },
): CompanyReport[] {
  const calls = entriesToCalls(entries);
  const findings = checkCalls(calls, options);
  const entryOfRow = new Map(entries.map((e, row) => [row, e]));
  const byEntry = new Map<string, Finding[]>();
  for (const f of findings) {
    const e = entryOfRow.get(f.row)!;
    const list = byEntry.get(e.id);
    if (list) list.push(f);
    else byEntry.set(e.id, [f]);
  }
  const rowOfId = new Map(entries.map((e, row) => [e.id, row]));
  return groupByCompany(entries).map((group) => {
    const own = new Map<string, Finding[]>();
    const groupFindings: Finding[] = [];
    for (const e of group.entries) {
      const fs = byEntry.get(e.id);
      if (!fs) continue;
      own.set(e.id, fs);
      groupFindings.push(...fs);
    }
    const groupCalls = group.entries.map((e) => calls[rowOfId.get(e.id)!]!);
    return {
      group,
      findings: groupFindings,
      byEntry: own,
      lawCount: groupFindings.filter((f) => f.kind === 'law').length,
      charterCount: groupFindings.filter((f) => f.kind === 'charter').length,
      companyCase: {
        company: group.key.startsWith('company:') ? group.name : '',
        calls: groupCalls,
        findings: groupFindings,
        timeZone: options.timeZone,
      },
    };
  });
}
