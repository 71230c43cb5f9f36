import { describe, expect, it } from 'vitest';
import { UNKNOWN_ACCOUNT, UNKNOWN_REGION, type Resource } from '../../model/index.js';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import { eventNames, patternShortfall, patternTerms } from './cis-monitoring.js';
import rootUsage from './cloudwatch-trail-root-usage-monitored.js';
import unauthorized from './cloudwatch-trail-unauthorized-api-calls-monitored.js';

const UNAUTHORIZED = [
  { field: 'errorCode', op: '=', value: '*UnauthorizedOperation' },
  { field: 'errorCode', op: '=', value: 'AccessDenied*' },
];

describe('filter pattern terms', () => {
  it('splits the CIS 4.1 pattern into its terms, with the operators between them', () => {
    const terms = patternTerms(
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}',
    );
    expect(terms).toEqual([
      { field: 'errorCode', op: '=', value: '*UnauthorizedOperation' },
      { field: 'errorCode', op: '=', value: 'AccessDenied*', joinedBy: '||' },
      { field: 'sourceIPAddress', op: '!=', value: 'delivery.logs.amazonaws.com', joinedBy: '&&' },
      { field: 'eventName', op: '!=', value: 'HeadBucket', joinedBy: '&&' },
    ]);
  });

  it('reads NOT EXISTS / IS NULL conditions and escaped quotes', () => {
    expect(patternTerms('{ $.userIdentity.invokedBy NOT  EXISTS && $.a = "say \\"hi\\"" }')).toEqual([
      { field: 'userIdentity.invokedBy', op: 'NOT EXISTS' },
      { field: 'a', op: '=', value: 'say "hi"', joinedBy: '&&' },
    ]);
  });

  it('accepts the same conditions however they are spaced, quoted or bracketed', () => {
    for (const pattern of [
      '{ $.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*" }',
      '{($.errorCode=*UnauthorizedOperation)||($.errorCode=AccessDenied*)}',
      '{$.errorCode=*UnauthorizedOperation || $.errorCode=AccessDenied*}',
      '{\n  ($.errorCode = "*UnauthorizedOperation") ||\n  ($.errorCode = "AccessDenied*")\n}',
    ]) {
      expect(patternShortfall(pattern, UNAUTHORIZED), pattern).toEqual([]);
    }
  });

  it('names what is missing: an exact AccessDenied misses AccessDeniedException', () => {
    expect(
      patternShortfall(
        '{($.errorCode="UnauthorizedOperation") || ($.errorCode="AccessDenied")}',
        UNAUTHORIZED,
      ),
    ).toEqual(['it lacks $.errorCode = "*UnauthorizedOperation", $.errorCode = "AccessDenied*"']);
  });

  it('rejects event names joined by &&, which no single event satisfies', () => {
    const problems = patternShortfall(
      '{($.eventName=CreateTrail) && ($.eventName=DeleteTrail)}',
      eventNames('CreateTrail', 'DeleteTrail'),
    );
    expect(problems).toEqual([
      'it joins $.eventName = "CreateTrail" and $.eventName = "DeleteTrail" with &&, which no event satisfies',
    ]);
  });

  it('rejects the control’s alternatives joined by &&, whichever field they test', () => {
    expect(
      patternShortfall(
        '{($.errorCode="*UnauthorizedOperation") && ($.errorCode="AccessDenied*")}',
        UNAUTHORIZED,
      ),
    ).toEqual([
      'it joins $.errorCode = "*UnauthorizedOperation" and $.errorCode = "AccessDenied*" with &&, which no event satisfies',
    ]);
    // Parentheses decide what holds together, not neighbourhood.
    expect(
      patternShortfall(
        '{ ($.eventName = CreateTrail || $.eventName = UpdateTrail) && ($.eventName = DeleteTrail) }',
        eventNames('CreateTrail', 'UpdateTrail', 'DeleteTrail'),
      ),
    ).toEqual([
      'it joins $.eventName = "CreateTrail" and $.eventName = "DeleteTrail" with &&, which no event satisfies',
      'it joins $.eventName = "UpdateTrail" and $.eventName = "DeleteTrail" with &&, which no event satisfies',
    ]);
    // Extra conditions that narrow the alternatives together are fine, and so is CIS's own pattern.
    expect(
      patternShortfall(
        '{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && ($.sourceIPAddress!="delivery.logs.amazonaws.com")}',
        UNAUTHORIZED,
      ),
    ).toEqual([]);
    // Two wildcard values that are not alternatives of the control can match one event.
    expect(
      patternShortfall(
        '{$.eventSource = kms* && $.eventSource = *.amazonaws.com && $.eventName = DisableKey}',
        [{ field: 'eventName', op: '=', value: 'DisableKey' }],
      ),
    ).toEqual([]);
  });

  it('does not take a negated event name for the event', () => {
    expect(patternShortfall('{$.eventName != "StopLogging"}', eventNames('StopLogging'))).toEqual([
      'it lacks $.eventName = "StopLogging"',
    ]);
  });

  it('rejects text patterns', () => {
    expect(patternShortfall('ERROR AccessDenied', UNAUTHORIZED)).toEqual([
      'it is not a JSON filter pattern (no $.field conditions)',
    ]);
  });
});

