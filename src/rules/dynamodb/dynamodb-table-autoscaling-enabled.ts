import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, pass } from '../rule.js';
import {
  billingMode,
  capacityNeeds,
  describeNeed,
  GLOBAL_TABLE,
  globalTableUnscaled,
  TABLE,
  tableScaling,
} from './capacity.js';

/** How reasons name the table: `DynamoDB table <id>`. */
function who(table: Resource): string {
  return `DynamoDB table ${label(table)}`;
}

/**
 * Compliant: the table is on-demand (PAY_PER_REQUEST), or every provisioned capacity dimension
 * (read and write, of the table and of each global secondary index) is managed by Application Auto
 * Scaling: a scalable target with a scaling policy and room between MinCapacity and MaxCapacity.
 */
export default defineRule({
  id: 'dynamodb-table-autoscaling-enabled',
  title: 'DynamoDB table scales its capacity with demand',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [TABLE, GLOBAL_TABLE],
  rationale:
    'A provisioned table with fixed read and write capacity units throttles every request above them, so the peak hour of a social feed turns into ProvisionedThroughputExceeded errors and retries. Application Auto Scaling (target tracking on consumed capacity) raises RCU/WCU as the traffic grows and lowers them afterwards; on-demand mode removes capacity planning altogether. Putting an SQS queue in front does not fix it: it only delays the throttled writes, and reads still fail.',
  remediation: {
    text: 'Register the table (and each GSI) read and write capacity with Application Auto Scaling and add target-tracking policies (for example 70 % utilisation), or switch the table to on-demand capacity.',
    cli: 'aws application-autoscaling register-scalable-target --service-namespace dynamodb --resource-id table/<table> --scalable-dimension dynamodb:table:ReadCapacityUnits --min-capacity 5 --max-capacity 500\naws application-autoscaling put-scaling-policy --service-namespace dynamodb --resource-id table/<table> --scalable-dimension dynamodb:table:ReadCapacityUnits --policy-name <table>-read --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration \'{"TargetValue":70,"PredefinedMetricSpecification":{"PredefinedMetricType":"DynamoDBReadCapacityUtilization"}}\'\n# repeat for WriteCapacityUnits, or: aws dynamodb update-table --table-name <table> --billing-mode PAY_PER_REQUEST',
    cloudformation:
      'ReadScaling:\n  Type: AWS::ApplicationAutoScaling::ScalableTarget\n  Properties:\n    ServiceNamespace: dynamodb\n    ResourceId: !Sub table/${Table}\n    ScalableDimension: dynamodb:table:ReadCapacityUnits\n    MinCapacity: 5\n    MaxCapacity: 500\nReadScalingPolicy:\n  Type: AWS::ApplicationAutoScaling::ScalingPolicy\n  Properties:\n    PolicyName: read-target-tracking\n    PolicyType: TargetTrackingScaling\n    ScalingTargetId: !Ref ReadScaling\n    TargetTrackingScalingPolicyConfiguration:\n      TargetValue: 70\n      PredefinedMetricSpecification: { PredefinedMetricType: DynamoDBReadCapacityUtilization }\n# the same for WriteCapacityUnits',
    terraform:
      'resource "aws_appautoscaling_target" "read" {\n  service_namespace  = "dynamodb"\n  resource_id        = "table/${aws_dynamodb_table.this.name}"\n  scalable_dimension = "dynamodb:table:ReadCapacityUnits"\n  min_capacity       = 5\n  max_capacity       = 500\n}\nresource "aws_appautoscaling_policy" "read" {\n  name               = "read-target-tracking"\n  policy_type        = "TargetTrackingScaling"\n  service_namespace  = aws_appautoscaling_target.read.service_namespace\n  resource_id        = aws_appautoscaling_target.read.resource_id\n  scalable_dimension = aws_appautoscaling_target.read.scalable_dimension\n  target_tracking_scaling_policy_configuration {\n    target_value = 70\n    predefined_metric_specification { predefined_metric_type = "DynamoDBReadCapacityUtilization" }\n  }\n}',
  },
  controls: ['aws-fsbp:DynamoDB.1'],
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html',
    'https://docs.aws.amazon.com/autoscaling/application/userguide/what-is-application-auto-scaling.html',
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html',
  ],
  evaluate(table, ctx) {
    const mode = billingMode(table);
    if (!mode.known) return error(`${who(table)}: ${mode.reason}.`);
    if (mode.value === 'PAY_PER_REQUEST') {
      return pass(() => `${who(table)} uses on-demand capacity, which scales with demand.`);
    }
    const fixed = mode.defaulted ? ' (BillingMode not set, so PROVISIONED)' : '';
    if (table.type === GLOBAL_TABLE) {
      const missing = globalTableUnscaled(table);
      if (!Array.isArray(missing)) return error(`${who(table)}: ${missing.unknown}.`);
      if (missing.length === 0)
        return pass(() => `${who(table)} auto scales its provisioned capacity in every replica.`);
      return fail(`${who(table)} has fixed provisioned ${missing.join(', ')}${fixed}, without auto scaling.`);
    }
    const needs = capacityNeeds(table);
    if (!Array.isArray(needs)) return error(`${who(table)}: ${needs.unknown}.`);
    const scaling = tableScaling(table, needs, ctx.graph);
    const problems: string[] = [];
    let unknown: string | undefined;
    scaling.forEach((s, i) => {
      const what = describeNeed(needs[i]!);
      if (s.state === 'fixed') problems.push(`${what} is fixed`);
      else if (s.state === 'no-policy')
        problems.push(`${what} has scalable target ${label(s.target)} but no scaling policy`);
      else if (s.state === 'no-range') problems.push(`${what} has MaxCapacity no higher than MinCapacity`);
      else if (s.state === 'unknown') unknown ??= s.reason;
    });
    if (problems.length > 0) {
      return fail(
        `${who(table)} is provisioned${fixed} without working auto scaling: ${problems.join('; ')}.`,
      );
    }
    if (unknown) return error(`${who(table)}: ${unknown}.`);
    return pass(() => `${who(table)} auto scales its provisioned read and write capacity.`);
  },
});
