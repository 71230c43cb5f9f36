import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-instance-status-check-alarm-present.js';

const INSTANCE = 'AWS::EC2::Instance';

describe('cloudwatch-instance-status-check-alarm-present', () => {
  it('needs a status-check alarm that recovers or reboots the instance', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-instance-status-check-alarm-present.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassRecoveredBySystemCheckAlarm')).toContain('which recovers it');
    expect(reason('FailAlarmOnlyNotifies')).toContain('none recovers or reboots it');
    expect(reason('FailNoAlarmAndAutoRecoveryOff')).toContain('simplified automatic recovery is disabled');
  });

  it('leaves out Auto Scaling members and instances that are not running', () => {
    expectResources(rule, [
      resource(INSTANCE, 'NotApplicableAsgMember', {}, { tags: { 'aws:autoscaling:groupName': 'web' } }),
      resource(INSTANCE, 'NotApplicableStopped', {}, { observed: { State: 'stopped' } }),
      resource(INSTANCE, 'FailRunningWithoutAlarm', {}, { observed: { State: 'running' } }),
    ]);
  });
  it('does not fail an instance when the alarms of its account and region were not listed', () => {
    expectResources(
      rule,
      [
        resource(INSTANCE, 'ErrorAlarmsUnread', {}, { observed: { State: 'running' } }),
        resource(
          INSTANCE,
          'FailAlarmsReadElsewhere',
          {},
          { observed: { State: 'running' }, region: 'eu-west-1' },
        ),
      ],
      { coverage: [deniedListing('AWS::CloudWatch::Alarm')] },
    );
  });
});
