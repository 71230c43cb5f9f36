import type { AnyRule } from '../rule.js';
import clusterBacktrackingEnabled from './rds-cluster-backtracking-enabled.js';
import clusterDeletionProtectionEnabled from './rds-cluster-deletion-protection-enabled.js';
import clusterStorageEncrypted from './rds-cluster-storage-encrypted.js';
import databasePortNotDefault from './rds-database-port-not-default.js';
import instanceAutoMinorVersionUpgradeEnabled from './rds-instance-auto-minor-version-upgrade-enabled.js';
import instanceBackupEnabled from './rds-instance-backup-enabled.js';
import instanceClassCurrentGeneration from './rds-instance-class-current-generation.js';
import instanceCopyTagsToSnapshotEnabled from './rds-instance-copy-tags-to-snapshot-enabled.js';
import instanceDeletionProtectionEnabled from './rds-instance-deletion-protection-enabled.js';
import instanceEnhancedMonitoringEnabled from './rds-instance-enhanced-monitoring-enabled.js';
import instanceEventNotificationsEnabled from './rds-instance-event-notifications-enabled.js';
import instanceIamAuthenticationEnabled from './rds-instance-iam-authentication-enabled.js';
import instanceLogExportsEnabled from './rds-instance-log-exports-enabled.js';
import instanceMasterPasswordManaged from './rds-instance-master-password-managed.js';
import instanceMultiAzEnabled from './rds-instance-multi-az-enabled.js';
import instanceNotIdle from './rds-instance-not-idle.js';
import instancePublicAccessDisabled from './rds-instance-public-access-disabled.js';
import instanceStorageEncrypted from './rds-instance-storage-encrypted.js';
import snapshotEncrypted from './rds-snapshot-encrypted.js';
import snapshotNotPublic from './rds-snapshot-not-public.js';

/** The RDS rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const rdsRules: readonly AnyRule[] = [
  clusterBacktrackingEnabled,
  clusterDeletionProtectionEnabled,
  clusterStorageEncrypted,
  databasePortNotDefault,
  instanceAutoMinorVersionUpgradeEnabled,
  instanceBackupEnabled,
  instanceClassCurrentGeneration,
  instanceCopyTagsToSnapshotEnabled,
  instanceDeletionProtectionEnabled,
  instanceEnhancedMonitoringEnabled,
  instanceEventNotificationsEnabled,
  instanceIamAuthenticationEnabled,
  instanceLogExportsEnabled,
  instanceMasterPasswordManaged,
  instanceMultiAzEnabled,
  instanceNotIdle,
  instancePublicAccessDisabled,
  instanceStorageEncrypted,
  snapshotEncrypted,
  snapshotNotPublic,
];
