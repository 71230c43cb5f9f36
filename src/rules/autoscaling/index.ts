import type { AnyRule } from '../rule.js';
import groupElbHealthCheckEnabled from './autoscaling-group-elb-health-check-enabled.js';
import groupLaunchTemplateUsed from './autoscaling-group-launch-template-used.js';
import groupMultiAz from './autoscaling-group-multi-az.js';
import groupProcessesNotSuspended from './autoscaling-group-processes-not-suspended.js';
import groupScalingPolicyAttached from './autoscaling-group-scaling-policy-attached.js';
import launchConfigurationImdsv2Required from './autoscaling-launch-configuration-imdsv2-required.js';

/** The Auto Scaling rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const autoscalingRules: readonly AnyRule[] = [
  groupElbHealthCheckEnabled,
  groupLaunchTemplateUsed,
  groupMultiAz,
  groupProcessesNotSuspended,
  groupScalingPolicyAttached,
  launchConfigurationImdsv2Required,
];
