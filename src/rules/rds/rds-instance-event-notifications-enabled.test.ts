import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { unresolved, UNKNOWN_ACCOUNT, UNKNOWN_REGION } from '../../model/index.js';
import rule from './rds-instance-event-notifications-enabled.js';

const DB = 'AWS::RDS::DBInstance';
const SUB = 'AWS::RDS::EventSubscription';

describe('rds-instance-event-notifications-enabled', () => {
  it('finds the subscription that names the instance and checks its categories', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-event-notifications-enabled.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailBackupCategoryMissing')).toContain('not for event categories backup');
    expect(reason('ErrorCategoriesFromParameter')).toContain('EventCategories is not known');
  });

  it('counts a subscription without SourceIds or categories as covering every instance', () => {
    expectResources(rule, [
      resource(SUB, 'all-dbs', {
        SnsTopicArn: 'arn:aws:sns:us-east-1:123456789012:db',
        SourceType: 'db-instance',
      }),
      resource(DB, 'PassAnyInstance', { Engine: 'mysql' }),
      resource(DB, 'FailOtherRegion', { Engine: 'mysql' }, { region: 'eu-west-1' }),
    ]);
  });

  it('cannot decide when a subscription names an instance the template leaves open', () => {
    expectResources(rule, [
      resource(SUB, 'external', {
        SnsTopicArn: 'arn:aws:sns:us-east-1:123456789012:db',
        SourceType: 'db-instance',
        SourceIds: [unresolved({ Ref: 'DbId' }, 'parameter DbId has no Default')],
      }),
      resource(DB, 'ErrorMaybeNamed', { Engine: 'mysql' }),
    ]);
  });

  it('fails an instance when no subscription exists, and a catch-all in a template covers its instances', async () => {
    expectResources(rule, [resource(DB, 'FailNoSubscription', { Engine: 'mysql' })]);
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-event-notifications-enabled-all.yaml', import.meta.url),
      {
        deployed: true,
        resources: [resource(DB, 'FailLiveInstanceElsewhere', { Engine: 'mysql' }, { region: 'eu-west-1' })],
      },
    );
    expect(findings.find((f) => f.resource.id === 'FailLiveInstanceElsewhere')?.reason).toContain(
      'no enabled RDS event subscription',
    );
  });

  it('errs when a catch-all subscription of a template not placed in an account may cover a live instance', () => {
    const findings = expectResources(rule, [
      resource(
        SUB,
        'AllInstances',
        { SnsTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops', SourceType: 'db-instance' },
        {
          account: UNKNOWN_ACCOUNT,
          region: UNKNOWN_REGION,
          origin: { source: 'cloudformation', file: 'ops.yaml', logicalId: 'AllInstances' },
        },
      ),
      resource(DB, 'ErrorLiveInstanceTemplateNotPlaced', { Engine: 'mysql' }),
    ]);
    expect(findings[0]?.reason).toContain('cannot be compared');
  });
  it('does not fail an instance when the event subscriptions of its account and region were not listed', () => {
    const findings = expectResources(
      rule,
      [
        resource(DB, 'ErrorSubscriptionsUnread', { Engine: 'mysql' }),
        resource(DB, 'FailSubscriptionsReadElsewhere', { Engine: 'mysql' }, { region: 'eu-west-1' }),
      ],
      { coverage: [deniedListing(SUB)] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorSubscriptionsUnread')?.reason).toContain(
      'whether an RDS event subscription sends its events is not known',
    );
  });

  it('does not count a subscription that can no longer publish to its topic', () => {
    const findings = expectResources(rule, [
      resource(
        SUB,
        'lost-permission',
        { SnsTopicArn: 'arn:aws:sns:us-east-1:123456789012:db', SourceType: 'db-instance' },
        { observed: { Status: 'no-permission' } },
      ),
      resource(
        SUB,
        'topic-deleted',
        { SnsTopicArn: 'arn:aws:sns:us-east-1:123456789012:gone', SourceType: 'db-instance' },
        { observed: { Status: 'topic-not-exist' } },
      ),
      resource(DB, 'FailSubscriptionsNotDelivering', { Engine: 'mysql' }),
    ]);
    expect(findings[0]?.reason).toContain('event subscription lost-permission is no-permission');
    expect(findings[0]?.reason).toContain('topic-deleted is topic-not-exist');
  });

  it('counts an active subscription', () => {
    expectResources(rule, [
      resource(
        SUB,
        'working',
        { SnsTopicArn: 'arn:aws:sns:us-east-1:123456789012:db', SourceType: 'db-instance' },
        { observed: { Status: 'active' } },
      ),
      resource(DB, 'PassActiveSubscription', { Engine: 'mysql' }),
    ]);
  });
});
