import { describe, expect, it } from 'vitest';
import { runRules } from '../../../engine/index.js';
import { isUnresolved, type Snapshot } from '../../../model/index.js';
import deadLetter from '../../../rules/lambda/lambda-function-dead-letter-configured.js';
import { byId, loadPlan, makePlan, ref, type PlanResource } from '../fixtures/make-plan.js';

/** Resource id → status of the dead-letter rule on the snapshot. */
function statuses(s: Snapshot): Record<string, string> {
  return Object.fromEntries(
    runRules(s, { rules: [deadLetter] }).findings.map((f) => [f.resource.id, f.status]),
  );
}

const fn = (name: string): PlanResource => ({
  address: `aws_lambda_function.${name}`,
  after: {
    function_name: name,
    handler: 'app.handler',
    runtime: 'python3.13',
    role: 'arn:aws:iam::1:role/r',
  },
  unknown: { arn: true, qualified_arn: true, version: true },
});

/** EventBridge invokes the function asynchronously: the rule applies to it. */
const eventsPermission = (name: string): PlanResource => ({
  address: `aws_lambda_permission.${name}`,
  after: { action: 'lambda:InvokeFunction', principal: 'events.amazonaws.com', function_name: name },
});

/** A configuration whose `function_name` is written `expression`, unknown in the plan. */
const config = (
  name: string,
  functionName: Record<string, unknown>,
  after: Record<string, unknown> = {},
  expressions: Record<string, unknown> = {},
): PlanResource => ({
  address: `aws_lambda_function_event_invoke_config.${name}`,
  after: { maximum_retry_attempts: 2, qualifier: null, ...after },
  unknown: { function_name: true, id: true },
  expressions: {
    function_name: functionName,
    ...Object.fromEntries(Object.entries(after).map(([k, v]) => [k, { constant_value: v }])),
    ...expressions,
  },
});

const queue: PlanResource = {
  address: 'aws_sqs_queue.failed',
  after: { name: 'failed-events' },
  unknown: { arn: true, url: true, id: true },
};

/** An on-failure destination on the queue, whose ARN is known after apply. */
const onFailureToQueue = {
  after: { destination_config: [{ on_failure: [{ destination: null }], on_success: [] }] },
  unknown: { destination_config: [{ on_failure: [{ destination: true }] }] },
  expressions: {
    destination_config: [
      { on_failure: [{ destination: ref('aws_sqs_queue.failed.arn', 'aws_sqs_queue.failed') }] },
    ],
  },
};

const withFailure = (
  name: string,
  functionName: Record<string, unknown>,
  after: Record<string, unknown> = {},
): PlanResource => {
  const c = config(name, functionName, after, onFailureToQueue.expressions);
  return {
    ...c,
    after: { ...c.after, ...onFailureToQueue.after },
    unknown: { ...c.unknown, ...onFailureToQueue.unknown },
  };
};

