import { z } from 'zod';
import { follow, LOG_GROUP, logGroupName } from '../cloudwatch/references.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import { logging, TRAIL } from './trails.js';

const HOUR_MS = 3_600_000;

/**
 * Compliant: the trail delivers its events to a CloudWatch Logs log group
 * (`CloudWatchLogsLogGroupArn` with the `CloudWatchLogsRoleArn` CloudTrail assumes to write), and,
 * where the snapshot has the trail's status, the last delivery is recent and did not fail. A live
 * trail whose status could not be read is an error.
 */
export default defineRule({
  id: 'cloudtrail-trail-cloudwatch-logs-enabled',
  title: 'CloudTrail trail delivers its events to CloudWatch Logs',
  category: 'compliance',
  severity: 'low',
  resourceTypes: [TRAIL],
  rationale:
    'Events in S3 are for investigations after the fact; events in CloudWatch Logs can be searched at once and feed the metric filters and alarms that raise root logins, IAM policy changes or disabled trails within minutes (the CIS monitoring controls). A trail whose delivery role lost its permissions stops sending silently, which only the trail status shows.',
  remediation: {
    text: 'Create a log group and a role that CloudTrail can assume to write to it, and set both on the trail; check the trail status for delivery errors afterwards.',
    cli: 'aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>\naws cloudtrail get-trail-status --name <trail>',
    cloudformation:
      'CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn\nCloudWatchLogsRoleArn: !GetAtt CloudTrailToLogsRole.Arn',
    terraform:
      'resource "aws_cloudtrail" "this" {\n  # ...\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.cloudtrail_to_logs.arn\n}',
  },
  controls: ['aws-fsbp:CloudTrail.5'],
  params: z.object({
    maxDeliveryAgeHours: z
      .number()
      .positive()
      .default(24)
      .describe('Oldest acceptable last delivery to CloudWatch Logs, in hours (live trail status only).'),
  }),
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html',
  ],
  evaluate(trail, ctx) {
    const who = `CloudTrail trail ${label(trail)}`;
    // A GetAtt / Ref to a log group or role of the same template counts as set.
    const group = follow(
      trail.props.CloudWatchLogsLogGroupArn,
      'CloudWatchLogsLogGroupArn',
      LOG_GROUP,
      ctx.graph,
      trail,
      logGroupName,
    );
    if (group.kind === 'unknown') return error(`${who}: ${group.reason}.`);
    if (group.kind === 'malformed')
      return error(`${who} has a CloudWatchLogsLogGroupArn that is not an ARN.`);
    if (group.kind === 'absent') {
      return fail(`${who} does not deliver its events to CloudWatch Logs (no CloudWatchLogsLogGroupArn).`);
    }
    const role = follow(
      trail.props.CloudWatchLogsRoleArn,
      'CloudWatchLogsRoleArn',
      'AWS::IAM::Role',
      ctx.graph,
      trail,
    );
    if (role.kind === 'unknown') return error(`${who}: ${role.reason}.`);
    if (role.kind === 'absent') {
      return fail(`${who} names a log group but no CloudWatchLogsRoleArn, so CloudTrail cannot write to it.`);
    }
    const where = group.kind === 'found' ? label(group.resource) : logGroupName(group.ref);
    // A live trail whose GetTrailStatus was not read: its delivery may be failing.
    const on = logging(trail);
    if (!on.known) return error(`${who} delivers to log group ${where}, but ${on.reason}.`);
    const status = trail.observed;
    const lastError = status?.LatestCloudWatchLogsDeliveryError;
    if (typeof lastError === 'string' && lastError !== '') {
      return fail(`${who} fails to deliver to CloudWatch Logs: ${lastError}.`);
    }
    const last = status?.LatestCloudWatchLogsDeliveryTime;
    if (typeof last === 'string' || last instanceof Date) {
      const ageHours = (ctx.now.getTime() - new Date(last).getTime()) / HOUR_MS;
      if (Number.isFinite(ageHours) && ageHours > ctx.params.maxDeliveryAgeHours) {
        return fail(
          `${who} last delivered to CloudWatch Logs ${Math.floor(ageHours)} hours ago (more than ${ctx.params.maxDeliveryAgeHours}).`,
        );
      }
    }
    return pass(() => `${who} delivers its events to CloudWatch Logs log group ${where}.`);
  },
});
