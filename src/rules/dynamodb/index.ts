import type { AnyRule } from '../rule.js';
import daxClusterEncryptionEnabled from './dynamodb-dax-cluster-encryption-enabled.js';
import daxClusterTlsEnabled from './dynamodb-dax-cluster-tls-enabled.js';
import tableAutoscalingEnabled from './dynamodb-table-autoscaling-enabled.js';
import tableCapacityNotOverprovisioned from './dynamodb-table-capacity-not-overprovisioned.js';
import tableCrossRegionRecoveryEnabled from './dynamodb-table-cross-region-recovery-enabled.js';
import tableDeletionProtectionEnabled from './dynamodb-table-deletion-protection-enabled.js';
import tableNotThrottled from './dynamodb-table-not-throttled.js';
import tablePitrEnabled from './dynamodb-table-pitr-enabled.js';

/** The DynamoDB rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const dynamodbRules: readonly AnyRule[] = [
  daxClusterEncryptionEnabled,
  daxClusterTlsEnabled,
  tableAutoscalingEnabled,
  tableCapacityNotOverprovisioned,
  tableCrossRegionRecoveryEnabled,
  tableDeletionProtectionEnabled,
  tableNotThrottled,
  tablePitrEnabled,
];
