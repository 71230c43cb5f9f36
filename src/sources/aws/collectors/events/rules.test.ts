/**
 * The EventBridge rule collector driven through the real SDK against the local endpoint with
 * recorded responses (one bus, rule or target a page): the default bus and the custom bus `ops`,
 * and the findings-forwarding rule run on what it collected, with the organisation's accounts
 * collected beside it.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../../engine/index.js';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { allRules } from '../../../../rules/index.js';
import {
  idsIn,
  resourceIn,
  useRecordedCollection,
} from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { structure } from '../organizations/structure.js';
import { redactTarget, rules } from './rules.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [rules, structure],
  now: NOW,
});

const RULE = 'AWS::Events::Rule';
const ACCOUNT = '111122223333';
/** Security Hub findings to an SNS topic and to an API destination whose input carries a key. */
const FINDINGS = 'security-findings-to-sns';
/** Disabled schedule with a Lambda target whose constant input holds a password. */
const CLEANUP = 'nightly-cleanup';
/** A schedule with no targets. */
const UNUSED = 'unused-schedule';
/** On the custom bus `ops`: a rule matching GuardDuty findings, which only the default bus receives. */
const OPS_GUARDDUTY = 'ops|guardduty-on-ops';
/** On `ops`, a rule with the same name as one on the default bus. */
const OPS_CLEANUP = 'ops|nightly-cleanup';
const FORWARDED = 'cloudwatch-account-security-findings-forwarded';
const SECRETS = [
  'R0UT1NG-K3Y-5ecret',
  '9c8b7a6d-5e4f-4321-abcd-ef0123456789',
  'hunter2-Pa55word',
  '0PS-T0KEN-d0ntkeep',
];

const byName = (snapshot: Snapshot, name: string): Resource => resourceIn(snapshot, RULE, name);
/** The forwarding rule's result for the account, asked about Security Hub findings alone. */
function forwarded(snapshot: Snapshot): { status: string; reason: string } | undefined {
  const { findings } = runRules(snapshot, {
    rules: allRules.filter((r) => r.id === FORWARDED),
    params: { [FORWARDED]: { sources: ['aws.securityhub'] } },
    now: NOW,
  });
  return findings.find((f) => f.resource.id === ACCOUNT);
}
const forwardedStatus = (snapshot: Snapshot) => forwarded(snapshot)?.status;

