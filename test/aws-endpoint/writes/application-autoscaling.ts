/**
 * Application Auto Scaling (JSON 1.1) for DynamoDB capacity: scalable targets and scaling policies,
 * kept as the `DescribeScalableTargets` and `DescribeScalingPolicies` recordings of the region
 * (`application-autoscaling/DescribeScalableTargets`, `…/DescribeScalingPolicies`), which the
 * collector lists. The two describes are answered here too, because they filter (by resource ids,
 * dimension and policy names) where a recorded listing would answer everything: the fixes' captures
 * read one target or one policy.
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeleteScalingPolicy.html
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
 */
import { randomUUID } from 'node:crypto';
import type { WireResponse } from '../protocols.js';
import type { WriteHandler, WriteHandlers, WriteRequest, WriteState } from '../writes.js';
import { ok } from '../writes.js';

const JSON_11 = 'application/x-amz-json-1.1';
const TARGETS = 'application-autoscaling/DescribeScalableTargets';
const POLICIES = 'application-autoscaling/DescribeScalingPolicies';
/** The largest page both describes allow (and their default). */
const MAX_RESULTS = 50;

type Item = Record<string, unknown>;

interface TargetKey {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
}

function list(state: WriteState, key: string, member: string): Item[] {
  const recorded = state.get(key);
  if (recorded === undefined) return [];
  const items = (JSON.parse(recorded) as Record<string, unknown>)[member];
  return Array.isArray(items) ? (items as Item[]) : [];
}

function store(state: WriteState, key: string, member: string, items: Item[]): void {
  state.set(key, JSON.stringify({ [member]: items }));
}

function same(item: Item, key: TargetKey): boolean {
  return (
    item.ServiceNamespace === key.ServiceNamespace &&
    item.ResourceId === key.ResourceId &&
    item.ScalableDimension === key.ScalableDimension
  );
}

