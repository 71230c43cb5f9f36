import { isUnresolved, type Resource } from '../../model/index.js';
import { follow } from '../cloudwatch/references.js';
import {
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
  type GraphView,
} from '../rule.js';
import { FUNCTION, functionName, permissionsOf } from './permissions.js';

const INVOKE_CONFIG = 'AWS::Lambda::EventInvokeConfig';
/**
 * Services that invoke functions asynchronously (the Lambda guide's list of asynchronous
 * invokers): a failed event is retried twice and then dropped unless a DLQ or an on-failure
 * destination keeps it. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
const ASYNC_PRINCIPALS = new Set([
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'events.amazonaws.com',
  'ses.amazonaws.com',
  'iot.amazonaws.com',
  'logs.amazonaws.com',
  'config.amazonaws.com',
  'codecommit.amazonaws.com',
  'cloudformation.amazonaws.com',
  'lambda.alarms.cloudwatch.amazonaws.com',
]);
/** Resources whose props name a function they send events to asynchronously. */
const ASYNC_SOURCES = new Set([
  'AWS::Events::Rule',
  'AWS::SNS::Subscription',
  'AWS::SNS::Topic',
  'AWS::S3::Bucket',
]);

/** The asynchronous event sources of the function in the snapshot, as reasons name them. */
function asyncSources(fn: Resource, graph: GraphView): string[] {
  const sources = new Set<string>();
  for (const p of permissionsOf(fn, graph)) {
    const principal = p.props.Principal;
    if (typeof principal === 'string' && ASYNC_PRINCIPALS.has(principal))
      sources.add(`${principal} (permission ${label(p)})`);
  }
  for (const r of graph.referencing(fn))
    if (ASYNC_SOURCES.has(r.type)) sources.add(`${r.type.split('::').slice(1).join(' ')} ${label(r)}`);
  return [...sources];
}

/** Where failed events go: the DLQ, or an on-failure destination of an `EventInvokeConfig`. */
function failureTarget(fn: Resource, graph: GraphView): string | { unknown: string } | undefined {
  const dlq = (fn.props.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
  if (isUnresolved(dlq)) {
    const link = follow(dlq, 'DeadLetterConfig.TargetArn', 'AWS::SQS::Queue', graph, fn);
    if (link.kind === 'found') return `dead-letter queue ${label(link.resource)}`;
    const topic = follow(dlq, 'DeadLetterConfig.TargetArn', 'AWS::SNS::Topic', graph, fn);
    if (topic.kind === 'found') return `dead-letter topic ${label(topic.resource)}`;
    return { unknown: describeUnresolved('DeadLetterConfig.TargetArn', dlq) };
  }
  if (typeof dlq === 'string' && dlq !== '') return `dead-letter target ${dlq}`;
  for (const config of graph.byType(INVOKE_CONFIG)) {
    const link = follow(config.props.FunctionName, 'FunctionName', FUNCTION, graph, config, functionName);
    if (link.kind !== 'found' || link.resource !== fn) continue;
    const destination = (
      config.props.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined
    )?.OnFailure?.Destination;
    if (destination !== undefined && destination !== '') return `on-failure destination of ${label(config)}`;
  }
  return undefined;
}

/**
 * Compliant: a function invoked asynchronously (an S3 notification, SNS subscription,
 * EventBridge rule or permission for such a service names it) keeps failed events, in a
 * dead-letter queue (`DeadLetterConfig`) or an on-failure destination (`AWS::Lambda::EventInvokeConfig`).
 * Functions without asynchronous sources in the snapshot are not applicable.
 */
export default defineRule({
  id: 'lambda-function-dead-letter-configured',
  title: 'Asynchronously invoked Lambda function keeps its failed events',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [FUNCTION],
  rationale:
    'For asynchronous invocations Lambda retries a failing event twice and then discards it, and an event older than the maximum age (6 hours by default) is dropped without any attempt. Without a dead-letter queue or an on-failure destination those events, an uploaded invoice, an alarm, an order, are lost without a trace, and nobody can replay them once the bug is fixed.',
  remediation: {
    text: 'Give the function an SQS dead-letter queue (or an on-failure destination), alarm on its depth, and replay the messages after fixing the cause.',
    cli: 'aws lambda put-function-event-invoke-config --function-name <function> --destination-config \'{"OnFailure":{"Destination":"<queue-arn>"}}\'',
    cloudformation: 'DeadLetterConfig:\n  TargetArn: !GetAtt FailedEventsQueue.Arn',
    terraform:
      'resource "aws_lambda_function" "this" {\n  # ...\n  dead_letter_config {\n    target_arn = aws_sqs_queue.failed_events.arn\n  }\n}',
  },
  controls: [],
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
  ],
  evaluate(fn, ctx) {
    const who = `Lambda function ${label(fn)}`;
    const sources = asyncSources(fn, ctx.graph);
    if (sources.length === 0)
      return notApplicable(() => `${who} has no asynchronous event source in the snapshot.`);
    const target = failureTarget(fn, ctx.graph);
    if (typeof target === 'string')
      return pass(() => `${who} keeps failed asynchronous events in ${target}.`);
    if (target) return error(`${who}: ${target.unknown}.`);
    return fail(
      `${who} is invoked asynchronously by ${sources.join(', ')} but has no dead-letter queue or on-failure destination, so events that keep failing are dropped.`,
    );
  },
});