describe('events/rules', () => {
  it('lists the buses, each bus’s rules page by page and the targets of each', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const buses = endpoint.log.filter((r) => r.operation === 'ListEventBuses');
    expect(buses).toHaveLength(2);
    expect(buses[0]!.params).toEqual({ Limit: 100 });
    const listing = endpoint.log.filter((r) => r.operation === 'ListRules');
    // Three pages of the default bus's rules, two of the rules of `ops`.
    expect(listing.map((r) => r.params.EventBusName)).toEqual([
      'default',
      'default',
      'default',
      'ops',
      'ops',
    ]);
    expect(listing[0]!.params).toEqual({ EventBusName: 'default', Limit: 100 });
    const targetCalls = endpoint.log.filter((r) => r.operation === 'ListTargetsByRule');
    expect(
      targetCalls
        .filter((r) => r.params.NextToken === undefined)
        .map((r) => `${String(r.params.EventBusName)}/${String(r.params.Rule)}`)
        .sort(),
    ).toEqual(
      [
        'default/' + FINDINGS,
        'default/' + CLEANUP,
        'default/' + UNUSED,
        'ops/guardduty-on-ops',
        'ops/' + CLEANUP,
      ].sort(),
    );
    expect(targetCalls.find((r) => r.params.Rule === FINDINGS)?.params).toEqual({
      Rule: FINDINGS,
      EventBusName: 'default',
      Limit: 100,
    });
    expect(idsIn(snapshot, RULE)).toEqual([FINDINGS, CLEANUP, UNUSED, OPS_GUARDDUTY, OPS_CLEANUP].sort());
  });

  it('names a custom bus’s rules `<bus>|<name>`, as Ref does, with the bus in EventBusName', async () => {
    const { snapshot } = await collect();
    const ops = byName(snapshot, OPS_GUARDDUTY);
    expect(ops.arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/ops/guardduty-on-ops`);
    expect(ops.name).toBe('guardduty-on-ops');
    expect(ops.props).toEqual({
      Name: 'guardduty-on-ops',
      Description: 'Matches GuardDuty findings, which never arrive on this bus',
      EventBusName: 'ops',
      EventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
      State: 'ENABLED',
      Targets: [{ Id: 'ops-alerts', Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:ops-alerts` }],
    });
    // Same name, two buses, two rules.
    expect(byName(snapshot, OPS_CLEANUP).props).toMatchObject({
      Name: CLEANUP,
      EventBusName: 'ops',
      ScheduleExpression: 'cron(0 4 * * ? *)',
    });
    expect(byName(snapshot, CLEANUP).props.EventBusName).toBe('default');
  });

  it('maps each rule as CloudFormation has it, the pattern parsed, the targets without free-text inputs', async () => {
    const { snapshot } = await collect();
    const findings = byName(snapshot, FINDINGS);
    expect(findings.arn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/${FINDINGS}`);
    expect(findings.props).toEqual({
      Name: FINDINGS,
      Description: 'Security Hub findings to the security team',
      EventBusName: 'default',
      EventPattern: { source: ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Imported'] },
      State: 'ENABLED',
      Targets: [
        { Id: 'security-alerts', Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts` },
        {
          Id: 'pager',
          Arn: `arn:aws:events:us-east-1:${ACCOUNT}:api-destination/pager/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/events-invoke-api-destination`,
          RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
        },
      ],
    });
    expect(byName(snapshot, CLEANUP).props).toEqual({
      Name: CLEANUP,
      EventBusName: 'default',
      ScheduleExpression: 'cron(0 3 * * ? *)',
      State: 'DISABLED',
      Targets: [
        {
          Id: 'cleanup',
          Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:nightly-cleanup`,
          DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:cleanup-dlq` },
        },
      ],
    });
    // No targets: an empty list, the rule sends nowhere.
    expect(byName(snapshot, UNUSED).props.Targets).toEqual([]);
    const text = JSON.stringify(snapshot);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('keeps only the target fields that cannot carry a secret', () => {
    expect(
      redactTarget({ Id: 'a', Arn: 'arn:x', Input: '{"k":"v"}', InputPath: '$.detail', SqsParameters: {} }),
    ).toEqual({ Id: 'a', Arn: 'arn:x', InputPath: '$.detail' });
  });

  it('passes an account that forwards Security Hub findings to an SNS topic', async () => {
    const { snapshot } = await collect();
    expect(forwarded(snapshot)).toMatchObject({ status: 'pass' });
    expect(forwarded(snapshot)?.reason).toContain(FINDINGS);
    // With the default sources GuardDuty's findings are asked for too: only the rule on `ops`
    // matches them, and AWS services send their events to the default bus alone, so it forwards none.
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_EventBus.html
    const { findings } = statusesByRule(snapshot, [FORWARDED], NOW);
    expect(findings.find((f) => f.resource.id === ACCOUNT)).toMatchObject({ status: 'fail' });
    expect(findings.find((f) => f.resource.id === ACCOUNT)?.reason).toContain(
      'but not those of aws.guardduty',
    );
  });

  it('records a custom bus whose rules it was denied as a gap naming the bus; the default bus still decides', async () => {
    const { snapshot } = await collect({ deny: ['events:ListRules/ops'] });
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: RULE, resourceId: 'ops' }),
    ]);
    expect(idsIn(snapshot, RULE)).toEqual([FINDINGS, CLEANUP, UNUSED].sort());
    // No rule on another bus can forward findings, so the unread bus does not make the answer unknown.
    expect(forwardedStatus(snapshot)).toBe('pass');
    const { findings } = statusesByRule(snapshot, [FORWARDED], NOW);
    expect(findings.find((f) => f.resource.id === ACCOUNT)).toMatchObject({ status: 'fail' });
  });

  it('reads nothing when the buses cannot be listed, and the forwarding rule gives error', async () => {
    const { snapshot } = await collect({ deny: ['events:ListEventBuses'] });
    expect(snapshot.resources.filter((r) => r.type === RULE)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: RULE }),
    ]);
    expect(snapshot.coverage[0]!.resourceId).toBeUndefined();
    expect(forwardedStatus(snapshot)).toBe('error');
  });

  it('leaves the targets of a rule it was denied unresolved, never empty', async () => {
    const { snapshot } = await collect({ deny: [`events:ListTargetsByRule/${FINDINGS}`] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ kind: 'access-denied', resourceType: RULE, resourceId: FINDINGS }),
    );
    expect(isUnresolved(byName(snapshot, FINDINGS).props.Targets)).toBe(true);
    expect(byName(snapshot, CLEANUP).props.Targets).toHaveLength(1);
    // A rule whose targets are unknown forwards nothing the rule can see: never a pass.
    expect(forwarded(snapshot)).toMatchObject({ status: 'error' });
    expect(forwarded(snapshot)?.reason).toContain(`the targets of ${FINDINGS} could not be read`);
  });

  it('records a denied rule listing of the default bus as a listing gap, and the forwarding rule gives error', async () => {
    const { snapshot } = await collect({ deny: ['events:ListRules'] });
    expect(snapshot.resources.filter((r) => r.type === RULE)).toEqual([]);
    const gaps = snapshot.coverage.map((g) => ({ kind: g.kind, type: g.resourceType, bus: g.resourceId }));
    expect(gaps).toEqual([
      { kind: 'access-denied', type: RULE, bus: undefined },
      { kind: 'access-denied', type: RULE, bus: 'ops' },
    ]);
    expect(snapshot.coverage.find((g) => g.resourceId === undefined)?.message).toContain(
      'of event bus default not collected in 111122223333 us-east-1: events:ListRules failed with AccessDenied',
    );
    expect(forwardedStatus(snapshot)).toBe('error');
  });
});
