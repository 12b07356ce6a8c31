/**
 * Policies are data: which rules to run and with which thresholds. A front end can store a policy as JSON.
 * The charter thresholds have no legal source (research/french-rules.md §2.1): 24 h is the figure the trade
 * press quotes; the monthly cap defaults to 4, the same figure as the law's 30-day cap, counted per calendar month.
 */
import type { Policy, RuleOptions } from './types.ts';

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  charterMinGapHours: 24,
  charterMonthlyCap: 4,
};

const LAW_RULE_IDS = [
  'outside-hours',
  'weekend',
  'public-holiday',
  'over-4-in-30-days',
  'within-60-days-of-refusal',
  'no-prior-consent',
  'masked-number',
  'forbidden-caller-id',
  'mobile-caller-id',
  'automated-not-regulated-prefix',
];

/** French law only. */
export const FRENCH_LAW_POLICY: Policy = {
  id: 'fr-law',
  name: { fr: 'Loi française', en: 'French law' },
  rules: LAW_RULE_IDS,
  options: DEFAULT_RULE_OPTIONS,
};

/** French law plus the profession's own commitments (the default: charters are labelled as such). */
export const FRENCH_LAW_AND_CHARTERS_POLICY: Policy = {
  id: 'fr-law-charters',
  name: { fr: 'Loi française et engagements de la profession', en: 'French law and industry commitments' },
  rules: [...LAW_RULE_IDS, 'charter-min-gap', 'charter-monthly-cap'],
  options: DEFAULT_RULE_OPTIONS,
};

export const DEFAULT_POLICY = FRENCH_LAW_AND_CHARTERS_POLICY;

/** The same policy with other charter thresholds or without the charters. */
export function withOptions(policy: Policy, options: Partial<RuleOptions> & { charters?: boolean }): Policy {
  const rules = options.charters === false ? policy.rules.filter((id) => !id.startsWith('charter-')) : policy.rules;
  const { charters: _ignored, ...thresholds } = options;
  return { ...policy, rules, options: { ...policy.options, ...thresholds } };
}
