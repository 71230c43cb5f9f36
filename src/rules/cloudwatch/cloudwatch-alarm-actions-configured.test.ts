import { describe, expect, it } from 'vitest';
import { expectFixture, deniedListing, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-alarm-actions-configured.js';

describe('cloudwatch-alarm-actions-configured', () => {
  it('requires an enabled ALARM action, except for children of a composite alarm', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudwatch-alarm-actions-configured.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassChildByRef')).toContain('feeds composite alarm PassComposite');
    expect(reason('FailOnlyOkActions')).toContain('it has only OKActions');
  });
  it('does not fail an alarm without actions when composite alarms were not listed', () => {
    expectResources(
      rule,
      [
        resource('AWS::CloudWatch::Alarm', 'ErrorCompositesUnread', { MetricName: 'Errors' }),
        resource(
          'AWS::CloudWatch::Alarm',
          'FailCompositesRead',
          { MetricName: 'Errors' },
          { region: 'eu-west-1' },
        ),
      ],
      { coverage: [deniedListing('AWS::CloudWatch::CompositeAlarm')] },
    );
  });
});