/** The target key of a request, or the ValidationException AWS answers when part is missing. */
function targetKey(request: WriteRequest, state: WriteState): TargetKey | WireResponse {
  const p = request.params;
  for (const name of ['ServiceNamespace', 'ResourceId', 'ScalableDimension']) {
    if (typeof p[name] !== 'string' || p[name] === '') {
      return state.error(
        400,
        'ValidationException',
        `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
      );
    }
  }
  return {
    ServiceNamespace: String(p.ServiceNamespace),
    ResourceId: String(p.ResourceId),
    ScalableDimension: String(p.ScalableDimension),
  };
}

const isResponse = (v: TargetKey | WireResponse): v is WireResponse => 'status' in v;

const describeKey = (key: TargetKey) =>
  `service namespace: ${key.ServiceNamespace}, resource ID: ${key.ResourceId}, scalable dimension: ${key.ScalableDimension}`;

/** The account of the DynamoDB table a target names, from the table's recorded ARN. */
function accountOf(state: WriteState, key: TargetKey): string | undefined {
  const table = /^table\/([^/]+)/.exec(key.ResourceId)?.[1];
  const recorded = table === undefined ? undefined : state.get(`dynamodb/DescribeTable/${table}`);
  if (recorded === undefined) return undefined;
  const arn = (JSON.parse(recorded) as { Table?: { TableArn?: unknown } }).Table?.TableArn;
  return typeof arn === 'string' ? arn.split(':')[4] : undefined;
}

const now = (): number => Math.floor(Date.now() / 1000);

const registerScalableTarget: WriteHandler = (request, state) => {
  const key = targetKey(request, state);
  if (isResponse(key)) return key;
  const { MinCapacity: min, MaxCapacity: max } = request.params;
  const account = key.ServiceNamespace === 'dynamodb' ? accountOf(state, key) : undefined;
  if (account === undefined) {
    return state.error(400, 'ValidationException', `Unable to find the resource ${key.ResourceId}`);
  }
  const targets = list(state, TARGETS, 'ScalableTargets');
  const existing = targets.find((t) => same(t, key));
  // A new target needs both bounds; an update may change either.
  if (!existing && (typeof min !== 'number' || typeof max !== 'number')) {
    return state.error(
      400,
      'ValidationException',
      'MinCapacity and MaxCapacity are required for registering a new scalable target',
    );
  }
  const minCapacity = typeof min === 'number' ? min : (existing?.MinCapacity as number);
  const maxCapacity = typeof max === 'number' ? max : (existing?.MaxCapacity as number);
  if (minCapacity > maxCapacity) {
    return state.error(
      400,
      'ValidationException',
      'Minimum capacity cannot be greater than maximum capacity',
    );
  }
  const arn =
    (existing?.ScalableTargetARN as string | undefined) ??
    `arn:aws:application-autoscaling:${request.region}:${account}:scalable-target/${randomUUID().replace(/-/g, '').slice(0, 28)}`;
  const target: Item = {
    ...(existing ?? {}),
    ...key,
    MinCapacity: minCapacity,
    MaxCapacity: maxCapacity,
    RoleARN:
      (existing?.RoleARN as string | undefined) ??
      `arn:aws:iam::${account}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable`,
    CreationTime: existing?.CreationTime ?? now(),
    SuspendedState: existing?.SuspendedState ?? {
      DynamicScalingInSuspended: false,
      DynamicScalingOutSuspended: false,
      ScheduledScalingSuspended: false,
    },
    ScalableTargetARN: arn,
  };
  store(state, TARGETS, 'ScalableTargets', [...targets.filter((t) => !same(t, key)), target]);
  return ok(JSON.stringify({ ScalableTargetARN: arn }), JSON_11);
};

const deregisterScalableTarget: WriteHandler = (request, state) => {
  const key = targetKey(request, state);
  if (isResponse(key)) return key;
  const targets = list(state, TARGETS, 'ScalableTargets');
  if (!targets.some((t) => same(t, key))) {
    return state.error(400, 'ObjectNotFoundException', `No scalable target found for ${describeKey(key)}`);
  }
  store(
    state,
    TARGETS,
    'ScalableTargets',
    targets.filter((t) => !same(t, key)),
  );
  // Deregistering a target deletes the scaling policies associated with it.
  const policies = list(state, POLICIES, 'ScalingPolicies');
  store(
    state,
    POLICIES,
    'ScalingPolicies',
    policies.filter((p) => !same(p, key)),
  );
  return ok('{}', JSON_11);
};

const putScalingPolicy: WriteHandler = (request, state) => {
  const key = targetKey(request, state);
  if (isResponse(key)) return key;
  const p = request.params;
  const name = p.PolicyName;
  if (typeof name !== 'string' || name === '') {
    return state.error(
      400,
      'ValidationException',
      "1 validation error detected: Value null at 'policyName' failed to satisfy constraint: Member must not be null",
    );
  }
  const target = list(state, TARGETS, 'ScalableTargets').find((t) => same(t, key));
  if (!target) {
    return state.error(
      400,
      'ObjectNotFoundException',
      `No scalable target registered for ${describeKey(key)}`,
    );
  }
  const type = p.PolicyType ?? 'StepScaling';
  const config =
    type === 'TargetTrackingScaling'
      ? p.TargetTrackingScalingPolicyConfiguration
      : type === 'StepScaling'
        ? p.StepScalingPolicyConfiguration
        : undefined;
  if (config === null || typeof config !== 'object') {
    return state.error(
      400,
      'ValidationException',
      `${type === 'TargetTrackingScaling' ? 'TargetTrackingScalingPolicyConfiguration' : 'StepScalingPolicyConfiguration'} is required for policy type ${String(type)}`,
    );
  }
  const policies = list(state, POLICIES, 'ScalingPolicies');
  const existing = policies.find((x) => same(x, key) && x.PolicyName === name);
  const account = String(target.ScalableTargetARN ?? '').split(':')[4] ?? '';
  const policyArn =
    (existing?.PolicyARN as string | undefined) ??
    `arn:aws:autoscaling:${request.region}:${account}:scalingPolicy:${randomUUID()}:resource/${key.ServiceNamespace}/${key.ResourceId}:policyName/${name}`;
  // Target tracking creates (and owns) a high and a low CloudWatch alarm.
  const alarms =
    type === 'TargetTrackingScaling'
      ? ['AlarmHigh', 'AlarmLow'].map((which) => {
          const alarmName = `TargetTracking-${key.ResourceId}-${which}-${randomUUID()}`;
          return {
            AlarmName: alarmName,
            AlarmARN: `arn:aws:cloudwatch:${request.region}:${account}:alarm:${alarmName}`,
          };
        })
      : [];
  const policy: Item = {
    PolicyARN: policyArn,
    PolicyName: name,
    ...key,
    PolicyType: type,
    [type === 'TargetTrackingScaling'
      ? 'TargetTrackingScalingPolicyConfiguration'
      : 'StepScalingPolicyConfiguration']: config,
    Alarms: alarms,
    CreationTime: existing?.CreationTime ?? now(),
  };
  store(state, POLICIES, 'ScalingPolicies', [
    ...policies.filter((x) => !(same(x, key) && x.PolicyName === name)),
    policy,
  ]);
  return ok(JSON.stringify({ PolicyARN: policyArn, Alarms: alarms }), JSON_11);
};

const deleteScalingPolicy: WriteHandler = (request, state) => {
  const key = targetKey(request, state);
  if (isResponse(key)) return key;
  const name = request.params.PolicyName;
  const policies = list(state, POLICIES, 'ScalingPolicies');
  if (!policies.some((x) => same(x, key) && x.PolicyName === name)) {
    return state.error(
      400,
      'ObjectNotFoundException',
      `No scaling policy found for ${describeKey(key)}, policy name: ${String(name)}`,
    );
  }
  store(
    state,
    POLICIES,
    'ScalingPolicies',
    policies.filter((x) => !(same(x, key) && x.PolicyName === name)),
  );
  return ok('{}', JSON_11);
};

/** One page of the items that match the request's filters, with `NextToken` when more remain. */
function describe(member: string, key: string, matches: (item: Item, p: Item) => boolean): WriteHandler {
  return (request, state) => {
    const p = request.params;
    if (typeof p.ServiceNamespace !== 'string') {
      return state.error(
        400,
        'ValidationException',
        "1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null",
      );
    }
    const size = typeof p.MaxResults === 'number' ? p.MaxResults : MAX_RESULTS;
    if (size < 1 || size > MAX_RESULTS) {
      return state.error(
        400,
        'ValidationException',
        `1 validation error detected: Value '${size}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_RESULTS}`,
      );
    }
    const token = typeof p.NextToken === 'string' ? p.NextToken : '';
    const offset = token
      ? Number(
          Buffer.from(token, 'base64')
            .toString('utf8')
            .replace(/^offset:/, ''),
        )
      : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      return state.error(400, 'InvalidNextTokenException', 'The NextToken value is invalid');
    }
    const all = list(state, key, member).filter(
      (item) => item.ServiceNamespace === p.ServiceNamespace && matches(item, p),
    );
    const out: Item = { [member]: all.slice(offset, offset + size) };
    if (offset + size < all.length) out.NextToken = Buffer.from(`offset:${offset + size}`).toString('base64');
    return ok(JSON.stringify(out), JSON_11);
  };
}

const among = (value: unknown, wanted: unknown): boolean =>
  !Array.isArray(wanted) || wanted.length === 0 || wanted.includes(value);

export const applicationAutoscalingWrites: WriteHandlers = {
  'application-autoscaling:RegisterScalableTarget': registerScalableTarget,
  'application-autoscaling:DeregisterScalableTarget': deregisterScalableTarget,
  'application-autoscaling:PutScalingPolicy': putScalingPolicy,
  'application-autoscaling:DeleteScalingPolicy': deleteScalingPolicy,
  'application-autoscaling:DescribeScalableTargets': describe(
    'ScalableTargets',
    TARGETS,
    (t, p) =>
      among(t.ResourceId, p.ResourceIds) &&
      (p.ScalableDimension === undefined || t.ScalableDimension === p.ScalableDimension),
  ),
  'application-autoscaling:DescribeScalingPolicies': describe(
    'ScalingPolicies',
    POLICIES,
    (x, p) =>
      among(x.PolicyName, p.PolicyNames) &&
      (p.ResourceId === undefined || x.ResourceId === p.ResourceId) &&
      (p.ScalableDimension === undefined || x.ScalableDimension === p.ScalableDimension),
  ),
};
