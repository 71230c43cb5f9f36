import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-cloudwatch-logs-enabled.js';

const TRAIL = 'AWS::CloudTrail::Trail';
const integrated = {
  IsLogging: true,
  CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:trail:*',
  CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/cloudtrail-to-logs',
};

describe('cloudtrail-trail-cloudwatch-logs-enabled', () => {
  it('requires a log group and the role CloudTrail writes with', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-cloudwatch-logs-enabled.yaml', import.meta.url),
    );
  });

  it('reads the live delivery status: stale or failing delivery fails', () => {
    const findings = expectResources(rule, [
      resource(TRAIL, 'PassRecentDelivery', integrated, {
        observed: { LatestCloudWatchLogsDeliveryTime: '2026-06-01T11:55:00Z' },
      }),
      resource(TRAIL, 'FailStaleDelivery', integrated, {
        observed: { LatestCloudWatchLogsDeliveryTime: '2026-05-20T00:00:00Z' },
      }),
      resource(TRAIL, 'FailDeliveryError', integrated, {
        observed: { LatestCloudWatchLogsDeliveryError: 'AccessDeniedException' },
      }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailStaleDelivery')?.reason).toContain('300 hours ago');
  });
});
