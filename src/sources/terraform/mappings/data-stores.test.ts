import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import type { Snapshot } from '../../../model/index.js';
import type { AnyRule } from '../../../rules/rule.js';
import crossRegionRecovery from '../../../rules/dynamodb/dynamodb-table-cross-region-recovery-enabled.js';
import backtracking from '../../../rules/rds/rds-cluster-backtracking-enabled.js';
import clusterEncrypted from '../../../rules/rds/rds-cluster-storage-encrypted.js';
import protectedByPlan from '../../../rules/backup/backup-resource-protected-by-plan.js';
import fineGrained from '../../../rules/opensearch/opensearch-domain-fine-grained-access-control-enabled.js';
import { byId, loadPlan, makePlan, type PlanResource, ref } from '../fixtures/make-plan.js';

/** Resource id → status of one rule on the snapshot. */
function statuses(s: Snapshot, rule: AnyRule): Record<string, string> {
  return Object.fromEntries(runRules(s, { rules: [rule] }).findings.map((f) => [f.resource.id, f.status]));
}

const table = (address: string, extra: Record<string, unknown> = {}): PlanResource => ({
  address,
  after: {
    name: address.split('.')[1],
    billing_mode: 'PAY_PER_REQUEST',
    hash_key: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    stream_enabled: true,
    stream_view_type: 'NEW_AND_OLD_IMAGES',
    ...extra,
  },
});

describe('aws_dynamodb_table replicas', () => {
  it('maps replica blocks to Replicas[].RegionName, which the cross-region rule reads', () => {
    const resources = [
      table('aws_dynamodb_table.with_replica', { replica: [{ region_name: 'ap-southeast-1' }] }),
      table('aws_dynamodb_table.single_region'),
    ];
    const s = loadPlan(makePlan(resources, { region: 'eu-west-1' }));
    expect(byId(s, 'aws_dynamodb_table.with_replica').props.Replicas).toEqual([
      { RegionName: 'ap-southeast-1' },
    ]);
    expect(byId(s, 'aws_dynamodb_table.single_region').props.Replicas).toBeUndefined();
    expect(statuses(s, crossRegionRecovery)).toEqual({
      'aws_dynamodb_table.with_replica': 'pass',
      'aws_dynamodb_table.single_region': 'fail',
    });
    // Without a provider region, a replica block still names another region than the table's.
    const unplaced = loadPlan(makePlan(resources));
    expect(statuses(unplaced, crossRegionRecovery)['aws_dynamodb_table.with_replica']).toBe('pass');
  });

  it('keeps a replica region known only after apply unknown', () => {
    const computed = {
      ...table('aws_dynamodb_table.computed', { replica: [{}] }),
      unknown: { replica: [{ region_name: true }] },
    };
    const s = loadPlan(makePlan([computed], { region: 'eu-west-1' }));
    const [finding] = runRules(s, { rules: [crossRegionRecovery] }).findings;
    expect(finding).toMatchObject({ status: 'error' });
    expect(finding?.reason).toMatch(/Replicas\[0\].*known after apply/);
  });
});

