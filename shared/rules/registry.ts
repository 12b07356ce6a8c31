import { foreignCallback } from './foreign-callback.ts';
import { npvPrefix } from './npv-prefix.ts';
import type { NumberRule } from './number-rule.ts';
import { platform093x } from './platform-093x.ts';
import { premium089 } from './premium-089.ts';
import { directory118, free3bpq, operatorService, premium3bpq } from './premium-short-code.ts';
import { sharedCost08 } from './shared-cost-08.ts';
import { unallocatedRange } from './unallocated-range.ts';

/** Every built-in rule, in display order. docs/rules.md documents each; a test checks both lists agree. */
export const NUMBER_RULES: readonly NumberRule[] = [
  npvPrefix,
  premium089,
  directory118,
  premium3bpq,
  sharedCost08,
  unallocatedRange,
  foreignCallback,
  free3bpq,
  operatorService,
  platform093x,
];

/** Rules version: bump when a rule changes, so cached verdicts and docs can say which rules judged. */
export const RULES_VERSION = 1;
