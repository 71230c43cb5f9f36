import { z } from 'zod';
import { isUnresolved, type Resource } from '../../model/index.js';
import { defineFix, type AwsCall, type FixStep, type TemplatePatch } from '../fix.js';
import { callFor, capturedAt, freeLogicalId, logicalIdOf, refuseNotLive } from '../fix-support.js';
import { prop, type GraphView } from '../rule.js';
import {
  billingMode,
  capacityNeeds,
  GLOBAL_TABLE,
  tableName,
  tableScaling,
  type CapacityNeed,
  type Dimension,
  type Scaling,
} from './capacity.js';

const params = z.object({
  targetUtilization: z
    .number()
    .min(20)
    .max(90)
    .default(70)
    .describe('Target consumed/provisioned capacity, in percent, that the scaling policies keep.'),
  minCapacity: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Lowest capacity units; absent: the current provisioned capacity of each dimension.'),
  maxCapacity: z
    .number()
    .int()
    .min(2)
    .optional()
    .describe('Highest capacity units; absent: four times the lowest.'),
});
type Params = z.output<typeof params>;

/** The SDK client package and the IAM service prefix differ in spelling. */
const CLIENT = 'application-auto-scaling';
const SERVICE = 'application-autoscaling';
const METRIC: Record<Dimension, string> = {
  ReadCapacityUnits: 'DynamoDBReadCapacityUtilization',
  WriteCapacityUnits: 'DynamoDBWriteCapacityUtilization',
};

/** The capacity bounds of one dimension, or why they do not make a range. */
function bounds(current: unknown, p: Params): { min: number; max: number } | { cannot: string } {
  const min = p.minCapacity ?? (typeof current === 'number' && current >= 1 ? current : 5);
  const max = p.maxCapacity ?? Math.max(min * 4, min + 1);
  return max > min ? { min, max } : { cannot: `maxCapacity ${max} is not above minCapacity ${min}` };
}

/** The provisioned units of a need: the table's or its index's `ProvisionedThroughput`. */
function currentUnits(table: Resource, need: CapacityNeed): unknown {
  if (need.index === undefined) {
    const units = prop(table.props, `ProvisionedThroughput.${need.dimension}`);
    return units.known ? units.value : undefined;
  }
  const gsis = table.props.GlobalSecondaryIndexes;
  const gsi = Array.isArray(gsis)
    ? (gsis as unknown[]).find((g) => (g as { IndexName?: unknown } | null)?.IndexName === need.index)
    : undefined;
  return (gsi as { ProvisionedThroughput?: Record<string, unknown> } | undefined)?.ProvisionedThroughput?.[
    need.dimension
  ];
}

function dimensionOf(need: CapacityNeed): string {
  return `dynamodb:${need.index === undefined ? 'table' : 'index'}:${need.dimension}`;
}

function policyConfiguration(need: CapacityNeed, p: Params) {
  return {
    TargetValue: p.targetUtilization,
    PredefinedMetricSpecification: { PredefinedMetricType: METRIC[need.dimension] },
  };
}

/** The needs the rule finds unscaled, with their state, or why one is not known. */
function unscaled(table: Resource, graph: GraphView): Array<[CapacityNeed, Scaling]> | { cannot: string } {
  const mode = billingMode(table);
  if (!mode.known) return { cannot: mode.reason };
  if (mode.value === 'PAY_PER_REQUEST')
    return { cannot: 'the table uses on-demand capacity, which needs no auto scaling' };
  const needs = capacityNeeds(table);
  if (!Array.isArray(needs)) return { cannot: needs.unknown };
  const scaling = tableScaling(table, needs, graph);
  const out: Array<[CapacityNeed, Scaling]> = [];
  for (const [i, s] of scaling.entries()) {
    if (s.state === 'unknown') return { cannot: s.reason };
    if (s.state !== 'scaled') out.push([needs[i]!, s]);
  }
  return out;
}

