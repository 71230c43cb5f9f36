import type { AnyRule } from '../rule.js';
import clusterAdminUsernameNotDefault from './redshift-cluster-admin-username-not-default.js';
import clusterAuditLoggingEnabled from './redshift-cluster-audit-logging-enabled.js';
import clusterAutomaticSnapshotsEnabled from './redshift-cluster-automatic-snapshots-enabled.js';
import clusterCrossRegionSnapshotCopyEnabled from './redshift-cluster-cross-region-snapshot-copy-enabled.js';
import clusterDatabaseNameNotDefault from './redshift-cluster-database-name-not-default.js';
import clusterEncrypted from './redshift-cluster-encrypted.js';
import clusterEnhancedVpcRoutingEnabled from './redshift-cluster-enhanced-vpc-routing-enabled.js';
import clusterPublicAccessDisabled from './redshift-cluster-public-access-disabled.js';
import clusterVersionUpgradeEnabled from './redshift-cluster-version-upgrade-enabled.js';

/** The Redshift rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const redshiftRules: readonly AnyRule[] = [
  clusterAdminUsernameNotDefault,
  clusterAuditLoggingEnabled,
  clusterAutomaticSnapshotsEnabled,
  clusterCrossRegionSnapshotCopyEnabled,
  clusterDatabaseNameNotDefault,
  clusterEncrypted,
  clusterEnhancedVpcRoutingEnabled,
  clusterPublicAccessDisabled,
  clusterVersionUpgradeEnabled,
];
