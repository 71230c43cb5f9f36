/**
 * Application Auto Scaling: scalable targets and their scaling policies.
 *
 * Terraform links a policy to its target by `service_namespace`, `resource_id` and
 * `scalable_dimension`, usually written as the target's attributes
 * (`resource_id = aws_appautoscaling_target.read.resource_id`); CloudFormation links it by
 * `ScalingTargetId: !Ref Target`. A policy whose `resource_id` refers to a target of the input gets
 * `ScalingTargetId` (the target's address, as a `Ref` resolves to the logical id); any other policy
 * keeps the three properties, as a CloudFormation policy without `ScalingTargetId` does.
 *
 * A DynamoDB target's `resource_id` is `table/<name>` (or `table/<name>/index/<index>`); written as
 * `"table/${aws_dynamodb_table.t.name}"` it is only known after apply, and becomes the template form
 * CloudFormation has for it (`!Sub table/${Table}`), with `Table` a `Ref` to the table's address, so
 * that the table is still found.
 *
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appautoscaling_target
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appautoscaling_policy
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalabletarget.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalingpolicy.html
 */
import { isUnresolved, unresolved } from '../../../model/index.js';
import type { TfInstance } from '../instance.js';
import { compact, copy, mapBlock, mapBlocks, num, pascal, put, renameKeys, type Props } from './helpers.js';
import type { TypeMapping } from './types.js';

const TARGET_TYPE = 'aws_appautoscaling_target';
const TABLE_TYPE = 'aws_dynamodb_table';

/** The single resource of `type` an attribute's expression refers to, if exactly one. */
function referenced(inst: TfInstance, attribute: string, type: string): string | undefined {
  const found = (inst.refs[attribute] ?? []).filter((address) => typeOf(address) === type);
  return found.length === 1 ? found[0] : undefined;
}

/** `module.m.aws_dynamodb_table.t["k"]` → `aws_dynamodb_table`. */
function typeOf(address: string): string | undefined {
  return /(?:^|\.)([a-z0-9_]+)\.[^.[]+(?:\[[^\]]*\])?$/.exec(address)?.[1];
}

/** `table/${aws_dynamodb_table.t.name}/index/byDate` in `.tf` text: what follows the table's reference. */
const TABLE_TEMPLATE =
  /^table\/\$\{\s*aws_dynamodb_table\.[\w-]+(?:\[[^\]]*\])?\.(?:name|id)\s*\}((?:\/index\/[^/${}]+)?)$/;

/**
 * A DynamoDB `resource_id` that refers to a table of the input: `table/${Table}` (plus the index) in
 * CloudFormation's `Fn::Sub` form, with `Table` a `Ref` to the table's address.
 */
function tableResourceId(inst: TfInstance, value: unknown): unknown {
  const table = referenced(inst, 'resource_id', TABLE_TYPE);
  if (!table) return value;
  const sub = (text: string, reason: string) =>
    unresolved({ 'Fn::Sub': [text, { Table: { Ref: table } }] }, reason);
  // `.tf` configuration: the template text, with the table's reference in it.
  if (isUnresolved(value) && typeof value.expression === 'string') {
    const m = TABLE_TEMPLATE.exec(value.expression);
    return m ? sub(`table/\${Table}${m[1]}`, value.reason) : value;
  }
  // A plan keeps no expression text: an unknown `"table/${aws_dynamodb_table.t.id}"` arrives as the
  // table's address alone. The table itself, unless the dimension is an index's, whose name is lost.
  if (value === table) {
    const dimension = inst.values.scalable_dimension;
    const index = typeof dimension === 'string' && dimension.startsWith('dynamodb:index:');
    return sub(index ? 'table/${Table}/index/(not known)' : 'table/${Table}', 'known after apply');
  }
  return value;
}

const scalableTarget: TypeMapping = {
  cfnType: 'AWS::ApplicationAutoScaling::ScalableTarget',
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, {
      service_namespace: 'ServiceNamespace',
      scalable_dimension: 'ScalableDimension',
      role_arn: 'RoleARN',
    });
    put(
      props,
      'ResourceId',
      v.service_namespace === 'dynamodb' ? tableResourceId(inst, v.resource_id) : v.resource_id,
    );
    put(props, 'MinCapacity', num(v.min_capacity));
    put(props, 'MaxCapacity', num(v.max_capacity));
    put(
      props,
      'SuspendedState',
      mapBlock(v.suspended_state, (s) =>
        compact({
          DynamicScalingInSuspended: s.dynamic_scaling_in_suspended,
          DynamicScalingOutSuspended: s.dynamic_scaling_out_suspended,
          ScheduledScalingSuspended: s.scheduled_scaling_suspended,
        }),
      ),
    );
    return props;
  },
};

/** `customized_metric_specification` in CloudFormation's names (`metric_name` → `MetricName`). */
function customizedMetric(value: unknown): unknown {
  return mapBlock(value, (m) => renameKeys(m, pascal) as Props);
}

const scalingPolicy: TypeMapping = {
  cfnType: 'AWS::ApplicationAutoScaling::ScalingPolicy',
  tags: 'none',
  props: (inst) => {
    const v = inst.values;
    const props = copy(v, { name: 'PolicyName', policy_type: 'PolicyType' });
    const target = referenced(inst, 'resource_id', TARGET_TYPE);
    if (target) props.ScalingTargetId = target;
    else
      copy(
        v,
        {
          service_namespace: 'ServiceNamespace',
          resource_id: 'ResourceId',
          scalable_dimension: 'ScalableDimension',
        },
        props,
      );
    put(
      props,
      'TargetTrackingScalingPolicyConfiguration',
      mapBlock(v.target_tracking_scaling_policy_configuration, (t) =>
        compact({
          TargetValue: num(t.target_value),
          DisableScaleIn: t.disable_scale_in,
          ScaleInCooldown: num(t.scale_in_cooldown),
          ScaleOutCooldown: num(t.scale_out_cooldown),
          PredefinedMetricSpecification: mapBlock(t.predefined_metric_specification, (p) =>
            compact({ PredefinedMetricType: p.predefined_metric_type, ResourceLabel: p.resource_label }),
          ),
          CustomizedMetricSpecification: customizedMetric(t.customized_metric_specification),
        }),
      ),
    );
    put(
      props,
      'StepScalingPolicyConfiguration',
      mapBlock(v.step_scaling_policy_configuration, (s) =>
        compact({
          AdjustmentType: s.adjustment_type,
          Cooldown: num(s.cooldown),
          MetricAggregationType: s.metric_aggregation_type,
          MinAdjustmentMagnitude: num(s.min_adjustment_magnitude),
          StepAdjustments: mapBlocks(s.step_adjustment, (a) =>
            compact({
              MetricIntervalLowerBound: num(a.metric_interval_lower_bound),
              MetricIntervalUpperBound: num(a.metric_interval_upper_bound),
              ScalingAdjustment: num(a.scaling_adjustment),
            }),
          ),
        }),
      ),
    );
    return props;
  },
};

export const typeMappings: Readonly<Record<string, TypeMapping>> = {
  aws_appautoscaling_target: scalableTarget,
  aws_appautoscaling_policy: scalingPolicy,
};
