import { describe, expect, it } from 'vitest';
import { UNKNOWN_ACCOUNT, UNKNOWN_REGION } from '../../model/index.js';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './backup-resource-protected-by-plan.js';

const SELECTION = 'AWS::Backup::BackupSelection';
const VOLUME = 'AWS::EC2::Volume';
const TABLE = 'AWS::DynamoDB::Table';
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';

const selection = (id: string, body: Record<string, unknown>, more = {}) =>
  resource(
    SELECTION,
    id,
    { BackupPlanId: 'plan-1', BackupSelection: { SelectionName: id, IamRoleArn: ROLE, ...body } },
    more,
  );

describe('backup-resource-protected-by-plan', () => {
  it('matches selections by tag, by resource reference and with conditions, in a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/backup-resource-protected-by-plan.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassTaggedVolume')).toContain('plan DailyPlan (selection TaggedSelection)');
    expect(reason('FailUntaggedVolume')).toContain('in no AWS Backup plan');
    expect(reason('ErrorTierTagFromParameter')).toContain('tag');
    expect(reason('PassEfsOneZoneDefault')).toContain('One Zone file system (us-east-1a)');
  });

  it('matches live resources by ARN wildcard, tag conditions and exclusions, in their own account and region', () => {
    const vol = (id: string, tags: Record<string, string> = {}, more = {}) =>
      resource(VOLUME, id, {}, { arn: `arn:aws:ec2:us-east-1:123456789012:volume/${id}`, tags, ...more });
    expectResources(rule, [
      selection('all-prod-volumes', {
        Resources: ['arn:aws:ec2:*:*:volume/*'],
        Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
        NotResources: ['arn:aws:ec2:us-east-1:123456789012:volume/FailExcluded'],
      }),
      selection('like-tables', {
        Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/app', ConditionValue: 'orders-*' }] },
      }),
      vol('PassProdVolume', { env: 'prod' }),
      vol('FailDevVolume', { env: 'dev' }),
      vol('FailExcluded', { env: 'prod' }),
      vol('FailOtherAccount', { env: 'prod' }, { account: '210987654321' }),
      resource(TABLE, 'PassLikeTag', {}, { tags: { app: 'orders-api' } }),
      resource(TABLE, 'FailNoAppTag', {}),
    ]);
  });

  it('errs when a selection that would assign the resource cannot be placed in its account and region', () => {
    // Two templates before deploy: which account and region each goes to is not known.
    const undeployed = (file: string) => ({
      account: UNKNOWN_ACCOUNT,
      region: UNKNOWN_REGION,
      origin: { source: 'cloudformation' as const, file },
    });
    expectResources(rule, [
      selection(
        'tagged',
        { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] },
        undeployed('backup.yaml'),
      ),
      resource(
        TABLE,
        'ErrorTaggedInAnotherTemplate',
        {},
        { ...undeployed('tables.yaml'), tags: { backup: 'daily' } },
      ),
      resource(TABLE, 'FailUntaggedInAnotherTemplate', {}, undeployed('tables.yaml')),
    ]);
  });

  it('counts a selection without resources or tags as selecting everything', () => {
    expectResources(rule, [selection('everything', {}), resource(TABLE, 'PassAnyTable', {})]);
  });
  it('does not say no plan covers a resource when the selections of its account and region were not read', () => {
    const findings = expectResources(
      rule,
      [
        resource(VOLUME, 'ErrorSelectionsUnread', {}, { observed: { State: 'in-use' } }),
        resource(
          VOLUME,
          'FailSelectionsReadElsewhere',
          {},
          { region: 'eu-west-1', observed: { State: 'in-use' } },
        ),
      ],
      // Selections are read plan by plan: a failure there is recorded against the plans.
      { coverage: [deniedListing('AWS::Backup::BackupPlan')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorSelectionsUnread')?.reason).toContain(
      'the backup selections of its account and region were not all read (AWS::Backup::BackupPlan not collected',
    );
  });
});
