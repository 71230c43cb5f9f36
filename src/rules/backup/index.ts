import type { AnyRule } from '../rule.js';
import planCrossRegionCopyEnabled from './backup-plan-cross-region-copy-enabled.js';
import planRetentionSufficient from './backup-plan-retention-sufficient.js';
import planSelectionAssigned from './backup-plan-selection-assigned.js';
import resourceProtectedByPlan from './backup-resource-protected-by-plan.js';
import vaultLockEnabled from './backup-vault-lock-enabled.js';

/** The AWS Backup rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const backupRules: readonly AnyRule[] = [
  planCrossRegionCopyEnabled,
  planRetentionSufficient,
  planSelectionAssigned,
  resourceProtectedByPlan,
  vaultLockEnabled,
];
