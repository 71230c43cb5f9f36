import { describe, expect, it } from 'vitest';
import { unresolved, UNKNOWN_REGION } from '../../model/index.js';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-cross-region-recovery-enabled.js';

describe('dynamodb-table-cross-region-recovery-enabled', () => {
  it('accepts a replica in another region or a backup copied to another region', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-table-cross-region-recovery-enabled.yaml', import.meta.url),
      { deployed: true },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassBackupCopiedToDr')).toContain('copies to ap-southeast-1');
    expect(reason('FailBackupOnlyLocal')).toContain('keeps copies only in its own region');
  });

  it('reads the replicas of a live global table', () => {
    expectResources(rule, [
      resource(
        'AWS::DynamoDB::Table',
        'PassLiveReplica',
        {},
        {
          observed: { Replicas: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] },
        },
      ),
      resource('AWS::DynamoDB::Table', 'FailLiveSingleRegion', {}, { observed: { TableStatus: 'ACTIVE' } }),
    ]);
  });

  it('reads the replicas a Terraform table declares (replica blocks)', () => {
    const terraform = { origin: { source: 'terraform' as const } };
    expectResources(rule, [
      resource(
        'AWS::DynamoDB::Table',
        'PassDeclaredReplica',
        { Replicas: [{ RegionName: 'eu-west-1' }] },
        terraform,
      ),
      // The provider region is not known: a replica block is still in another region than the table.
      resource(
        'AWS::DynamoDB::Table',
        'PassDeclaredReplicaRegionUnknown',
        { Replicas: [{ RegionName: 'eu-west-1' }] },
        { ...terraform, region: UNKNOWN_REGION },
      ),
      resource(
        'AWS::DynamoDB::Table',
        'ErrorReplicaRegionUnknown',
        { Replicas: [{ RegionName: unresolved('var.dr_region', 'known after apply') }] },
        terraform,
      ),
    ]);
  });
  it('does not say no plan copies a table when the backup selections were not read', () => {
    expectResources(
      rule,
      [
        resource(
          'AWS::DynamoDB::Table',
          'ErrorSelectionsUnread',
          {},
          { observed: { TableStatus: 'ACTIVE' } },
        ),
        resource(
          'AWS::DynamoDB::Table',
          'FailSelectionsReadElsewhere',
          {},
          { region: 'eu-west-1', observed: { TableStatus: 'ACTIVE' } },
        ),
      ],
      { coverage: [deniedListing('AWS::Backup::BackupSelection')] },
    );
  });
});
