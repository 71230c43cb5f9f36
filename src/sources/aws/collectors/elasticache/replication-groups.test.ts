/**
 * The ElastiCache collectors driven through the real SDK against the local endpoint with recorded
 * responses (one group or cluster a page, ElastiCache's `Marker` paging), and every ElastiCache rule
 * run on what they collected: failover and encryption states as the API reports them, the effective
 * at-rest encryption, nodes of a replication group and Memcached left to `not_applicable`, and a
 * group that reports no at-rest state judged `error`, never by the creation default.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved } from '../../../../model/index.js';
import { allRules } from '../../../../rules/index.js';
import {
  idsIn,
  resourceIn,
  useRecordedCollection,
} from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { cacheClusters } from './cache-clusters.js';
import { replicationGroups } from './replication-groups.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [replicationGroups, cacheClusters],
  now: NOW,
});

const GROUP = 'AWS::ElastiCache::ReplicationGroup';
const CLUSTER = 'AWS::ElastiCache::CacheCluster';
/** Every rule on ElastiCache resources, so a new one is run here too. */
const RULES = allRules
  .filter((r) => r.resourceTypes.includes(GROUP) || r.resourceTypes.includes(CLUSTER))
  .map((r) => r.id);

/** The gap the mapping records for `rates-2017`, whose answer reports no at-rest encryption state. */
const UNREPORTED_AT_REST = expect.objectContaining({
  kind: 'unresolved-value',
  resourceType: GROUP,
  resourceId: 'rates-2017',
  path: 'AtRestEncryptionEnabled',
});