const TRAIL = 'AWS::CloudTrail::Trail';
const MANAGEMENT = '111122223333';
const MEMBER = '444455556666';
const ROOT_PATTERN =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';

/** The monitoring chain of one account: trail → log group → filter → alarm → topic (ids prefixed by `p`). */
function chain(
  p: string,
  account: string,
  alarm: Record<string, unknown>,
  topic: Record<string, unknown> = {},
) {
  const topicArn = `arn:aws:sns:us-east-1:${account}:${p}-alerts`;
  return [
    resource('AWS::Logs::LogGroup', `${p}-group`, { LogGroupName: `${p}-group` }, { account }),
    resource(
      'AWS::Logs::MetricFilter',
      `${p}-filter`,
      {
        LogGroupName: `${p}-group`,
        FilterPattern: ROOT_PATTERN,
        MetricTransformations: [{ MetricName: `${p}Root`, MetricNamespace: 'CIS', MetricValue: '1' }],
      },
      { account },
    ),
    resource('AWS::CloudWatch::Alarm', `${p}-alarm`, { AlarmActions: [topicArn], ...alarm }, { account }),
    resource('AWS::SNS::Topic', topicArn, topic, { account, arn: topicArn }),
  ];
}
const trailTo = (id: string, account: string, group: string, more: Record<string, unknown> = {}) =>
  resource(
    TRAIL,
    id,
    {
      IsLogging: true,
      IsMultiRegionTrail: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:${group}:*`,
      ...more,
    },
    { account },
  );
const single = (name: string) => ({ MetricName: name, Namespace: 'CIS' });

describe('CIS monitoring rules', () => {
  it('let the organisation trail carry the monitoring of its member accounts', () => {
    const findings = expectResources(rootUsage, [
      resource('AWS::Organizations::Account', MEMBER, {}, { account: MANAGEMENT, region: 'global' }),
      trailTo('PassOrgTrail', MANAGEMENT, 'org-group', { IsOrganizationTrail: true }),
      ...chain('org', MANAGEMENT, single('orgRoot'), {
        Subscription: [{ Protocol: 'email', Endpoint: 'a@b.c' }],
      }),
      trailTo('PassMemberTrailCoveredByOrgTrail', MEMBER, 'member-group'),
    ]);
    expect(findings.find((f) => f.resource.id === 'PassMemberTrailCoveredByOrgTrail')?.reason).toContain(
      'through trail PassOrgTrail',
    );
  });

  it('follow metric-math alarms and count standalone or confirmed subscriptions', () => {
    expectResources(rootUsage, [
      trailTo('PassMetricMathAlarm', '210000000001', 'a-group'),
      ...chain(
        'a',
        '210000000001',
        {
          Metrics: [
            {
              Id: 'm1',
              MetricStat: { Metric: { MetricName: 'aRoot', Namespace: 'CIS' }, Stat: 'Sum', Period: 300 },
            },
          ],
        },
        { Subscription: [{ Protocol: 'email', Endpoint: 'a@b.c' }] },
      ),
      trailTo('PassStandaloneSubscription', '210000000002', 'b-group'),
      ...chain('b', '210000000002', single('bRoot')),
      resource(
        'AWS::SNS::Subscription',
        'b-sub',
        {
          TopicArn: 'arn:aws:sns:us-east-1:210000000002:b-alerts',
          Protocol: 'email',
          Endpoint: 'a@b.c',
        },
        { account: '210000000002' },
      ),
      trailTo('PassConfirmedLiveSubscription', '210000000003', 'c-group'),
      ...chain('c', '210000000003', single('cRoot')).map((r) =>
        r.type === 'AWS::SNS::Topic' ? { ...r, observed: { SubscriptionsConfirmed: '2' } } : r,
      ),
    ]);
  });

  it('fail disabled actions and cannot check a topic outside the snapshot', () => {
    const findings = expectResources(rootUsage, [
      trailTo('FailActionsDisabled', '210000000004', 'd-group'),
      ...chain(
        'd',
        '210000000004',
        { ...single('dRoot'), ActionsEnabled: false },
        { Subscription: [{ Endpoint: 'x' }] },
      ),
      trailTo('ErrorTopicElsewhere', '210000000005', 'e-group'),
      ...chain('e', '210000000005', single('eRoot')).filter((r) => r.type !== 'AWS::SNS::Topic'),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailActionsDisabled')).toContain('actions disabled');
    expect(reason('ErrorTopicElsewhere')).toContain('not in the snapshot');
  });

  it('judge each control by its own conditions', () => {
    const findings = expectResources(unauthorized, [
      trailTo('FailRootFilterIsNotUnauthorizedCalls', '210000000006', 'f-group'),
      ...chain('f', '210000000006', single('fRoot'), { Subscription: [{ Endpoint: 'x' }] }),
    ]);
    expect(findings[0]?.reason).toContain('lacks $.errorCode = "*UnauthorizedOperation"');
  });

  it('count only an alarm in the account and Region of the metric filter', () => {
    // Metrics are stored per account and Region: a same-named alarm elsewhere watches another metric.
    const place = (account: string, region: string) => ({ account, region });
    const monitoredTo = (p: string, account: string) => [
      resource(
        'AWS::Logs::LogGroup',
        `${p}-group`,
        { LogGroupName: `${p}-group` },
        place(account, 'us-east-1'),
      ),
      resource(
        'AWS::Logs::MetricFilter',
        `${p}-filter`,
        {
          LogGroupName: `${p}-group`,
          FilterPattern: ROOT_PATTERN,
          MetricTransformations: [
            { MetricName: 'RootAccountUsage', MetricNamespace: 'CISBenchmark', MetricValue: '1' },
          ],
        },
        place(account, 'us-east-1'),
      ),
    ];
    const alarmIn = (id: string, account: string, region: string, more: Partial<Resource> = {}) => {
      const topicArn = `arn:aws:sns:${region}:${account}:${id}-alerts`;
      return [
        resource(
          'AWS::CloudWatch::Alarm',
          id,
          { MetricName: 'RootAccountUsage', Namespace: 'CISBenchmark', AlarmActions: [topicArn] },
          { ...place(account, region), ...more },
        ),
        resource(
          'AWS::SNS::Topic',
          topicArn,
          { Subscription: [{ Protocol: 'email', Endpoint: 'a@b.c' }] },
          { ...place(account, region), arn: topicArn },
        ),
      ];
    };
    const findings = expectResources(rootUsage, [
      trailTo('FailAlarmInAnotherAccountAndRegion', '111111111111', 'x-group'),
      ...monitoredTo('x', '111111111111'),
      ...alarmIn('x-alarm', '222222222222', 'eu-west-1'),
      trailTo('FailAlarmInAnotherRegion', '210000000007', 'y-group'),
      ...monitoredTo('y', '210000000007'),
      ...alarmIn('y-alarm', '210000000007', 'eu-west-1'),
      trailTo('PassAlarmBesideTheFilter', '210000000008', 'z-group'),
      ...monitoredTo('z', '210000000008'),
      ...alarmIn('z-alarm', '210000000008', 'us-east-1'),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailAlarmInAnotherAccountAndRegion')?.reason).toContain(
      'no alarm watches it in its account and Region',
    );
    // A template's alarm may be deployed to any account and Region.
    const [template] = expectResources(rootUsage, [
      trailTo('ErrorTemplateAlarmMayBeAnywhere', '210000000009', 'w-group'),
      ...monitoredTo('w', '210000000009'),
      ...alarmIn('w-alarm', UNKNOWN_ACCOUNT, UNKNOWN_REGION, {
        origin: { source: 'cloudformation', file: 'alarms.yaml' },
      }),
    ]);
    expect(template?.reason).toContain(
      'whether it is in the account and Region of metric filter w-filter is not known',
    );
  });
  it('do not fail a chain whose filters, alarms or other trails were not read', () => {
    const subscribed = { Subscription: [{ Protocol: 'email', Endpoint: 'a@b.c' }] };
    const findings = expectResources(
      rootUsage,
      [
        // The filters of the trail's log group (us-east-1 of its account) were not listed.
        trailTo('ErrorFiltersUnread', '210000000011', 'g-group'),
        // The filter matches, but the alarms of its account and Region were not listed.
        trailTo('ErrorAlarmsUnread', '210000000012', 'h-group'),
        ...chain('h', '210000000012', single('hRoot'), subscribed).filter(
          (r) => r.type !== 'AWS::CloudWatch::Alarm',
        ),
        // Nothing monitors through this trail, and another trail of the account may.
        trailTo('ErrorOtherTrailsUnread', '210000000013', 'i-group'),
        resource('AWS::Logs::LogGroup', 'i-group', { LogGroupName: 'i-group' }, { account: '210000000013' }),
        trailTo('FailAllRead', '210000000014', 'j-group'),
        resource('AWS::Logs::LogGroup', 'j-group', { LogGroupName: 'j-group' }, { account: '210000000014' }),
      ],
      {
        coverage: [
          deniedListing('AWS::Logs::MetricFilter', '210000000011', 'us-east-1'),
          deniedListing('AWS::CloudWatch::Alarm', '210000000012', 'us-east-1'),
          deniedListing(TRAIL, '210000000013', 'eu-west-1'),
          // Gaps elsewhere do not matter: another Region's alarms, another account's filters.
          deniedListing('AWS::CloudWatch::Alarm', '210000000014', 'eu-west-1'),
          deniedListing('AWS::Logs::MetricFilter', '210000000099', 'us-east-1'),
        ],
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('ErrorFiltersUnread')).toContain('AWS::Logs::MetricFilter not collected in 210000000011');
    expect(reason('ErrorAlarmsUnread')).toContain('alarms of its account and Region were not read');
    expect(reason('ErrorOtherTrailsUnread')).toContain('whether another trail of the account monitors it');
    expect(reason('FailAllRead')).toContain('has no metric filters');
  });
});