describe('aws_rds_cluster', () => {
  const cluster = (address: string, extra: Record<string, unknown>): PlanResource => ({
    address,
    after: { cluster_identifier: address.split('.')[1], engine: 'aurora-mysql', ...extra },
  });

  it('maps backtrack_window, engine_mode and snapshot_identifier to their CloudFormation names', () => {
    const s = loadPlan(
      makePlan(
        [
          cluster('aws_rds_cluster.backtrack', { backtrack_window: 86400, storage_encrypted: true }),
          cluster('aws_rds_cluster.no_backtrack', { storage_encrypted: false }),
          cluster('aws_rds_cluster.serverless', { engine_mode: 'serverless' }),
          cluster('aws_rds_cluster.restored', { snapshot_identifier: 'orders-final' }),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_rds_cluster.backtrack').props.BacktrackWindow).toBe(86400);
    expect(byId(s, 'aws_rds_cluster.serverless').props.EngineMode).toBe('serverless');
    expect(byId(s, 'aws_rds_cluster.restored').props.SnapshotIdentifier).toBe('orders-final');
    expect(statuses(s, backtracking)).toEqual({
      'aws_rds_cluster.backtrack': 'pass',
      'aws_rds_cluster.no_backtrack': 'fail',
      'aws_rds_cluster.serverless': 'not_applicable',
      'aws_rds_cluster.restored': 'fail',
    });
    expect(statuses(s, clusterEncrypted)).toEqual({
      'aws_rds_cluster.backtrack': 'pass',
      'aws_rds_cluster.no_backtrack': 'fail',
      'aws_rds_cluster.serverless': 'pass',
      'aws_rds_cluster.restored': 'error',
    });
  });
});

describe('aws_efs_file_system backups', () => {
  const fs = (address: string, zone?: string): PlanResource => ({
    address,
    after: { creation_token: address, encrypted: true, ...(zone ? { availability_zone_name: zone } : {}) },
    // A regional file system leaves the zone to the provider: known only after apply.
    unknown: { id: true, ...(zone ? {} : { availability_zone_name: true }) },
  });
  const policy = (target: string, status: string): PlanResource => ({
    address: `aws_efs_backup_policy.${target}`,
    after: { backup_policy: [{ status }] },
    unknown: { file_system_id: true },
    expressions: {
      file_system_id: ref(`aws_efs_file_system.${target}.id`, `aws_efs_file_system.${target}`),
      backup_policy: [{ status: { constant_value: status } }],
    },
  });

  it('folds aws_efs_backup_policy into its file system, and reads a configured One Zone', () => {
    const s = loadPlan(
      makePlan(
        [
          fs('aws_efs_file_system.regional_on'),
          policy('regional_on', 'ENABLED'),
          fs('aws_efs_file_system.one_zone_off', 'eu-west-1a'),
          policy('one_zone_off', 'DISABLED'),
          fs('aws_efs_file_system.one_zone_default', 'eu-west-1b'),
          fs('aws_efs_file_system.regional_default'),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_efs_file_system.regional_on').props.BackupPolicy).toEqual({ Status: 'ENABLED' });
    expect(byId(s, 'aws_efs_file_system.one_zone_off').props.AvailabilityZoneName).toBe('eu-west-1a');
    expect(byId(s, 'aws_efs_file_system.regional_default').props.AvailabilityZoneName).toBeUndefined();
    expect(statuses(s, protectedByPlan)).toEqual({
      'aws_efs_file_system.regional_on': 'pass',
      'aws_efs_file_system.one_zone_off': 'fail',
      // CreateFileSystem: with an AvailabilityZoneName, automatic backups default to on.
      'aws_efs_file_system.one_zone_default': 'pass',
      'aws_efs_file_system.regional_default': 'fail',
    });
  });
});

describe('aws_elasticsearch_domain fine-grained access control', () => {
  it('maps advanced_security_options to AdvancedSecurityOptions', () => {
    const domain = (name: string, extra: Record<string, unknown>): PlanResource => ({
      address: `aws_elasticsearch_domain.${name}`,
      after: { domain_name: name, elasticsearch_version: '7.10', ...extra },
      unknown: { id: true, arn: true },
    });
    const s = loadPlan(
      makePlan(
        [
          domain('fgac', {
            advanced_security_options: [{ enabled: true, internal_user_database_enabled: false }],
          }),
          domain('open', {}),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(byId(s, 'aws_elasticsearch_domain.fgac').props.AdvancedSecurityOptions).toEqual({
      Enabled: true,
      InternalUserDatabaseEnabled: false,
    });
    expect(statuses(s, fineGrained)).toEqual({
      'aws_elasticsearch_domain.fgac': 'pass',
      'aws_elasticsearch_domain.open': 'fail',
    });
  });
});

describe('aws_opensearch_domain', () => {
  it('maps to AWS::OpenSearchService::Domain with its cluster, encryption and access options', () => {
    const s = loadPlan(
      makePlan(
        [
          {
            address: 'aws_opensearch_domain.logs',
            after: {
              domain_name: 'logs',
              engine_version: 'OpenSearch_2.13',
              cluster_config: [{ instance_type: 'r6g.large.search', instance_count: 3 }],
              encrypt_at_rest: [{ enabled: true }],
              node_to_node_encryption: [{ enabled: true }],
              domain_endpoint_options: [
                { enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' },
              ],
              advanced_security_options: [{ enabled: true, internal_user_database_enabled: true }],
            },
            unknown: { id: true, arn: true },
          },
          {
            address: 'aws_opensearch_domain.open',
            after: { domain_name: 'open', engine_version: 'OpenSearch_2.13' },
            unknown: { id: true, arn: true },
          },
        ],
        { region: 'eu-west-1' },
      ),
    );
    const logs = byId(s, 'aws_opensearch_domain.logs');
    expect(logs.type).toBe('AWS::OpenSearchService::Domain');
    expect(logs.props).toMatchObject({
      EngineVersion: 'OpenSearch_2.13',
      ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 3 },
      EncryptionAtRestOptions: { Enabled: true },
      AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: true },
    });
    expect(statuses(s, fineGrained)).toEqual({
      'aws_opensearch_domain.logs': 'pass',
      'aws_opensearch_domain.open': 'fail',
    });
  });
});
