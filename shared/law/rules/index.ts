/**
 * The registry: every rule the engine knows, one module each. A test checks that each is registered here,
 * documented in docs/law.md and has a fixture in test/fixtures/diary/rules/.
 */
import type { LawRule } from '../types.ts';
import { automatedNotRegulatedPrefix } from './automated-not-regulated-prefix.ts';
import { charterMinGap } from './charter-min-gap.ts';
import { charterMonthlyCap } from './charter-monthly-cap.ts';
import { forbiddenCallerId } from './forbidden-caller-id.ts';
import { maskedNumber } from './masked-number.ts';
import { mobileCallerId } from './mobile-caller-id.ts';
import { noPriorConsent } from './no-prior-consent.ts';
import { outsideHours } from './outside-hours.ts';
import { over4In30Days } from './over-4-in-30-days.ts';
import { publicHoliday } from './public-holiday.ts';
import { weekend } from './weekend.ts';
import { within60DaysOfRefusal } from './within-60-days-of-refusal.ts';

export const RULES: readonly LawRule[] = [
  outsideHours,
  weekend,
  publicHoliday,
  over4In30Days,
  within60DaysOfRefusal,
  noPriorConsent,
  maskedNumber,
  forbiddenCallerId,
  mobileCallerId,
  automatedNotRegulatedPrefix,
  charterMinGap,
  charterMonthlyCap,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): LawRule | undefined {
  return BY_ID.get(id);
}