describe('aws_lambda_function_event_invoke_config', () => {
  it("is CloudFormation's EventInvokeConfig, linked to the function it names by name or ARN", () => {
    const s = loadPlan(
      makePlan(
        [
          queue,
          fn('by_name'),
          fn('by_arn'),
          withFailure(
            'by_name',
            ref('aws_lambda_function.by_name.function_name', 'aws_lambda_function.by_name'),
          ),
          withFailure('by_arn', ref('aws_lambda_function.by_arn.arn', 'aws_lambda_function.by_arn'), {
            qualifier: '$LATEST',
            maximum_event_age_in_seconds: 3600,
            maximum_retry_attempts: 0,
          }),
        ],
        { region: 'eu-west-1' },
      ),
    );
    const byName = byId(s, 'aws_lambda_function_event_invoke_config.by_name');
    expect(byName.type).toBe('AWS::Lambda::EventInvokeConfig');
    expect(byName.props).toMatchObject({
      FunctionName: 'aws_lambda_function.by_name',
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { expression: 'aws_sqs_queue.failed.arn' } } },
    });
    // No qualifier: the configuration of the unqualified function, $LATEST.
    expect(byName.props).not.toHaveProperty('Qualifier');
    expect(byName.props.DestinationConfig).not.toHaveProperty('OnSuccess');
    expect(byId(s, 'aws_lambda_function_event_invoke_config.by_arn').props).toMatchObject({
      FunctionName: 'aws_lambda_function.by_arn',
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('gives the rule a pass with an on-failure destination and a fail without one', () => {
    const s = loadPlan(
      makePlan(
        [
          queue,
          fn('PassOnFailure'),
          eventsPermission('PassOnFailure'),
          withFailure(
            'PassOnFailure',
            ref('aws_lambda_function.PassOnFailure.arn', 'aws_lambda_function.PassOnFailure'),
          ),
          fn('FailRetriesOnly'),
          eventsPermission('FailRetriesOnly'),
          config(
            'FailRetriesOnly',
            ref('aws_lambda_function.FailRetriesOnly.function_name', 'aws_lambda_function.FailRetriesOnly'),
            { maximum_retry_attempts: 0 },
          ),
          // The destination serves the alias `live`; EventBridge invokes the unqualified function.
          fn('FailAliasDestinationOnly'),
          eventsPermission('FailAliasDestinationOnly'),
          withFailure(
            'FailAliasDestinationOnly',
            ref(
              'aws_lambda_function.FailAliasDestinationOnly.arn',
              'aws_lambda_function.FailAliasDestinationOnly',
            ),
            { qualifier: 'live' },
          ),
        ],
        { region: 'eu-west-1' },
      ),
    );
    expect(statuses(s)).toEqual({
      'aws_lambda_function.PassOnFailure': 'pass',
      'aws_lambda_function.FailRetriesOnly': 'fail',
      'aws_lambda_function.FailAliasDestinationOnly': 'fail',
    });
  });

  it('keeps what is known only after apply unknown, never a pass', () => {
    const s = loadPlan(
      makePlan(
        [
          queue,
          // `qualified_arn` carries the version `publish` gives: the function is linked, its qualifier unknown.
          fn('ErrorPublishedVersion'),
          eventsPermission('ErrorPublishedVersion'),
          withFailure(
            'published',
            ref(
              'aws_lambda_function.ErrorPublishedVersion.qualified_arn',
              'aws_lambda_function.ErrorPublishedVersion',
            ),
          ),
          // A function found by a data source: no resource of this plan, so nothing is linked.
          fn('FailFunctionFromDataSource'),
          eventsPermission('FailFunctionFromDataSource'),
          withFailure(
            'looked_up',
            ref('data.aws_lambda_function.other.arn', 'data.aws_lambda_function.other'),
          ),
        ],
        { region: 'eu-west-1' },
      ),
    );
    const published = byId(s, 'aws_lambda_function_event_invoke_config.published');
    expect(published.props.FunctionName).toBe('aws_lambda_function.ErrorPublishedVersion');
    expect(published.props.Qualifier).toMatchObject({
      expression: 'aws_lambda_function.ErrorPublishedVersion.version',
      reason: 'known after apply',
    });
    const lookedUp = byId(s, 'aws_lambda_function_event_invoke_config.looked_up').props.FunctionName;
    expect(isUnresolved(lookedUp) && lookedUp.expression).toMatch(/^data\.aws_lambda_function\.other\.arn\b/);
    expect(s.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'unresolved-value',
        resourceId: 'aws_lambda_function_event_invoke_config.looked_up',
      }),
    );
    const findings = runRules(s, { rules: [deadLetter] }).findings;
    expect(statuses(s)).toEqual({
      'aws_lambda_function.ErrorPublishedVersion': 'error',
      // A configuration that names no function of the plan is counted for none: a fail, never a pass.
      'aws_lambda_function.FailFunctionFromDataSource': 'fail',
    });
    expect(
      findings.find((f) => f.resource.id === 'aws_lambda_function.ErrorPublishedVersion')?.reason,
    ).toMatch(/Qualifier is not known/);
  });

  it("reads a state: the function ARN (also the configuration's id) names the function", () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:worker';
    const s = loadPlan({
      format_version: '1.0',
      terraform_version: '1.5.7',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_lambda_function_event_invoke_config.worker',
              mode: 'managed',
              type: 'aws_lambda_function_event_invoke_config',
              name: 'worker',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              values: {
                function_name: arn,
                qualifier: '',
                id: arn,
                maximum_retry_attempts: 1,
                maximum_event_age_in_seconds: 0,
                destination_config: [
                  {
                    on_failure: [{ destination: 'arn:aws:sqs:eu-west-1:123456789012:failed' }],
                    on_success: [],
                  },
                ],
              },
              sensitive_values: {},
            },
            {
              address: 'aws_lambda_function.worker',
              mode: 'managed',
              type: 'aws_lambda_function',
              name: 'worker',
              provider_name: 'registry.terraform.io/hashicorp/aws',
              values: { function_name: 'worker', arn, qualified_arn: `${arn}:$LATEST`, id: 'worker' },
              sensitive_values: {},
            },
          ],
        },
      },
    });
    // An unset maximum age is 0 in a state: left out. Listed first, the configuration's id (the
    // function's ARN) does not take the ARN over from the function.
    expect(byId(s, 'aws_lambda_function_event_invoke_config.worker').props).toEqual({
      FunctionName: 'aws_lambda_function.worker',
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:123456789012:failed' } },
    });
  });
});