describe('elasticache/replication-groups and elasticache/cache-clusters', () => {
  it('lists groups and clusters page by page with Marker', async () => {
    const { snapshot, endpoint } = await collect();
    // Nothing failed; the group that reports no at-rest state is the one unresolved value.
    expect(snapshot.coverage).toEqual([UNREPORTED_AT_REST]);
    for (const [operation, pages] of [
      ['DescribeReplicationGroups', 4],
      ['DescribeCacheClusters', 5],
    ] as const) {
      const calls = endpoint.log.filter((r) => r.operation === operation);
      expect(calls.map((r) => r.service)).toEqual(Array(pages).fill('elasticache'));
      expect(calls.every((r) => r.params.MaxRecords === '100')).toBe(true);
      expect(calls[0]!.params.Marker).toBeUndefined();
      expect(calls.slice(1).every((r) => typeof r.params.Marker === 'string')).toBe(true);
    }
    expect(idsIn(snapshot, GROUP)).toEqual(['cache-legacy', 'queue-migrating', 'rates-2017', 'sessions']);
    expect(idsIn(snapshot, CLUSTER)).toEqual([
      'flags-valkey',
      'geo-redis',
      'pages-memcached',
      'sessions-001',
      'sessions-002',
    ]);
  });

  it('maps a group to CloudFormation’s properties, its states to observed', async () => {
    const { snapshot } = await collect();
    const sessions = resourceIn(snapshot, GROUP, 'sessions');
    expect(sessions).toMatchObject({
      arn: 'arn:aws:elasticache:us-east-1:111122223333:replicationgroup:sessions',
      name: 'sessions',
      account: '111122223333',
      region: 'us-east-1',
    });
    expect(sessions.props).toEqual({
      ReplicationGroupId: 'sessions',
      ReplicationGroupDescription: 'Web sessions',
      Engine: 'valkey',
      CacheNodeType: 'cache.r7g.large',
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      AtRestEncryptionEnabled: true,
      KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      SnapshotRetentionLimit: 7,
      SnapshotWindow: '03:00-04:00',
      SnapshottingClusterId: 'sessions-002',
      ClusterMode: 'disabled',
      NumCacheClusters: 2,
      DataTieringEnabled: false,
      AutoMinorVersionUpgrade: true,
      NetworkType: 'ipv4',
      IpDiscovery: 'ipv4',
      UserGroupIds: ['sessions-users'],
      LogDeliveryConfigurations: [
        {
          LogType: 'slow-log',
          DestinationType: 'cloudwatch-logs',
          DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/elasticache/sessions/slow-log' } },
          LogFormat: 'json',
        },
      ],
    });
    expect(sessions.observed).toEqual({
      Status: 'available',
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      StorageEncryptionType: 'sse-kms',
      ClusterEnabled: false,
      AuthTokenEnabled: false,
      MemberClusters: ['sessions-001', 'sessions-002'],
      ReplicationGroupCreateTime: '2025-03-01T10:00:00.000Z',
    });
    // Cluster mode enabled: shards, not a count of nodes.
    expect(resourceIn(snapshot, GROUP, 'queue-migrating').props).toMatchObject({
      NumNodeGroups: 2,
      ClusterMode: 'enabled',
      // The flag says false, the storage type says what is in force.
      AtRestEncryptionEnabled: true,
      AutomaticFailoverEnabled: true,
    });
    expect(resourceIn(snapshot, GROUP, 'queue-migrating').props).not.toHaveProperty('NumCacheClusters');
    // Neither the flag nor the storage type: not known, not the Redis OSS default.
    expect(isUnresolved(resourceIn(snapshot, GROUP, 'rates-2017').props.AtRestEncryptionEnabled)).toBe(true);
  });

  it('maps a cluster to CloudFormation’s properties, and a node of a group carries the group', async () => {
    const { snapshot } = await collect();
    expect(resourceIn(snapshot, CLUSTER, 'geo-redis').props).toEqual({
      ClusterName: 'geo-redis',
      Engine: 'redis',
      EngineVersion: '7.1.0',
      CacheNodeType: 'cache.t4g.micro',
      NumCacheNodes: 1,
      PreferredAvailabilityZone: 'us-east-1c',
      PreferredMaintenanceWindow: 'sun:05:00-sun:06:00',
      CacheSubnetGroupName: 'private-cache',
      VpcSecurityGroupIds: ['sg-0cache0000000003'],
      CacheParameterGroupName: 'default.redis7',
      SnapshotRetentionLimit: 0,
      SnapshotWindow: '04:00-05:00',
      TransitEncryptionEnabled: false,
      AutoMinorVersionUpgrade: true,
      NetworkType: 'ipv4',
      IpDiscovery: 'ipv4',
    });
    expect(resourceIn(snapshot, CLUSTER, 'sessions-001').observed).toMatchObject({
      ReplicationGroupId: 'sessions',
      Status: 'available',
    });
    expect(resourceIn(snapshot, CLUSTER, 'pages-memcached').props).not.toHaveProperty(
      'SnapshotRetentionLimit',
    );
  });

  it('judges the groups and clusters as collected', async () => {
    const { snapshot } = await collect();
    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses).toEqual({
      'elasticache-replication-group-automatic-failover-enabled': {
        sessions: 'pass',
        'cache-legacy': 'fail',
        // Being turned on counts as on; being turned off as off.
        'queue-migrating': 'pass',
        'rates-2017': 'fail',
      },
      'elasticache-replication-group-encrypted-at-rest': {
        sessions: 'pass',
        'cache-legacy': 'fail',
        'queue-migrating': 'pass',
        'rates-2017': 'error',
      },
      'elasticache-replication-group-encrypted-in-transit': {
        sessions: 'pass',
        'cache-legacy': 'fail',
        'queue-migrating': 'fail',
        'rates-2017': 'fail',
      },
      'elasticache-cluster-automatic-backups-enabled': {
        sessions: 'pass',
        'cache-legacy': 'fail',
        'queue-migrating': 'pass',
        'rates-2017': 'pass',
        'sessions-001': 'not_applicable',
        'sessions-002': 'not_applicable',
        'pages-memcached': 'not_applicable',
        'geo-redis': 'fail',
        'flags-valkey': 'pass',
      },
    });
    const reason = (rule: string, id: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.id === id)?.reason ?? '';
    expect(reason('elasticache-replication-group-encrypted-in-transit', 'queue-migrating')).toContain(
      'preferred mode',
    );
    expect(reason('elasticache-replication-group-encrypted-at-rest', 'rates-2017')).toContain(
      'reported neither AtRestEncryptionEnabled nor StorageEncryptionType',
    );
    expect(reason('elasticache-cluster-automatic-backups-enabled', 'sessions-001')).toContain(
      'node of replication group sessions',
    );
  });

  it('records a denied listing as a gap for its own type, and reads the other', async () => {
    const { snapshot } = await collect({ deny: ['elasticache:DescribeReplicationGroups'] });
    expect(idsIn(snapshot, GROUP)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: GROUP }),
    ]);
    expect(idsIn(snapshot, CLUSTER)).toHaveLength(5);

    const clustersDenied = await collect({ deny: ['elasticache:DescribeCacheClusters'] });
    expect(idsIn(clustersDenied.snapshot, CLUSTER)).toEqual([]);
    expect(clustersDenied.snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: CLUSTER }),
      UNREPORTED_AT_REST,
    ]);
  });
});
