import type { AnyRule } from '../rule.js';
import accountEnabledAllRegions from './guardduty-account-enabled-all-regions.js';
import detectorEnabled from './guardduty-detector-enabled.js';
import detectorFindingsAddressed from './guardduty-detector-findings-addressed.js';

/** The GuardDuty rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const guarddutyRules: readonly AnyRule[] = [
  detectorEnabled,
  accountEnabledAllRegions,
  detectorFindingsAddressed,
];
