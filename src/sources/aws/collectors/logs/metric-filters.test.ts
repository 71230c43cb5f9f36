/**
 * The CloudWatch Logs metric filter collector driven through the real SDK against the local endpoint
 * with recorded responses, then the CIS monitoring chain on a recorded account: trail → its log group
 * → a metric filter with the CIS 4.3 pattern → an alarm on the filter's metric → the alarm's topic,
 * collected together with the CloudTrail and CloudWatch alarm collectors.
 */
import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { resource, statusesByRule } from '../../../../../test/rule-fixtures.js';
import { trails } from '../cloudtrail/trails.js';
import { alarms } from '../cloudwatch/alarms.js';
import { logGroups } from './log-groups.js';
import { metricFilters } from './metric-filters.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const RECORDED = new URL('./recorded', import.meta.url);
const collect = useRecordedCollection({ recorded: RECORDED, collectors: [metricFilters], now: NOW });
/** The whole chain, as a live collection reads it. */
const collectChain = useRecordedCollection({
  recorded: RECORDED,
  collectors: [trails, alarms, logGroups, metricFilters],
  now: NOW,
});
/** The same account as it was read before CloudWatch Logs was collected. */
const collectWithoutLogs = useRecordedCollection({
  recorded: RECORDED,
  collectors: [trails, alarms],
  now: NOW,
});

const METRIC_FILTER = 'AWS::Logs::MetricFilter';
const TRAIL_GROUP = 'aws-cloudtrail-logs-org-audit';
const ROOT_USAGE = `${TRAIL_GROUP}|RootAccountUsage`;
const ERRORS = 'payments-app|Errors';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:security-alerts';
const RULE = 'cloudwatch-trail-root-usage-monitored';

const filter = (snapshot: Snapshot, id: string): Resource =>
  snapshot.resources.find((r) => r.type === METRIC_FILTER && r.id === id)!;

function judge(snapshot: Snapshot, rules: string[] = [RULE]) {
  const { statuses, findings } = statusesByRule(snapshot, rules, NOW);
  const reason = (rule: string) => findings.find((f) => f.ruleId === rule)?.reason ?? '';
  return { statuses, reason };
}

describe('logs/metric-filters', () => {
  it('lists every filter of the region page by page, without naming a log group', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'DescribeMetricFilters');
    expect(lists).toHaveLength(2);
    expect(lists[0]!.params).toEqual({ limit: 50 });
    expect(lists[1]!.params).toEqual({ limit: 50, nextToken: expect.any(String) });
    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([ERRORS, ROOT_USAGE].sort());
  });

  it('maps each filter to CloudFormation’s properties, the dimensions map as a list of Key and Value', async () => {
    const { snapshot } = await collect();
    const root = filter(snapshot, ROOT_USAGE);
    expect(root).toMatchObject({ name: 'RootAccountUsage', region: 'us-east-1', account: '111122223333' });
    expect(root.props).toEqual({
      FilterName: 'RootAccountUsage',
      LogGroupName: TRAIL_GROUP,
      FilterPattern:
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      MetricTransformations: [
        { MetricName: 'RootAccountUsageCount', MetricNamespace: 'CISBenchmark', MetricValue: '1' },
      ],
    });
    expect(root.observed).toEqual({ CreationTime: '2023-11-14T22:18:20.000Z' });
    expect(filter(snapshot, ERRORS).props).toEqual({
      FilterName: 'Errors',
      LogGroupName: 'payments-app',
      FilterPattern: '{ $.level = "ERROR" }',
      MetricTransformations: [
        {
          MetricName: 'PaymentsErrors',
          MetricNamespace: 'Payments',
          MetricValue: '1',
          DefaultValue: 0,
          Dimensions: [{ Key: 'Service', Value: '$.service' }],
          Unit: 'Count',
        },
      ],
      ApplyOnTransformedLogs: false,
    });
  });

  it('records a gap for metric filters alone when their listing is denied', async () => {
    const { snapshot } = await collectChain({ deny: ['logs:DescribeMetricFilters'] });
    expect(snapshot.resources.filter((r) => r.type === METRIC_FILTER)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: METRIC_FILTER,
        account: '111122223333',
        region: 'us-east-1',
      }),
    ]);
    expect(snapshot.resources.some((r) => r.type === 'AWS::Logs::LogGroup')).toBe(true);
    // The CIS rule cannot conclude from filters it never saw.
    const { statuses, reason } = judge(snapshot);
    expect(statuses[RULE]).toEqual({ 'org-audit': 'error' });
    expect(reason(RULE)).toContain(
      `the metric filters of log group ${TRAIL_GROUP} of trail org-audit were not read (AWS::Logs::MetricFilter not collected in 111122223333 us-east-1`,
    );
  });
});

describe('CIS 4.3 on a live account: trail → log group → metric filter → alarm', () => {
  it('failed for want of a metric filter before CloudWatch Logs was collected', async () => {
    const { snapshot } = await collectWithoutLogs();
    const { statuses, reason } = judge(snapshot);
    expect(statuses[RULE]).toEqual({ 'org-audit': 'fail' });
    expect(reason(RULE)).toContain(`log group ${TRAIL_GROUP} of trail org-audit has no metric filters`);
  });

  it('follows the collected filter to the alarm, and stops at the topic, whose subscribers are not collected', async () => {
    const { snapshot } = await collectChain();
    expect(snapshot.coverage).toEqual([]);
    const { statuses, reason } = judge(snapshot, [RULE, 'cloudtrail-trail-cloudwatch-logs-enabled']);
    // The trail's `CloudWatchLogsLogGroupArn` (`…:log-group:<name>:*`) finds the collected group.
    expect(statuses['cloudtrail-trail-cloudwatch-logs-enabled']).toEqual({ 'org-audit': 'pass' });
    expect(reason('cloudtrail-trail-cloudwatch-logs-enabled')).toContain(`log group ${TRAIL_GROUP}`);
    // SNS topics are not collected yet: the chain reaches the alarm's topic and cannot see its subscribers.
    expect(statuses[RULE]).toEqual({ 'org-audit': 'error' });
    expect(reason(RULE)).toContain(
      `alarm cis-root-account-usage notifies topic ${TOPIC}, which is not in the snapshot, so its subscribers cannot be checked`,
    );
    expect(reason(RULE)).not.toContain('no metric filter');
  });

  it('passes once the topic is known to have a confirmed subscription', async () => {
    const { snapshot } = await collectChain();
    // The topic as GetTopicAttributes describes it (`SubscriptionsConfirmed`).
    const topic = resource(
      'AWS::SNS::Topic',
      TOPIC,
      {},
      {
        account: '111122223333',
        region: 'us-east-1',
        arn: TOPIC,
        name: 'security-alerts',
        observed: { SubscriptionsConfirmed: 1 },
      },
    );
    const { statuses, reason } = judge({ ...snapshot, resources: [...snapshot.resources, topic] });
    expect(statuses[RULE]).toEqual({ 'org-audit': 'pass' });
    expect(reason(RULE)).toContain(
      `metric filter ${ROOT_USAGE} (RootAccountUsage) → alarm cis-root-account-usage → SNS topic`,
    );
  });
});
