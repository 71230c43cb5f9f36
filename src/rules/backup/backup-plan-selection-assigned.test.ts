import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
import rule from './backup-plan-selection-assigned.js';

describe('backup-plan-selection-assigned', () => {
  it('finds the selections of a plan', async () => {
    await expectFixture(rule, new URL('./fixtures/backup-plan-selection-assigned.yaml', import.meta.url));
  });

  it('cannot decide when a selection names its plan through an import', () => {
    expectResources(rule, [
      resource('AWS::Backup::BackupSelection', 'imported', {
        BackupPlanId: unresolved({ 'Fn::ImportValue': 'shared-plan' }, 'exported by another stack'),
      }),
      resource('AWS::Backup::BackupPlan', 'ErrorMaybeAssigned', { BackupPlan: { BackupPlanName: 'x' } }),
    ]);
  });
  it('does not fail a plan whose selections were not read', () => {
    expectResources(
      rule,
      [
        resource('AWS::Backup::BackupPlan', 'ErrorSelectionsUnread', {
          BackupPlan: { BackupPlanName: 'daily' },
        }),
        resource(
          'AWS::Backup::BackupPlan',
          'FailSelectionsReadElsewhere',
          { BackupPlan: { BackupPlanName: 'weekly' } },
          { region: 'eu-west-1' },
        ),
      ],
      { coverage: [deniedListing('AWS::Backup::BackupSelection')] },
    );
  });
});
