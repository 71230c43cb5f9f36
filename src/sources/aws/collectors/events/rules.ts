import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ResourceDraft } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';

const RULE = 'AWS::Events::Rule';

/**
 * The target fields kept. `Input` (constant JSON sent instead of the event), `InputTransformer`
 * (its `InputTemplate` is constant text too) and `HttpParameters` (header and query string values
 * sent to API destinations and API Gateway) are free text a user writes, often an API key or a
 * bearer token for the receiver, so they are dropped before anything keeps the output; no rule
 * reads them. The others name where events go and how failures are handled.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html
 */
const KEPT_TARGET_FIELDS = ['Id', 'Arn', 'RoleArn', 'InputPath', 'DeadLetterConfig', 'RetryPolicy'];

/** A target with only the fields that cannot carry a secret. */
export function redactTarget(target: Json): Json {
  return Object.fromEntries(KEPT_TARGET_FIELDS.filter((k) => k in target).map((k) => [k, target[k]]));
}

/** The event pattern as a document, as a template writes it; text that is not JSON stays as it is. */
function pattern(value: unknown): unknown {
  const text = str(value);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJson(parsed) ? parsed : text;
  } catch {
    return text;
  }
}

function rule(item: Json): ResourceDraft[] {
  const name = str(item.Name);
  if (!name) return [];
  const answer = detailOf(item, 'targets');
  const targets = Array.isArray(answer?.Targets)
    ? answer.Targets.filter(isJson)
    : unresolved(`events list-targets-by-rule --rule ${name}`, 'the targets of this rule could not be read');
  return [
    {
      type: RULE,
      // `Ref` gives the name for a rule on the default bus.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-rule.html#aws-resource-events-rule-return-values
      id: name,
      arn: str(item.Arn),
      name,
      props: {
        Name: name,
        Description: str(item.Description),
        EventBusName: str(item.EventBusName),
        EventPattern: pattern(item.EventPattern),
        ScheduleExpression: str(item.ScheduleExpression),
        State: str(item.State),
        RoleArn: str(item.RoleArn),
        Targets: targets,
      },
      observed: { ManagedBy: str(item.ManagedBy) },
    },
  ];
}

/**
 * `events list-rules` (the default event bus: without `EventBusName` the listing gives its rules
 * alone) + per rule `events list-targets-by-rule` → `AWS::Events::Rule` (id = name) with
 * CloudFormation's properties, the pattern parsed as a template has it and the targets as
 * `Targets` (`Id`, `Arn`, `RoleArn`, ...; free-text inputs dropped, see `KEPT_TARGET_FIELDS`). A
 * rule whose targets could not be read has `Targets` unresolved, never empty: an empty list means
 * the rule sends nowhere.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html
 */
export const rules: Collector = {
  id: 'events/rules',
  service: 'events',
  resourceTypes: [RULE],
  list: [
    {
      command: ListRulesCommand,
      action: 'events:ListRules',
      items: ['Rules'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['Limit', 100] },
    },
  ],
  details: [
    {
      name: 'targets',
      command: ListTargetsByRuleCommand,
      action: 'events:ListTargetsByRule',
      // A rule deleted since the listing answers ResourceNotFoundException: left out.
      // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListTargetsByRule.html#API_ListTargetsByRule_Errors
      notConfigured: ['ResourceNotFoundException'],
      input: (r) => {
        const name = str(r.Name);
        if (!name) return undefined;
        const bus = str(r.EventBusName);
        return bus ? { Rule: name, EventBusName: bus } : { Rule: name };
      },
      items: 'Targets',
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['Limit', 100] },
      redact: (output) => ({
        ...output,
        Targets: Array.isArray(output.Targets) ? output.Targets.filter(isJson).map(redactTarget) : [],
      }),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Rules ?? []).flatMap((item) =>
        // Deleted since it was listed.
        detailOf(item, 'targets') === null ? [] : rule(item),
      ),
  },
};
