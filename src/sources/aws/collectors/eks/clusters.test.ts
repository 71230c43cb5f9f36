/**
 * The EKS collector driven through the real SDK against the local endpoint with recorded
 * responses, and the EKS rules run on what it collected: what the collector yields is what the
 * rules read.
 */
import { describe, expect, it } from 'vitest';
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
  'eks-cluster-secrets-encrypted',
  'eks-cluster-control-plane-logging-enabled',
  'eks-cluster-endpoint-not-public',
];

describe('eks/clusters', () => {
  it('maps secrets encryption and control plane logging to the shapes the rules read', async () => {
    const { snapshot } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const platform = snapshot.resources.find((r) => r.type === 'AWS::EKS::Cluster' && r.id === 'platform');
    expect(platform?.props).toMatchObject({
      EncryptionConfig: [
        {
          Resources: ['secrets'],
          Provider: { KeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        },
      ],
      Logging: {
        ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }, { Type: 'authenticator' }] },
      },
    });

    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses).toEqual({
      'eks-cluster-secrets-encrypted': { platform: 'pass', legacy: 'fail' },
      'eks-cluster-control-plane-logging-enabled': { platform: 'pass', legacy: 'fail' },
      'eks-cluster-endpoint-not-public': { platform: 'pass', legacy: 'fail' },
    });
    const legacyLogs = findings.find(
      (f) => f.ruleId === 'eks-cluster-control-plane-logging-enabled' && f.resource.id === 'legacy',
    );
    expect(legacyLogs?.reason).toContain('does not send the audit, authenticator control plane logs');
  });
});
