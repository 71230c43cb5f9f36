import { describe, expect, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './cloudwatch-account-security-findings-forwarded.js';

const ORG_ACCOUNT = 'AWS::Organizations::Account';
const EVENT_RULE = 'AWS::Events::Rule';
const MANAGEMENT = '111122223333';
const CENTRAL_BUS = 'arn:aws:events:us-east-1:222233334444:event-bus/security-central';
const BOTH = {
  source: ['aws.guardduty', 'aws.securityhub'],
  'detail-type': ['GuardDuty Finding', 'Security Hub Findings - Imported'],
};

const member = (id: string, outcome: string) =>
  resource(
    ORG_ACCOUNT,
    id,
    {},
    { account: MANAGEMENT, region: 'global', origin: { source: 'aws', logicalId: outcome } },
  );
const eventRule = (account: string, name: string, props: Record<string, unknown>, region = 'us-east-1') =>
  resource(
    EVENT_RULE,
    `${name}-${account}-${region}`,
    {
      Name: name,
      State: 'ENABLED',
      Targets: [{ Id: 'central', Arn: CENTRAL_BUS }],
      ...props,
    },
    { account, region },
  );
const detector = (account: string, region: string) =>
  resource(
    'AWS::GuardDuty::Detector',
    `det-${account}-${region}`,
    { Enable: true },
    { account, region, observed: { Status: 'ENABLED' } },
  );

describe('cloudwatch-account-security-findings-forwarded', () => {
  it('needs a rule of the account itself that matches the findings and has a target', () => {
    const findings = expectResources(rule, [
      member('200000000001', 'PassForwardsBoth'),
      eventRule('200000000001', 'forward', { EventPattern: BOTH }),
      member('200000000002', 'PassPatternAsJsonAndPrefix'),
      eventRule('200000000002', 'forward', {
        EventPattern: JSON.stringify({ source: [{ prefix: 'aws.' }], 'detail-type': BOTH['detail-type'] }),
      }),
      member('200000000003', 'FailNeverSetUp'),
      member('200000000004', 'FailOnlyGuardDuty'),
      eventRule('200000000004', 'forward', { EventPattern: { source: ['aws.guardduty'] } }),
      member('200000000005', 'FailRuleDisabled'),
      eventRule('200000000005', 'forward', { EventPattern: BOTH, State: 'DISABLED' }),
      member('200000000006', 'FailRuleWithoutTarget'),
      eventRule('200000000006', 'forward', { EventPattern: BOTH, Targets: [] }),
      member('200000000007', 'FailRuleOnCustomBusSeesNoServiceEvents'),
      eventRule('200000000007', 'forward', { EventPattern: BOTH, EventBusName: 'team-bus' }),
      member('200000000008', 'FailOtherDetailTypes'),
      eventRule('200000000008', 'forward', {
        EventPattern: { source: BOTH.source, 'detail-type': ['AWS API Call via CloudTrail'] },
      }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('200000000003')).toContain('no EventBridge rule of its own');
    expect(reason('200000000004')).toContain('but not those of aws.securityhub');
  });

  it('can require a rule in every region where GuardDuty runs', () => {
    const accounts = [
      member('200000000009', 'FailDrRegionSilent'),
      eventRule('200000000009', 'forward', { EventPattern: BOTH }),
      detector('200000000009', 'us-east-1'),
      detector('200000000009', 'ap-southeast-1'),
    ];
    expectResources(rule, accounts, { params: { everyDetectorRegion: true } });
    expectResources(
      rule,
      accounts.map((r) =>
        r.type === ORG_ACCOUNT
          ? { ...r, origin: { source: 'aws' as const, logicalId: 'PassOneRegionByDefault' } }
          : r,
      ),
    );
  });
  it('counts a default-bus rule that forwards to a custom bus, and no rule of a custom bus', () => {
    const opsBus = 'arn:aws:events:us-east-1:200000000031:event-bus/ops';
    const findings = expectResources(
      rule,
      [
        // The default bus sends the findings on to the custom bus, whose rule notifies.
        member('200000000031', 'PassDefaultBusForwardsToCustomBus'),
        eventRule('200000000031', 'to-ops', { EventPattern: BOTH, Targets: [{ Id: 'ops', Arn: opsBus }] }),
        eventRule('200000000031', 'notify', {
          EventPattern: BOTH,
          EventBusName: 'ops',
          Targets: [{ Id: 'sns', Arn: 'arn:aws:sns:us-east-1:200000000031:security' }],
        }),
        // The rules of a custom bus were not read: they could not see findings anyway.
        member('200000000032', 'FailCustomBusUnreadSeesNoFindings'),
        resource('AWS::EC2::VPC', 'vpc-32', {}, { account: '200000000032' }),
        // The default bus's rules were not read in a region (a gap without a bus): unknown.
        member('200000000033', 'ErrorDefaultBusUnread'),
        eventRule('200000000033', 'notify', { EventPattern: BOTH, EventBusName: 'ops' }),
      ],
      {
        coverage: [
          {
            ...deniedListing(EVENT_RULE, '200000000032'),
            message: 'AWS::Events::Rule of event bus ops not collected in 200000000032 us-east-1: denied',
            resourceId: 'ops',
          },
          deniedListing(EVENT_RULE, '200000000033'),
        ],
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('200000000031')).toContain('to-ops');
    expect(reason('200000000031')).not.toContain('notify');
  });

  it('does not conclude from rules or detectors that were not listed', () => {
    const findings = expectResources(
      rule,
      [
        // No forwarding rule read, and the rule listing failed in one region.
        member('200000000021', 'ErrorRulesUnread'),
        resource('AWS::EC2::VPC', 'vpc-21', {}, { account: '200000000021' }),
        // Forwards from us-east-1; GuardDuty may run in eu-west-1, whose detectors were not read.
        member('200000000022', 'ErrorDetectorsUnread'),
        eventRule('200000000022', 'forward', { EventPattern: BOTH }),
        detector('200000000022', 'us-east-1'),
        resource('AWS::EC2::VPC', 'vpc-22', {}, { account: '200000000022', region: 'eu-west-1' }),
        // A detector region whose rules were not read may forward after all.
        member('200000000023', 'ErrorSilentRegionRulesUnread'),
        eventRule('200000000023', 'forward', { EventPattern: BOTH }),
        detector('200000000023', 'us-east-1'),
        detector('200000000023', 'ap-southeast-1'),
      ],
      {
        params: { everyDetectorRegion: true },
        coverage: [
          deniedListing(EVENT_RULE, '200000000021', 'eu-west-1'),
          deniedListing('AWS::GuardDuty::Detector', '200000000022', 'eu-west-1'),
          deniedListing(EVENT_RULE, '200000000023', 'ap-southeast-1'),
        ],
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('200000000021')).toContain('AWS::Events::Rule not collected in 200000000021 eu-west-1');
    expect(reason('200000000022')).toContain('forwarded from eu-west-1 (AWS::GuardDuty::Detector');
    expect(reason('200000000023')).toContain('forwarded from ap-southeast-1 (AWS::Events::Rule');
  });
});
