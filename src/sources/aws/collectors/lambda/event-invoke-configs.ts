import { ListFunctionEventInvokeConfigsCommand } from '@aws-sdk/client-lambda';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';
import { LIST_FUNCTIONS } from './functions.js';

const INVOKE_CONFIG = 'AWS::Lambda::EventInvokeConfig';

/** What an unqualified invocation runs, and the qualifier of a configuration put without one. */
const LATEST = '$LATEST';

/**
 * The qualifier in a configuration's `FunctionArn`, which ends in it
 * (`arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST`, `...:my-function:live`);
 * an ARN without one names the unqualified function, which is `$LATEST`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionEventInvokeConfig.html
 */
export function qualifierOf(functionArn: string): string {
  const at = functionArn.indexOf(':function:');
  const rest = at >= 0 ? functionArn.slice(at + ':function:'.length) : functionArn;
  return rest.split(':')[1] || LATEST;
}

/** `DestinationConfig` with only the destinations that are set: the API answers `{}` for one that is not. */
function destinations(value: unknown): Json | undefined {
  if (!isJson(value)) return undefined;
  const out: Json = {};
  for (const key of ['OnSuccess', 'OnFailure']) {
    const destination = isJson(value[key]) ? str(value[key].Destination) : undefined;
    if (destination) out[key] = { Destination: destination };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function config(name: string, item: Json): ResourceDraft[] {
  const arn = str(item.FunctionArn);
  if (!arn) return [];
  const qualifier = qualifierOf(arn);
  return [
    {
      type: INVOKE_CONFIG,
      id: arn,
      arn,
      name: `${name}:${qualifier}`,
      props: {
        // The unqualified name, as a template writes it: rules link the configuration to the
        // function by it, and read the version or alias it applies to from `Qualifier`.
        FunctionName: name,
        Qualifier: qualifier,
        MaximumRetryAttempts: item.MaximumRetryAttempts,
        MaximumEventAgeInSeconds: item.MaximumEventAgeInSeconds,
        DestinationConfig: destinations(item.DestinationConfig),
      },
      observed: { LastModified: item.LastModified },
    },
  ];
}

/**
 * `lambda list-functions` + per function `lambda list-function-event-invoke-configs` →
 * `AWS::Lambda::EventInvokeConfig` (id = the configuration's qualified function ARN), one per
 * version or alias that has one, in CloudFormation's shape: `FunctionName` (unqualified),
 * `Qualifier` (`$LATEST`, a version or an alias, from the ARN), `MaximumRetryAttempts`,
 * `MaximumEventAgeInSeconds`, `DestinationConfig.OnSuccess/OnFailure.Destination` (only those set).
 * A function whose configurations could not be read leaves the runner's gap of this type naming
 * the function, which `ctx.graph.unread(type, account, region, function)` returns, so a rule never
 * reads "none listed" as "none configured". The functions are listed again rather than read from
 * `lambda/functions`: a detail call per function keeps one function's failure to that function.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctionEventInvokeConfigs.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html
 */
export const eventInvokeConfigs: Collector = {
  id: 'lambda/event-invoke-configs',
  service: 'lambda',
  resourceTypes: [INVOKE_CONFIG],
  list: [LIST_FUNCTIONS],
  details: [
    {
      name: 'configs',
      command: ListFunctionEventInvokeConfigsCommand,
      action: 'lambda:ListFunctionEventInvokeConfigs',
      // A function deleted since the listing has none.
      notConfigured: ['ResourceNotFoundException'],
      input: (fn) => (typeof fn.FunctionName === 'string' ? { FunctionName: fn.FunctionName } : undefined),
      items: 'FunctionEventInvokeConfigs',
      // MaxItems: 1 to 50.
      paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['MaxItems', 50] },
    },
  ],
  // Only the name and ARN are needed: nothing else of the listing (environment values) is kept.
  redact: (fn) => ({ FunctionName: fn.FunctionName, FunctionArn: fn.FunctionArn }),
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Functions ?? []).flatMap((fn) => {
        const name = str(fn.FunctionName);
        const listed = detailOf(fn, 'configs')?.FunctionEventInvokeConfigs;
        if (!name || !Array.isArray(listed)) return [];
        return listed.filter(isJson).flatMap((item) => config(name, item));
      }),
  },
};