/** The live steps of one dimension: register (or widen) the scalable target, add the policy. */
function liveSteps(
  table: Resource,
  name: string,
  need: CapacityNeed,
  state: Scaling,
  p: Params,
): FixStep[] | { cannot: string } {
  const range = bounds(currentUnits(table, need), p);
  if ('cannot' in range) return range;
  const ResourceId = need.index === undefined ? `table/${name}` : `table/${name}/index/${need.index}`;
  const ScalableDimension = dimensionOf(need);
  const key = { ServiceNamespace: 'dynamodb', ResourceId, ScalableDimension };
  const call = (operation: string, input: Record<string, unknown>): AwsCall =>
    callFor(table, CLIENT, operation, `${SERVICE}:${operation}`, input);
  const what = `${need.dimension === 'ReadCapacityUnits' ? 'read' : 'write'} capacity of ${ResourceId}`;
  const steps: FixStep[] = [];
  if (state.state === 'fixed' || state.state === 'no-range') {
    steps.push({
      description: `Scale the ${what} between ${range.min} and ${range.max} units`,
      call: call('RegisterScalableTarget', { ...key, MinCapacity: range.min, MaxCapacity: range.max }),
      capture: call('DescribeScalableTargets', {
        ServiceNamespace: 'dynamodb',
        ResourceIds: [ResourceId],
        ScalableDimension,
      }),
      undo: (captured) => {
        const previous = capturedAt(captured, 'ScalableTargets', 0);
        const min = capturedAt(previous, 'MinCapacity');
        const max = capturedAt(previous, 'MaxCapacity');
        // Deregistering also deletes the target's scaling policies.
        return typeof min === 'number' && typeof max === 'number'
          ? { call: call('RegisterScalableTarget', { ...key, MinCapacity: min, MaxCapacity: max }) }
          : { call: call('DeregisterScalableTarget', key) };
      },
    });
  }
  if (state.state === 'fixed' || state.state === 'no-policy') {
    // The name the DynamoDB console gives its own policies.
    const PolicyName = `${METRIC[need.dimension]}:${ResourceId}`;
    const put = (config: Record<string, unknown>) =>
      call('PutScalingPolicy', { PolicyName, ...key, ...config });
    steps.push({
      description: `Keep the ${what} at ${p.targetUtilization} % utilisation (target tracking)`,
      call: put({
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: policyConfiguration(need, p),
      }),
      capture: call('DescribeScalingPolicies', { ...key, PolicyNames: [PolicyName] }),
      undo: (captured) => {
        const previous = capturedAt(captured, 'ScalingPolicies', 0);
        const type = capturedAt(previous, 'PolicyType');
        if (typeof type !== 'string') return { call: call('DeleteScalingPolicy', { PolicyName, ...key }) };
        const config: Record<string, unknown> = { PolicyType: type };
        for (const member of ['TargetTrackingScalingPolicyConfiguration', 'StepScalingPolicyConfiguration']) {
          const value = capturedAt(previous, member);
          if (value !== undefined) config[member] = value;
        }
        return { call: put(config) };
      },
    });
  }
  return steps;
}

/** A logical id made of the letters and digits of `parts`. */
function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

function templatePatches(table: Resource, graph: GraphView, p: Params): TemplatePatch[] | { cannot: string } {
  const found = unscaled(table, graph);
  if (!Array.isArray(found)) return found;
  const logicalId = logicalIdOf(table);
  const taken = (id: string) => graph.get(id) !== undefined;
  const patches: TemplatePatch[] = [];
  const added = new Set<string>();
  const free = (base: string) => {
    const id = freeLogicalId(table, base, (c) => taken(c) || added.has(c));
    added.add(id);
    return id;
  };
  for (const [need, state] of found) {
    const range = bounds(currentUnits(table, need), p);
    if ('cannot' in range) return range;
    const dim = need.dimension === 'ReadCapacityUnits' ? 'Read' : 'Write';
    const stem = `${logicalId}${need.index === undefined ? '' : `Index${idPart(need.index)}`}${dim}`;
    let targetRef: unknown;
    if (state.state === 'fixed') {
      const targetId = free(`${stem}ScalableTarget`);
      patches.push({
        op: 'add-resource',
        logicalId: targetId,
        type: 'AWS::ApplicationAutoScaling::ScalableTarget',
        properties: {
          ServiceNamespace: 'dynamodb',
          ResourceId: {
            'Fn::Sub': `table/\${${logicalId}}${need.index === undefined ? '' : `/index/${need.index}`}`,
          },
          ScalableDimension: dimensionOf(need),
          MinCapacity: range.min,
          MaxCapacity: range.max,
        },
      });
      targetRef = { Ref: targetId };
    } else if (state.state === 'no-policy' || state.state === 'no-range') {
      const target = state.target;
      if (target.origin.source !== 'cloudformation') {
        // A policy for a target declared elsewhere names it by reference, which only a template
        // that declares the target can write.
        return {
          cannot:
            target.origin.source === 'terraform'
              ? `scalable target ${target.id} has no scaling policy; add an aws_appautoscaling_policy (TargetTrackingScaling) for it`
              : `scalable target ${target.id} is not a resource of this template`,
        };
      }
      if (state.state === 'no-range') {
        // Another resource's property: the live fix re-registers the target with a wider range.
        return {
          cannot: `scalable target ${logicalIdOf(target)} has MaxCapacity no higher than MinCapacity; raise its MaxCapacity`,
        };
      }
      targetRef = { Ref: logicalIdOf(target) };
    } else continue;
    patches.push({
      op: 'add-resource',
      logicalId: free(`${stem}ScalingPolicy`),
      type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      properties: {
        PolicyName: `${METRIC[need.dimension]}-${p.targetUtilization}`,
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: targetRef,
        TargetTrackingScalingPolicyConfiguration: policyConfiguration(need, p),
      },
    });
  }
  return patches;
}

