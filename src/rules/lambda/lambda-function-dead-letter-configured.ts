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
import { unreadReason } from '../unread.js';
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

/** What an unqualified name or ARN invokes, and the qualifier a configuration put without one has. */
const LATEST = '$LATEST';

/**
 * The version or alias a function reference names: `name:live`, `...:function:name:live` (a version
 * number or alias after the name), else `$LATEST`, which unqualified invocations run.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
 */
function qualifierIn(ref: string): string {
  const at = ref.indexOf('function:');
  const rest = at >= 0 ? ref.slice(at + 'function:'.length) : ref;
  return rest.split(':')[1] || LATEST;
}

/** An asynchronous event source, as reasons name it, and the version or alias it invokes. */
interface Source {
  text: string;
  qualifier: string;
}

/** The asynchronous event sources of the function in the snapshot. */
function asyncSources(fn: Resource, graph: GraphView): Source[] {
  const sources = new Map<string, Source>();
  for (const p of permissionsOf(fn, graph)) {
    const principal = p.props.Principal;
    if (typeof principal !== 'string' || !ASYNC_PRINCIPALS.has(principal)) continue;
    // A permission for `name:alias` lets the service invoke that alias; a `Ref` to the function, the function.
    const ref = p.props.FunctionName;
    const qualifier = typeof ref === 'string' ? qualifierIn(ref) : LATEST;
    const text = `${principal} (permission ${label(p)}${qualifier === LATEST ? '' : `, ${qualifier}`})`;
    sources.set(text, { text, qualifier });
  }
  // These name the function by its id or unqualified ARN, which invoke $LATEST.
  for (const r of graph.referencing(fn)) {
    if (!ASYNC_SOURCES.has(r.type)) continue;
    const text = `${r.type.split('::').slice(1).join(' ')} ${label(r)}`;
    sources.set(text, { text, qualifier: LATEST });
  }
  return [...sources.values()];
}

