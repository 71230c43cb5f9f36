import { describe, expect, it } from 'vitest';
import {
  deniedListing,
  expectFixture,
  expectResources,
  resource,
  TEST_ACCOUNT,
  TEST_REGION,
} from '../../../test/rule-fixtures.js';
import { unresolved, type CoverageGap } from '../../model/index.js';
import rule from './lambda-function-dead-letter-configured.js';

const FUNCTION = 'AWS::Lambda::Function';
const INVOKE_CONFIG = 'AWS::Lambda::EventInvokeConfig';
const QUEUE = `arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:failed-events`;
const arnOf = (name: string) => `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:${name}`;

/** A live function (id = name) and an EventBridge rule that invokes it by its unqualified ARN. */
const invokedByRule = (name: string) => [
  resource(FUNCTION, name, { FunctionName: name }, { arn: arnOf(name), name }),
  resource('AWS::Events::Rule', `rule-${name}`, {
    Name: `rule-${name}`,
    EventBusName: 'default',
    Targets: [{ Id: 'fn', Arn: arnOf(name) }],
  }),
];
/** A live configuration as `lambda/event-invoke-configs` collects it. */
const invokeConfig = (name: string, qualifier: string, onFailure?: string) =>
  resource(
    INVOKE_CONFIG,
    `${arnOf(name)}:${qualifier}`,
    {
      FunctionName: name,
      Qualifier: qualifier,
      ...(onFailure ? { DestinationConfig: { OnFailure: { Destination: onFailure } } } : {}),
    },
    { arn: `${arnOf(name)}:${qualifier}`, name: `${name}:${qualifier}` },
  );
/** The runner's gap for a function whose ListFunctionEventInvokeConfigs was denied. */
const configsDenied = (name: string, region = TEST_REGION): CoverageGap => ({
  kind: 'access-denied',
  message: `${INVOKE_CONFIG} ${name} in ${TEST_ACCOUNT} ${region}: lambda:ListFunctionEventInvokeConfigs failed with AccessDeniedException: denied; the settings it reads are unknown`,
  account: TEST_ACCOUNT,
  region,
  resourceType: INVOKE_CONFIG,
  resourceId: name,
});

describe('lambda-function-dead-letter-configured', () => {
  it('asks functions with asynchronous sources for a DLQ or an on-failure destination', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-dead-letter-configured.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailSnsSubscriberWithoutDlq')).toContain('SNS Subscription AlertsSubscription');
    expect(reason('PassOnFailureDestination')).toContain('on-failure destination of NightlyInvokeConfig');
    expect(reason('FailOnlyAliasHasDestination')).toContain(
      'the on-failure destination set for live (LiveAliasInvokeConfig',
    );
    expect(reason('ErrorDestinationQualifierUnknown')).toContain('Qualifier is not known');
  });

  it('links a collected configuration to its function by name, per version or alias', () => {
    const aliasPermission = (name: string) =>
      resource('AWS::Lambda::Permission', `perm-${name}`, {
        FunctionName: `${arnOf(name)}:live`,
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
      });
    const findings = expectResources(rule, [
      ...invokedByRule('PassLatestDestination'),
      invokeConfig('PassLatestDestination', '$LATEST', QUEUE),
      // Retries and age set, but failed events still go nowhere.
      ...invokedByRule('FailLatestWithoutDestination'),
      invokeConfig('FailLatestWithoutDestination', '$LATEST'),
      // The permission lets S3 invoke the alias `live`, whose configuration keeps its failures.
      resource(
        FUNCTION,
        'PassAliasInvokedWithAliasDestination',
        {},
        { arn: arnOf('PassAliasInvokedWithAliasDestination') },
      ),
      aliasPermission('PassAliasInvokedWithAliasDestination'),
      invokeConfig('PassAliasInvokedWithAliasDestination', 'live', QUEUE),
      // S3 invokes `live`; only $LATEST has a destination.
      resource(
        FUNCTION,
        'FailAliasInvokedWithLatestDestination',
        {},
        { arn: arnOf('FailAliasInvokedWithLatestDestination') },
      ),
      aliasPermission('FailAliasInvokedWithLatestDestination'),
      invokeConfig('FailAliasInvokedWithLatestDestination', '$LATEST', QUEUE),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassLatestDestination')).toContain(
      `on-failure destination of ${arnOf('PassLatestDestination')}:$LATEST`,
    );
    expect(reason('FailAliasInvokedWithLatestDestination')).toContain('destination for live');
  });

  it('does not read a function whose configurations were not listed as having none', () => {
    const findings = expectResources(
      rule,
      [
        ...invokedByRule('ErrorConfigsDenied'),
        // A dead-letter queue decides without the configurations.
        resource(
          FUNCTION,
          'PassDlqConfigsDenied',
          { DeadLetterConfig: { TargetArn: QUEUE } },
          { arn: arnOf('PassDlqConfigsDenied') },
        ),
        resource('AWS::Events::Rule', 'rule-dlq', {
          Targets: [{ Id: 'fn', Arn: arnOf('PassDlqConfigsDenied') }],
        }),
        // The gap names another function, or this function's name in another region.
        ...invokedByRule('FailOtherFunctionDenied'),
        ...invokedByRule('FailDeniedInAnotherRegion'),
      ],
      {
        coverage: [
          configsDenied('ErrorConfigsDenied'),
          configsDenied('PassDlqConfigsDenied'),
          configsDenied('FailDeniedInAnotherRegion', 'eu-west-1'),
        ],
      },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorConfigsDenied')?.reason).toContain(
      'whether an on-failure destination keeps its failed events is not known: AWS::Lambda::EventInvokeConfig ErrorConfigsDenied',
    );
    // The listing of the region failed: every function there is unknown.
    expectResources(rule, [...invokedByRule('ErrorConfigListingDenied')], {
      coverage: [deniedListing(INVOKE_CONFIG)],
    });
  });

  it('does not fail a function whose configuration leaves its destinations open', () => {
    const open = (name: string, destinations: unknown) =>
      resource(
        INVOKE_CONFIG,
        `config-of-${name}`,
        { FunctionName: name, Qualifier: '$LATEST', DestinationConfig: destinations },
        { arn: `${arnOf(name)}:$LATEST` },
      );
    const findings = expectResources(rule, [
      ...invokedByRule('ErrorDestinationsFromVariable'),
      open('ErrorDestinationsFromVariable', unresolved('var.destinations', 'known after apply')),
      ...invokedByRule('ErrorOnFailureFromVariable'),
      open('ErrorOnFailureFromVariable', { OnFailure: unresolved('var.on_failure', 'known after apply') }),
      // Only an on-success destination: failed events still go nowhere.
      ...invokedByRule('FailOnSuccessOnly'),
      open('FailOnSuccessOnly', { OnSuccess: { Destination: QUEUE } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'ErrorDestinationsFromVariable')?.reason).toContain(
      'DestinationConfig is not known',
    );
  });
});