/** Inline auto scaling of a provisioned global table: table and index writes, replica reads. */
function globalTablePatches(table: Resource, p: Params): TemplatePatch[] | { cannot: string } {
  const settings = (units: unknown) => {
    const range = bounds(units, p);
    return 'cannot' in range
      ? range
      : {
          MinCapacity: range.min,
          MaxCapacity: range.max,
          TargetTrackingScalingPolicyConfiguration: { TargetValue: p.targetUtilization },
        };
  };
  const patches: TemplatePatch[] = [];
  const write = (from: Record<string, unknown>, path: (string | number)[]) => {
    const own = from.WriteProvisionedThroughputSettings as Record<string, unknown> | undefined;
    if (own?.WriteCapacityAutoScalingSettings !== undefined) return undefined;
    const s = settings(own?.WriteCapacityUnits);
    if ('cannot' in s) return s;
    patches.push({
      op: 'set',
      path: [...path, 'WriteProvisionedThroughputSettings'],
      value: { WriteCapacityAutoScalingSettings: s },
    });
    return undefined;
  };
  const top = write(table.props, []);
  if (top) return top;
  const gsis = table.props.GlobalSecondaryIndexes;
  const replicas = table.props.Replicas;
  if (isUnresolved(gsis) || isUnresolved(replicas))
    return { cannot: 'the indexes or replicas of the table are computed at deploy' };
  for (const [i, gsi] of (Array.isArray(gsis) ? gsis : []).entries()) {
    const r = write((gsi ?? {}) as Record<string, unknown>, ['GlobalSecondaryIndexes', i]);
    if (r) return r;
  }
  const read = (from: Record<string, unknown>, path: (string | number)[]) => {
    const own = from.ReadProvisionedThroughputSettings as Record<string, unknown> | undefined;
    if (own?.ReadCapacityAutoScalingSettings !== undefined) return undefined;
    const s = settings(own?.ReadCapacityUnits);
    if ('cannot' in s) return s;
    patches.push({
      op: 'set',
      path: [...path, 'ReadProvisionedThroughputSettings'],
      value: { ReadCapacityAutoScalingSettings: s },
    });
    return undefined;
  };
  for (const [i, replica] of (Array.isArray(replicas) ? replicas : []).entries()) {
    const r = (replica ?? {}) as Record<string, unknown>;
    const failed = read(r, ['Replicas', i]);
    if (failed) return failed;
    // A replica's index with read settings of its own: fixed units become auto scaling too.
    const indexes = r.GlobalSecondaryIndexes;
    if (isUnresolved(indexes)) return { cannot: 'the indexes of a replica are computed at deploy' };
    for (const [j, gsi] of (Array.isArray(indexes) ? indexes : []).entries()) {
      const g = (gsi ?? {}) as Record<string, unknown>;
      if (g.ReadProvisionedThroughputSettings === undefined) continue;
      const failedIndex = read(g, ['Replicas', i, 'GlobalSecondaryIndexes', j]);
      if (failedIndex) return failedIndex;
    }
  }
  return patches;
}

/**
 * Puts the provisioned read and write capacity of the table and of each global secondary index
 * under Application Auto Scaling target tracking (70 % by default, between the current capacity and
 * four times it unless given). Reversible: the undo deregisters the targets it created (which
 * deletes their policies) or restores the captured bounds and policies. The first registration in
 * an account creates the Application Auto Scaling service-linked role for DynamoDB, hence
 * iam:CreateServiceLinkedRole.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.CLI.html
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
 */
export default defineFix({
  rule: 'dynamodb-table-autoscaling-enabled',
  title: 'Auto scale the provisioned read and write capacity (target tracking)',
  actions: [
    'application-autoscaling:RegisterScalableTarget',
    'application-autoscaling:PutScalingPolicy',
    'application-autoscaling:DeregisterScalableTarget',
    'application-autoscaling:DeleteScalingPolicy',
    'iam:CreateServiceLinkedRole',
  ],
  params,
  plan(table, { params: p, graph }) {
    const refused = refuseNotLive(table);
    if (refused) return refused;
    if (table.type === GLOBAL_TABLE)
      return { cannot: 'a live global table is fixed through each regional table' };
    const name = tableName(table);
    if (name === undefined) return { cannot: `the name of table ${table.id} is not known` };
    const found = unscaled(table, graph);
    if (!Array.isArray(found)) return found;
    if (found.length === 0) return { cannot: `table ${name} already auto scales every dimension` };
    const steps: FixStep[] = [];
    for (const [need, state] of found) {
      const more = liveSteps(table, name, need, state, p);
      if (!Array.isArray(more)) return more;
      steps.push(...more);
    }
    return { steps };
  },
  template(table, { params: p, graph }) {
    const patches =
      table.type === GLOBAL_TABLE ? globalTablePatches(table, p) : templatePatches(table, graph, p);
    return Array.isArray(patches) ? { patches } : patches;
  },
});