/** The dead-letter queue or topic: a reason's words, an unknown value, or undefined when none is set. */
function deadLetterTarget(fn: Resource, graph: GraphView): string | { unknown: string } | undefined {
  const dlq = (fn.props.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
  if (isUnresolved(dlq)) {
    const link = follow(dlq, 'DeadLetterConfig.TargetArn', 'AWS::SQS::Queue', graph, fn);
    if (link.kind === 'found') return `dead-letter queue ${label(link.resource)}`;
    const topic = follow(dlq, 'DeadLetterConfig.TargetArn', 'AWS::SNS::Topic', graph, fn);
    if (topic.kind === 'found') return `dead-letter topic ${label(topic.resource)}`;
    return { unknown: describeUnresolved('DeadLetterConfig.TargetArn', dlq) };
  }
  if (typeof dlq === 'string' && dlq !== '') return `dead-letter target ${dlq}`;
  return undefined;
}

/** What one `EventInvokeConfig` says: the version or alias it applies to, and whether failures go somewhere. */
interface InvokeConfig {
  config: Resource;
  /** The qualifier, or why it is not known. */
  qualifier: string | { unknown: string };
  /** Whether an on-failure destination is set (a value a template leaves open is still one). */
  onFailure: boolean;
  /** Why whether an on-failure destination is set is not known (the block is left open). */
  onFailureUnknown?: string;
}

const configIndex = new WeakMap<GraphView, Map<Resource, InvokeConfig[]>>();

/** The asynchronous invocation configurations whose `FunctionName` leads to `fn` (indexed once per graph). */
function invokeConfigsOf(fn: Resource, graph: GraphView): readonly InvokeConfig[] {
  let byFunction = configIndex.get(graph);
  if (!byFunction) {
    byFunction = new Map();
    for (const config of graph.byType(INVOKE_CONFIG)) {
      const ref = config.props.FunctionName;
      const link = follow(ref, 'FunctionName', FUNCTION, graph, config, functionName);
      if (link.kind !== 'found') continue;
      // CloudFormation requires `Qualifier`; Terraform's `qualifier` is optional (unqualified: $LATEST),
      // and its `function_name` may carry one.
      const q = config.props.Qualifier;
      const qualifier = isUnresolved(q)
        ? { unknown: describeUnresolved('Qualifier', q) }
        : typeof q === 'string' && q !== ''
          ? q
          : typeof ref === 'string'
            ? qualifierIn(ref)
            : LATEST;
      const destinations = config.props.DestinationConfig as
        { OnFailure?: { Destination?: unknown } } | undefined;
      const failure = isUnresolved(destinations) ? undefined : destinations?.OnFailure?.Destination;
      const onFailureUnknown = isUnresolved(destinations)
        ? describeUnresolved('DestinationConfig', destinations)
        : isUnresolved(destinations?.OnFailure)
          ? describeUnresolved('DestinationConfig.OnFailure', destinations.OnFailure)
          : undefined;
      const list = byFunction.get(link.resource) ?? [];
      list.push({
        config,
        qualifier,
        onFailure: failure !== undefined && failure !== null && failure !== '',
        onFailureUnknown,
      });
      byFunction.set(link.resource, list);
    }
    configIndex.set(graph, byFunction);
  }
  return byFunction.get(fn) ?? [];
}

/**
 * Compliant: a function invoked asynchronously (an S3 notification, SNS subscription,
 * EventBridge rule or permission for such a service names it) keeps failed events, in a
 * dead-letter queue (`DeadLetterConfig`) or an on-failure destination (`AWS::Lambda::EventInvokeConfig`)
 * of the version or alias each source invokes: `$LATEST` for a source naming the function or its
 * unqualified ARN, the alias for a permission on `name:alias`. A destination configured on an alias
 * alone does not keep the failures of unqualified invocations. Functions without asynchronous
 * sources in the snapshot are not applicable; on a live account, a function whose configurations
 * could not be listed gives `error`, not `fail`.
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
    const dlq = deadLetterTarget(fn, ctx.graph);
    if (typeof dlq === 'string') return pass(() => `${who} keeps failed asynchronous events in ${dlq}.`);
    // A configuration applies to its own version or alias ("on a function, version, or alias"):
    // unqualified invocations use $LATEST's, an alias's invocations the alias's.
    // https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
    const configs = invokeConfigsOf(fn, ctx.graph);
    const kept = new Set<string>();
    const uncovered: Source[] = [];
    for (const qualifier of new Set(sources.map((s) => s.qualifier))) {
      const keeping = configs.find((c) => c.onFailure && c.qualifier === qualifier);
      if (keeping) kept.add(`the on-failure destination of ${label(keeping.config)}`);
      else uncovered.push(...sources.filter((s) => s.qualifier === qualifier));
    }
    if (uncovered.length === 0)
      return pass(() => `${who} keeps failed asynchronous events in ${[...kept].join(' and ')}.`);
    if (dlq) return error(`${who}: ${dlq.unknown}.`);
    // A destination on a version or alias the template leaves open may be the one invoked.
    for (const { config, qualifier, onFailure } of configs)
      if (onFailure && typeof qualifier !== 'string')
        return error(`${who}: ${label(config)} has an on-failure destination, but its ${qualifier.unknown}.`);
    // A configuration of an invoked version or alias whose destinations are left open may keep them.
    for (const { config, qualifier, onFailureUnknown } of configs)
      if (
        onFailureUnknown &&
        (typeof qualifier !== 'string' || uncovered.some((s) => s.qualifier === qualifier))
      )
        return error(
          `${who}: whether ${label(config)} has an on-failure destination is not known: ${onFailureUnknown}.`,
        );
    // Configurations are listed one call per function: one that failed, or a failed listing of the
    // region, leaves an on-failure destination unknown, never absent.
    const unread = unreadReason(ctx.graph, INVOKE_CONFIG, fn.account, fn.region, fn.id);
    if (unread)
      return error(
        `${who}: whether an on-failure destination keeps its failed events is not known: ${unread}.`,
      );
    const elsewhere = configs.flatMap((c) =>
      c.onFailure && typeof c.qualifier === 'string' ? [`${c.qualifier} (${label(c.config)})`] : [],
    );
    const qualifiers = [...new Set(uncovered.map((s) => s.qualifier))];
    const forWhich = qualifiers.some((q) => q !== LATEST) ? ` for ${qualifiers.join(', ')}` : '';
    const note =
      elsewhere.length > 0
        ? `; the on-failure destination set for ${elsewhere.join(', ')} serves that version or alias alone`
        : '';
    return fail(
      `${who} is invoked asynchronously by ${uncovered.map((s) => s.text).join(', ')} but has no dead-letter queue or on-failure destination${forWhich}, so events that keep failing are dropped${note}.`,
    );
  },
});
