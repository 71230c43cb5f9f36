import { isUnresolved } from '../../model/index.js';
import { defineRule, describeUnresolved, error, fail, label, notApplicable, pass } from '../rule.js';

const GROUP = 'AWS::AutoScaling::AutoScalingGroup';

/** What each traffic source type is called in reasons, and the health check type that follows it. */
const TRAFFIC_SOURCES: Record<string, { what: string; check: 'ELB' | 'VPC_LATTICE' }> = {
  elb: { what: 'classic load balancers', check: 'ELB' },
  elbv2: { what: 'target groups', check: 'ELB' },
  'vpc-lattice': { what: 'VPC Lattice target groups', check: 'VPC_LATTICE' },
};

/**
 * Compliant: an Auto Scaling group attached to a load balancer (`TargetGroupARNs`,
 * `LoadBalancerNames`, or `TrafficSources` of type `elb` / `elbv2`) includes ELB in its
 * `HealthCheckType` (a comma-separated list; EC2 is the default), and one attached to VPC Lattice
 * (`vpc-lattice` traffic sources) includes VPC_LATTICE. Groups behind neither are not applicable.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/attach-traffic-source.html
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
    // What the group is attached to, and the health check types that attachment asks for.
    const attached = new Set<string>();
    const needed = new Set<'ELB' | 'VPC_LATTICE'>();
    for (const key of ['TargetGroupARNs', 'LoadBalancerNames'] as const) {
      const list = group.props[key];
      if (isUnresolved(list)) return error(`${who}: ${describeUnresolved(key, list)}.`);
      if (Array.isArray(list) && list.length > 0) {
        attached.add(key === 'TargetGroupARNs' ? 'target groups' : 'classic load balancers');
        needed.add('ELB');
      }
    }
    const sources = group.props.TrafficSources;
    if (isUnresolved(sources)) return error(`${who}: ${describeUnresolved('TrafficSources', sources)}.`);
    if (Array.isArray(sources)) {
      for (let i = 0; i < sources.length; i++) {
        const kind = (sources[i] as { Type?: unknown } | null)?.Type;
        if (isUnresolved(kind))
          return error(`${who}: ${describeUnresolved(`TrafficSources[${i}].Type`, kind)}.`);
        const known = typeof kind === 'string' ? TRAFFIC_SOURCES[kind] : undefined;
        if (!known) continue;
        attached.add(known.what);
        needed.add(known.check);
      }
    }
    if (attached.size === 0) return notApplicable(() => `${who} is not attached to a load balancer.`);
    const type = group.props.HealthCheckType;
    if (isUnresolved(type)) return error(`${who}: ${describeUnresolved('HealthCheckType', type)}.`);
    const types = typeof type === 'string' ? type.split(',').map((t) => t.trim().toUpperCase()) : ['EC2'];
    const missing = [...needed].filter((t) => !types.includes(t));
    const what = [...attached].join(' and ');
    if (missing.length === 0)
      return pass(() => `${who} uses ${[...needed].join(' and ')} health checks for its ${what}.`);
    const shown = typeof type === 'string' ? type : 'EC2 (the default)';
    return fail(
      `${who} is attached to ${what} but uses ${shown} health checks only, without ${missing.join(' and ')}, so it keeps instances the load balancer finds unhealthy.`,
    );
  },
});
