import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-pitr-enabled.js';

describe('dynamodb-table-pitr-enabled', () => {
  it('requires PITR on the table, and on every replica of a global table', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-table-pitr-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailGlobalTableOneReplicaWithout')?.reason).toContain(
      'replica eu-central-1',
    );
  });

  it('errs on a live table whose continuous backups could not be read', () => {
    expectResources(rule, [
      resource('AWS::DynamoDB::Table', 'PassLiveOn', {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
      resource('AWS::DynamoDB::Table', 'ErrorLiveUnreadable', {
        PointInTimeRecoverySpecification: unresolved(
          'dynamodb describe-continuous-backups --table-name t',
          'the continuous backups of this table could not be read',
        ),
      }),
      resource('AWS::DynamoDB::Table', 'FailLiveOff', {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    ]);
  });
});
