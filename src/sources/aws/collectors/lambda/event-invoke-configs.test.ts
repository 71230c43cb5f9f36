/**
 * Asynchronous invocation configurations of live functions, listed per function with
 * ListFunctionEventInvokeConfigs through the real SDK against the local endpoint (one configuration
 * a page), and the dead-letter rule run on them with the functions and the EventBridge rules that
 * invoke them (`nightly-report` from the default bus, `thumbnailer` from the custom bus `media`).
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../../engine/index.js';
import type { Snapshot } from '../../../../model/index.js';
import deadLetter from '../../../../rules/lambda/lambda-function-dead-letter-configured.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { rules } from '../events/rules.js';
import { eventInvokeConfigs, qualifierOf } from './event-invoke-configs.js';
import { functions } from './functions.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [functions, eventInvokeConfigs, rules],
  now: NOW,
});

const INVOKE_CONFIG = 'AWS::Lambda::EventInvokeConfig';
const FN = 'arn:aws:lambda:us-east-1:111122223333:function';

function findings(snapshot: Snapshot) {
  return runRules(snapshot, { rules: [deadLetter], now: NOW }).findings;
}
const statuses = (snapshot: Snapshot) =>
  Object.fromEntries(findings(snapshot).map((f) => [f.resource.id, f.status]));
const configs = (snapshot: Snapshot) => snapshot.resources.filter((r) => r.type === INVOKE_CONFIG);

describe('lambda/event-invoke-configs', () => {
  it('lists each function’s configurations page by page, in CloudFormation’s shape', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const calls = endpoint.log.filter((r) => r.operation === 'ListFunctionEventInvokeConfigs');
    // Two configurations of nightly-report, one a page, then one of thumbnailer: three calls, one
    // of them the second page.
    expect(calls).toHaveLength(3);
    expect(calls.filter((r) => r.params.Marker !== undefined)).toHaveLength(1);
    expect(calls[0]!.params.MaxItems).toBe('50');
    expect(
      configs(snapshot)
        .map((r) => r.id)
        .sort(),
    ).toEqual([`${FN}:nightly-report:$LATEST`, `${FN}:nightly-report:live`, `${FN}:thumbnailer:live`]);
    const latest = configs(snapshot).find((r) => r.id === `${FN}:nightly-report:$LATEST`)!;
    expect(latest).toMatchObject({
      arn: `${FN}:nightly-report:$LATEST`,
      name: 'nightly-report:$LATEST',
      account: '111122223333',
      region: 'us-east-1',
      props: {
        FunctionName: 'nightly-report',
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 1,
        MaximumEventAgeInSeconds: 3600,
        // The empty OnSuccess the API answers is left out.
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:111122223333:nightly-report-failures' },
        },
      },
      observed: { LastModified: '2026-09-21T14:13:20.250Z' },
    });
    // No destination at all: none in props, as a template without DestinationConfig.
    const live = configs(snapshot).find((r) => r.id === `${FN}:nightly-report:live`)!;
    expect(live.props.DestinationConfig).toBeUndefined();
    expect(live.props.Qualifier).toBe('live');
    // Only the function's name and ARN were kept from the second listing of functions.
    expect(JSON.stringify(snapshot)).not.toContain('hunter2-plaintext');
    expect(
      eventInvokeConfigs.redact!({ FunctionName: 'f', FunctionArn: 'a', Environment: { x: 1 } }),
    ).toEqual({
      FunctionName: 'f',
      FunctionArn: 'a',
    });
  });

  it('links a configuration to its function; only $LATEST’s keeps the failures of unqualified invocations', async () => {
    const { snapshot } = await collect();
    expect(statuses(snapshot)).toEqual({ 'nightly-report': 'pass', thumbnailer: 'fail' });
    const reason = (id: string) => findings(snapshot).find((f) => f.resource.id === id)?.reason;
    expect(reason('nightly-report')).toContain(`on-failure destination of ${FN}:nightly-report:$LATEST`);
    // The rule on the custom bus `media` invokes thumbnailer by its unqualified ARN.
    expect(reason('thumbnailer')).toContain('Events Rule media|thumbnail-uploads');
    expect(reason('thumbnailer')).toContain('the on-failure destination set for live');
  });

  it('a denied listing for one function leaves that function unknown, not without a destination', async () => {
    const { snapshot } = await collect({ deny: ['lambda:ListFunctionEventInvokeConfigs/nightly-report'] });
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: INVOKE_CONFIG,
        resourceId: 'nightly-report',
      }),
    ]);
    expect(configs(snapshot).map((r) => r.id)).toEqual([`${FN}:thumbnailer:live`]);
    expect(statuses(snapshot)).toEqual({ 'nightly-report': 'error', thumbnailer: 'fail' });
    expect(findings(snapshot).find((f) => f.resource.id === 'nightly-report')?.reason).toContain(
      'lambda:ListFunctionEventInvokeConfigs failed with AccessDenied',
    );
  });

  it('a denied call for every function leaves every function unknown', async () => {
    const { snapshot } = await collect({ deny: ['lambda:ListFunctionEventInvokeConfigs'] });
    expect(configs(snapshot)).toEqual([]);
    expect(snapshot.coverage.map((g) => g.resourceId).sort()).toEqual(['nightly-report', 'thumbnailer']);
    expect(statuses(snapshot)).toEqual({ 'nightly-report': 'error', thumbnailer: 'error' });
  });

  it('reads the qualifier from the configuration’s ARN', () => {
    expect(qualifierOf(`${FN}:f:$LATEST`)).toBe('$LATEST');
    expect(qualifierOf(`${FN}:f:7`)).toBe('7');
    expect(qualifierOf(`${FN}:f`)).toBe('$LATEST');
  });
});
