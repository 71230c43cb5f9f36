import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './elasticache-cluster-automatic-backups-enabled.js';

describe('elasticache-cluster-automatic-backups-enabled', () => {
  it('passes the good state, fails the default and errs on unknown values', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elasticache-cluster-automatic-backups-enabled.yaml', import.meta.url),
    );
  });
});

describe('elasticache-cluster-automatic-backups-enabled on live nodes', () => {
  it('leaves the nodes of a replication group to the group', () => {
    expectResources(rule, [
      resource(
        'AWS::ElastiCache::CacheCluster',
        'NotApplicableGroupNode',
        { Engine: 'redis' },
        { observed: { ReplicationGroupId: 'sessions' } },
      ),
      resource('AWS::ElastiCache::ReplicationGroup', 'FailGroup', {
        Engine: 'redis',
        SnapshotRetentionLimit: 0,
      }),
      resource('AWS::ElastiCache::ReplicationGroup', 'PassGroup', {
        Engine: 'redis',
        SnapshotRetentionLimit: 5,
      }),
    ]);
  });
});
