import { DescribeLogGroupsCommand, GetDataProtectionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { detailOf, policyDocument, str } from '../helpers.js';

const LOG_GROUP = 'AWS::Logs::LogGroup';

/**
 * The log group's ARN as CloudFormation's `Fn::GetAtt Arn` and the tagging APIs write it, without the
 * trailing `:*` of DescribeLogGroups' `arn` (that form is for IAM policies). `logGroupArn` is already
 * without it; older answers carry only `arn`.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
 */
function arnOf(group: Json): string | undefined {
  return str(group.logGroupArn) ?? str(group.arn)?.replace(/:\*$/, '');
}

/** Epoch milliseconds (CloudWatch Logs' timestamps are numbers, not dates) as an ISO string. */
function isoOf(millis: unknown): string | undefined {
  return typeof millis === 'number' && Number.isFinite(millis) ? new Date(millis).toISOString() : undefined;
}

/**
 * `DataProtectionPolicy` as CloudFormation has it (the policy document as an object). Only a group
 * whose `dataProtectionStatus` is `ACTIVATED` has a policy now (`DELETED`, `ARCHIVED` and `DISABLED`
 * say it had one), so only those are asked for it; a policy that could not be read is unknown.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetDataProtectionPolicy.html
 */
function dataProtectionPolicy(group: Json, name: string): unknown {
  if (group.dataProtectionStatus !== 'ACTIVATED') return undefined;
  const policy = detailOf(group, 'dataProtection');
  if (policy === undefined) {
    return unresolved(
      `logs get-data-protection-policy --log-group-identifier ${name}`,
      'the data protection policy of this log group could not be read',
    );
  }
  return policy === null ? undefined : policyDocument(policy.policyDocument);
}

/**
 * `logs describe-log-groups` (+ `get-data-protection-policy` for a group with an active policy) →
 * `AWS::Logs::LogGroup` with CloudFormation's `LogGroupName`, `RetentionInDays` (absent: the events
 * never expire), `KmsKeyId` (absent: encrypted with a key CloudWatch Logs owns), `LogGroupClass`,
 * `DeletionProtectionEnabled` and `DataProtectionPolicy`; size, creation time and the metric filter
 * count in `observed`. The id is the name, as `Ref` gives it and as metric filters and CloudTrail's
 * `CloudWatchLogsLogGroupArn` (`…:log-group:<name>:*`) name the group. When an account-level
 * retention policy applies, `retentionInDays` is that policy's and `observed.RetentionPolicyName`
 * names it.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
 */
export const logGroups: Collector = {
  id: 'logs/log-groups',
  service: 'logs',
  resourceTypes: [LOG_GROUP],
  list: [
    {
      command: DescribeLogGroupsCommand,
      action: 'logs:DescribeLogGroups',
      items: ['logGroups'],
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['limit', 50] },
    },
  ],
  details: [
    {
      name: 'dataProtection',
      command: GetDataProtectionPolicyCommand,
      action: 'logs:GetDataProtectionPolicy',
      input: (group) =>
        group.dataProtectionStatus === 'ACTIVATED' && typeof group.logGroupName === 'string'
          ? { logGroupIdentifier: group.logGroupName }
          : undefined,
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.logGroups ?? []).flatMap((group): ResourceDraft[] => {
        const name = str(group.logGroupName);
        if (!name) return [];
        const props: Json = {
          LogGroupName: name,
          RetentionInDays: typeof group.retentionInDays === 'number' ? group.retentionInDays : undefined,
          KmsKeyId: str(group.kmsKeyId),
          LogGroupClass: str(group.logGroupClass),
          DeletionProtectionEnabled:
            typeof group.deletionProtectionEnabled === 'boolean'
              ? group.deletionProtectionEnabled
              : undefined,
          DataProtectionPolicy: dataProtectionPolicy(group, name),
        };
        return [
          {
            type: LOG_GROUP,
            id: name,
            arn: arnOf(group),
            name,
            props,
            observed: {
              CreationTime: isoOf(group.creationTime),
              StoredBytes: group.storedBytes,
              MetricFilterCount: group.metricFilterCount,
              DataProtectionStatus: group.dataProtectionStatus,
              InheritedProperties: group.inheritedProperties,
              RetentionPolicyName: group.retentionPolicyName,
            },
          },
        ];
      }),
  },
};
