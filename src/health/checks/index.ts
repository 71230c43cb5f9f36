/**
 * Health checks of the health engine that no rule of `src/rules` makes: they read `observed`
 * facts (Lambda metrics, RDS events, Auto Scaling instances) with the rule API, so they run,
 * suppress and render like rules. Alarms, targets, ECS services, pipelines, DynamoDB throttling
 * and Route 53 health checks are rules of their services; the health question runs both.
 */
import type { AnyRule } from '../../rules/rule.js';
import autoscalingGroupInstancesHealthy from './autoscaling-group-instances-healthy.js';
import lambdaFunctionErrorsLow from './lambda-function-errors-low.js';
import lambdaFunctionNotThrottled from './lambda-function-not-throttled.js';
import rdsInstanceNoFailureEvents from './rds-instance-no-failure-events.js';

export const healthChecks: readonly AnyRule[] = [
  autoscalingGroupInstancesHealthy,
  lambdaFunctionErrorsLow,
  lambdaFunctionNotThrottled,
  rdsInstanceNoFailureEvents,
] as unknown as readonly AnyRule[];
