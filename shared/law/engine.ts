/**
 * The contact-pressure engine: given calls (one diary, any number of companies), list every rule each call broke.
 * Calls are grouped by professional (company-key.ts), sorted by time, and each rule of the policy sees only the
 * calls inside its validity period: a call before 1 March 2023 is not judged by D.223-9, and does not count in
 * its 30-day window either.
 */
import { readCallerNumber } from './caller-id-ranges.ts';
import { groupKeyOfCall } from './company-key.ts';
import { DEFAULT_POLICY } from './policies.ts';
import { ruleById } from './rules/index.ts';
import type { CallRecord, CallView, Finding, LawRule, Policy } from './types.ts';
import { localParts } from './zoned-time.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export interface CheckOptions {
  /** The consumer's IANA time zone (D.223-9 hours are the consumer's). */
  timeZone?: string;
  policy?: Policy;
}

function inValidity(rule: LawRule, v: CallView): boolean {
  if (rule.validFrom && v.local.ymd < rule.validFrom) return false;
  if (rule.validUntil && v.local.ymd > rule.validUntil) return false;
  return true;
}

/** The rules of a policy, in its order; an unknown id is a programming error, reported clearly. */
export function rulesOf(policy: Policy): LawRule[] {
  return policy.rules.map((id) => {
    const rule = ruleById(id);
    if (!rule) throw new Error(`Unknown law rule id "${id}" in policy ${policy.id}`);
    return rule;
  });
}

/** Group calls by professional, each group in time order (ties keep input order). */
export function groupCalls(calls: readonly CallRecord[]): Map<string, CallRecord[]> {
  const groups = new Map<string, CallRecord[]>();
  for (const call of calls) {
    const key = groupKeyOfCall(call);
    const list = groups.get(key);
    if (list) list.push(call);
    else groups.set(key, [call]);
  }
  for (const list of groups.values()) list.sort((a, b) => a.time - b.time || a.row - b.row);
  return groups;
}

export function checkCalls(calls: readonly CallRecord[], options: CheckOptions = {}): Finding[] {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const policy = options.policy ?? DEFAULT_POLICY;
  const rules = rulesOf(policy);
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const findings: Finding[] = [];
  for (const group of groupCalls(calls).values()) {
    const views: CallView[] = group.map((call) => ({
      call,
      local: localParts(call.time, timeZone),
      caller: call.masked ? null : readCallerNumber(call.number),
    }));
    const company = group.find((c) => c.company.trim())?.company.trim() ?? '';
    for (const rule of rules) {
      const inScope = views.filter((v) => inValidity(rule, v));
      if (inScope.length === 0) continue;
      for (const hit of rule.check({ calls: inScope, timeZone, options: policy.options })) {
        const v = inScope[hit.index]!;
        findings.push({
          row: v.call.row,
          rule: rule.id,
          kind: rule.kind,
          text: hit.text.fr,
          textEn: hit.text.en,
          source: rule.source,
          ...(rule.sourceUrl ? { sourceUrl: rule.sourceUrl } : {}),
          company,
        });
      }
    }
  }
  return findings.sort((a, b) => a.row - b.row || order.get(a.rule)! - order.get(b.rule)!);
}
