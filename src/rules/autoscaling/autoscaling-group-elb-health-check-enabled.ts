import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';

const GROUP = 'AWS::AutoScaling::AutoScalingGroup';

/**
 * Compliant: an Auto Scaling group attached to a load balancer (`TargetGroupARNs` or
 * `LoadBalancerNames`) includes ELB in its `HealthCheckType` (a comma-separated list; EC2 is the
 * default). Groups behind no load balancer are not applicable.
 */
export default defineRule({
  id: 'autoscaling-group-elb-health-check-enabled',
  title: 'Auto Scaling group behind a load balancer uses ELB health checks',
  category: 'reliability',
  severity: 'medium',
  resourceTypes: [GROUP],
  rationale:
    "With EC2 health checks only, an Auto Scaling group replaces an instance when the hypervisor or the instance status check fails, not when the application on it stops answering. The load balancer then takes the broken instance out of service, but the group keeps it running forever and capacity stays reduced. Using the load balancer's health checks makes the group replace instances the load balancer considers unhealthy.",
  remediation: {
    text: "Set the group's health check type to ELB with a grace period long enough for the instances to boot.",
    cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name <asg-name> --health-check-type ELB --health-check-grace-period 300',
    cloudformation: 'HealthCheckType: ELB\nHealthCheckGracePeriod: 300',
    terraform:
      'resource "aws_autoscaling_group" "this" {\n  health_check_type         = "ELB"\n  health_check_grace_period = 300\n}',
  },
  controls: ['aws-fsbp:AutoScaling.1'],
  references: [
    'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-1',
  ],
  evaluate(group) {
    const who = `Auto Scaling group ${label(group)}`;
    const attached: string[] = [];
    for (const key of ['TargetGroupARNs', 'LoadBalancerNames'] as const) {
      const list = group.props[key];
      if (isUnresolved(list)) return error(`${who}: ${describeUnresolved(key, list)}.`);
      if (Array.isArray(list) && list.length > 0)
        attached.push(key === 'TargetGroupARNs' ? 'target groups' : 'classic load balancers');
    }
    if (attached.length === 0) return notApplicable(() => `${who} is not attached to a load balancer.`);
    const type = group.props.HealthCheckType;
    if (isUnresolved(type)) return error(`${who}: ${describeUnresolved('HealthCheckType', type)}.`);
    const types = typeof type === 'string' ? type.split(',').map((t) => t.trim().toUpperCase()) : ['EC2'];
    if (types.includes('ELB'))
      return pass(() => `${who} uses ELB health checks for its ${attached.join(' and ')}.`);
    const shown = typeof type === 'string' ? type : 'EC2 (the default)';
    return fail(
      `${who} is attached to ${attached.join(' and ')} but uses ${shown} health checks only, so it keeps instances the load balancer finds unhealthy.`,
    );
  },
});
