import {
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { unresolved, type CoverageGap } from '../../../../model/index.js';
import type { Collector, Json, ListCall, ResourceDraft, UnitApi } from '../../collector.js';
import { gapKindOf } from '../../errors.js';
import { isJson } from '../../json.js';
import { CallFailed } from '../../runner.js';
import { detailOf, str } from '../helpers.js';

const RULE = 'AWS::Events::Rule';
const DEFAULT_BUS = 'default';

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

/**
 * The rule's id as CloudFormation's `Ref` gives it: the name on the default bus, `<bus>|<name>` on
 * another (rule names are unique per bus only).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-rule.html#aws-resource-events-rule-return-values
 * https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1131
 */
export function ruleId(bus: string, name: string): string {
  return bus === DEFAULT_BUS ? name : `${bus}|${name}`;
}

function rule(item: Json): ResourceDraft[] {
  const name = str(item.Name);
  if (!name) return [];
  const bus = str(item.EventBusName) ?? DEFAULT_BUS;
  const answer = detailOf(item, 'targets');
  const targets = Array.isArray(answer?.Targets)
    ? answer.Targets.filter(isJson)
    : unresolved(
        `events list-targets-by-rule --rule ${name} --event-bus-name ${bus}`,
        'the targets of this rule could not be read',
      );
  return [
    {
      type: RULE,
      id: ruleId(bus, name),
      arn: str(item.Arn),
      name,
      props: {
        Name: name,
        Description: str(item.Description),
        EventBusName: bus,
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

const LIST_RULES: ListCall = {
  command: ListRulesCommand,
  action: 'events:ListRules',
  items: ['Rules'],
  paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['Limit', 100] },
};

const LIST_TARGETS: ListCall = {
  command: ListTargetsByRuleCommand,
  action: 'events:ListTargetsByRule',
  // A rule deleted since the listing answers ResourceNotFoundException: it has no targets left.
  // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListTargetsByRule.html#API_ListTargetsByRule_Errors
  notConfigured: ['ResourceNotFoundException'],
  items: ['Targets'],
  paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['Limit', 100] },
};

/**
 * Runs one listing; a call that fails is recorded as `gap` says and gives `undefined`, so that the
 * other buses and rules are still read.
 */
async function read(
  api: UnitApi,
  call: ListCall,
  input: Json,
  gap: (failure: string) => Omit<CoverageGap, 'account' | 'region' | 'kind'>,
): Promise<Record<string, Json[]> | undefined> {
  try {
    return await api.list(call, input);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    api.gap({
      kind: gapKindOf(error.error),
      ...gap(`${call.action} failed with ${error.error.code}: ${error.error.message}`),
    });
    return undefined;
  }
}

/**
 * `events list-event-buses`, then per bus `events list-rules --event-bus-name` and per rule
 * `events list-targets-by-rule` → `AWS::Events::Rule` (id = name on the default bus, `<bus>|<name>`
 * on the others, as `Ref` gives it) with CloudFormation's properties, `EventBusName` the bus's name,
 * the pattern parsed as a template has it and the targets as `Targets` (`Id`, `Arn`, `RoleArn`, ...;
 * free-text inputs dropped, see `KEPT_TARGET_FIELDS`). The default bus is always read (every account
 * has it, and AWS services send their events to it alone). A rule whose targets could not be read
 * has `Targets` unresolved, never empty: an empty list means the rule sends nowhere. A bus whose
 * rules could not be listed is a gap of the type: a listing gap for the default bus, and for
 * another bus a gap naming the bus (`resourceId` = bus name, `ctx.graph.unread(type, account,
 * region, bus)`), since rules that ask about AWS service events need only the default bus.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListEventBuses.html
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html
 */
export const rules: Collector = {
  id: 'events/rules',
  service: 'events',
  resourceTypes: [RULE],
  list: [
    {
      command: ListEventBusesCommand,
      action: 'events:ListEventBuses',
      items: ['EventBuses'],
      paginate: { inputToken: 'NextToken', outputToken: 'NextToken', pageSize: ['Limit', 100] },
    },
  ],
  extra: [LIST_RULES, LIST_TARGETS],
  // The bus's policy and description are not needed.
  redact: (bus) => ({ Name: bus.Name, Arn: bus.Arn }),
  // Rules are listed per bus, and targets per rule: two levels the declaration has no form for.
  custom: async (api, data) => {
    const { account, region } = api.ctx;
    const buses = new Set([DEFAULT_BUS]);
    for (const bus of data.items.EventBuses ?? []) if (typeof bus.Name === 'string') buses.add(bus.Name);
    data.items.Rules = [];
    for (const bus of buses) {
      const listed = await read(api, LIST_RULES, { EventBusName: bus }, (failure) => ({
        message: `${RULE} of event bus ${bus} not collected in ${account} ${region}: ${failure}`,
        resourceType: RULE,
        ...(bus === DEFAULT_BUS ? {} : { resourceId: bus }),
      }));
      const found = (listed?.Rules ?? []).map((r): Json => ({
        ...r,
        EventBusName: str(r.EventBusName) ?? bus,
      }));
      await Promise.all(
        found.map(async (r) => {
          const name = str(r.Name);
          if (!name) return;
          const targets = await read(api, LIST_TARGETS, { Rule: name, EventBusName: bus }, (failure) => ({
            message: `${RULE} ${ruleId(bus, name)} in ${account} ${region}: ${failure}; its targets are unknown`,
            resourceType: RULE,
            resourceId: ruleId(bus, name),
          }));
          if (targets) r.$detail = { targets: { Targets: (targets.Targets ?? []).map(redactTarget) } };
        }),
      );
      data.items.Rules.push(...found);
    }
  },
  mapping: { kind: 'resources', map: (data) => (data.items.Rules ?? []).flatMap(rule) },
};
