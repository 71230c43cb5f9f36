/**
 * The Redshift collector driven through the real SDK against the local endpoint with recorded
 * responses, and the Redshift rules run on what it collected: what the collector yields is what the
 * rules read.
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { clusters } from './clusters.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [clusters],
  now: NOW,
});

const RULES = [
  'redshift-cluster-cross-region-snapshot-copy-enabled',
  'redshift-cluster-audit-logging-enabled',
];

/** Rule id → resource id → status (and the reasons, for assertions on them). */
function run(snapshot: Snapshot) {
  return statusesByRule(snapshot, RULES, NOW);
}

const cluster = (snapshot: Snapshot, id: string) =>
  snapshot.resources.find((r) => r.type === 'AWS::Redshift::Cluster' && r.id === id)!;

describe('redshift/clusters', () => {
  it('maps cross-region snapshot copy and the logging status the rules read', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    expect(cluster(snapshot, 'analytics-dw').props).toMatchObject({
      DestinationRegion: 'us-west-2',
      SnapshotCopyRetentionPeriod: 7,
      SnapshotCopyGrantName: 'dr-grant',
      LoggingProperties: {
        BucketName: 'example-redshift-audit',
        S3KeyPrefix: 'analytics/',
        LogDestinationType: 's3',
        LogExports: ['connectionlog', 'userlog', 'useractivitylog'],
      },
    });
    expect(cluster(snapshot, 'analytics-dw').observed).toMatchObject({ LoggingEnabled: true });
    // No ClusterSnapshotCopyStatus: the copy is off; logging off leaves LoggingProperties absent.
    const finance = cluster(snapshot, 'finance-dw');
    expect(finance.props.DestinationRegion).toBeUndefined();
    expect(finance.props.LoggingProperties).toBeUndefined();
    expect(finance.observed).toMatchObject({ LoggingEnabled: false });
    expect(cluster(snapshot, 'reports-dw').props.LoggingProperties).toMatchObject({
      LogDestinationType: 'cloudwatch',
    });
    // One logging status per cluster.
    const calls = endpoint.log.filter((l) => l.operation === 'DescribeLoggingStatus');
    expect(calls.map((l) => l.params.ClusterIdentifier).sort()).toEqual([
      'analytics-dw',
      'finance-dw',
      'reports-dw',
    ]);

    const { statuses, findings } = run(snapshot);
    expect(statuses).toEqual({
      'redshift-cluster-cross-region-snapshot-copy-enabled': {
        'analytics-dw': 'pass',
        'finance-dw': 'fail',
        'reports-dw': 'fail',
      },
      'redshift-cluster-audit-logging-enabled': {
        'analytics-dw': 'pass',
        'finance-dw': 'fail',
        'reports-dw': 'pass',
      },
    });
    const copy = findings.find(
      (f) =>
        f.ruleId === 'redshift-cluster-cross-region-snapshot-copy-enabled' &&
        f.resource.id === 'analytics-dw',
    );
    expect(copy?.reason).toContain('us-west-2 and keeps them 7 days');
  });

  it('a denied DescribeLoggingStatus is a gap naming the cluster, and the logging rule errs', async () => {
    const { snapshot } = await collect({ deny: ['redshift:DescribeLoggingStatus'] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: 'AWS::Redshift::Cluster',
        resourceId: 'finance-dw',
      }),
    );
    expect(cluster(snapshot, 'finance-dw').props.LoggingProperties).toMatchObject({ $unresolved: true });
    const { statuses, findings } = run(snapshot);
    expect(statuses['redshift-cluster-audit-logging-enabled']).toEqual({
      'analytics-dw': 'error',
      'finance-dw': 'error',
      'reports-dw': 'error',
    });
    // The snapshot copy comes with DescribeClusters, which succeeded.
    expect(statuses['redshift-cluster-cross-region-snapshot-copy-enabled']?.['analytics-dw']).toBe('pass');
    expect(findings.find((f) => f.ruleId === 'redshift-cluster-audit-logging-enabled')?.reason).toMatch(
      /logging status of this cluster could not be read/,
    );
  });
});
