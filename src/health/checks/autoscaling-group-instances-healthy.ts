import { defineRule, fail, label, notApplicable, pass } from '../../rules/rule.js';

interface AsgInstance {
  InstanceId?: unknown;
  HealthStatus?: unknown;
  LifecycleState?: unknown;
  AvailabilityZone?: unknown;
}

/**
 * Healthy: every instance of the Auto Scaling group is `Healthy` and `InService` (or in a normal
 * transition), from `observed.Instances` as DescribeAutoScalingGroups returns them.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html
 */
export default defineRule({
  id: 'autoscaling-group-instances-healthy',
  title: 'Auto Scaling group instances are healthy',
  category: 'health',
  severity: 'high',
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  rationale:
    'Auto Scaling replaces an instance it marks Unhealthy; an instance that stays Unhealthy means replacement is failing or suspended, and the group runs below the capacity it was sized for.',
  remediation: {
    text: 'Find why the instance fails its EC2 or ELB health check (status checks, the target group’s reason code); resume the ReplaceUnhealthy process if it was suspended, or set the instance’s health so Auto Scaling replaces it.',
    cli: 'aws autoscaling describe-auto-scaling-instances --instance-ids <instance-id>\naws autoscaling set-instance-health --instance-id <instance-id> --health-status Unhealthy',
  },
  controls: [],
  references: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html'],
  evaluate(asg) {
    const who = `Auto Scaling group ${label(asg)}`;
    const instances = asg.observed?.Instances;
    if (!Array.isArray(instances)) {
      return notApplicable(`${who} has no observed instances (known only in a live account).`);
    }
    const bad = (instances as AsgInstance[]).filter(
      (i) =>
        i?.HealthStatus === 'Unhealthy' ||
        (typeof i?.LifecycleState === 'string' && /Unhealthy|Quarantined/.test(i.LifecycleState)),
    );
    if (bad.length === 0) return pass(`${who}: all ${instances.length} instances are healthy.`);
    const list = bad
      .map(
        (i) =>
          `${String(i.InstanceId)} (${String(i.HealthStatus)}, ${String(i.LifecycleState)}${typeof i.AvailabilityZone === 'string' ? `, ${i.AvailabilityZone}` : ''})`,
      )
      .join(', ');
    return fail(`${who} has ${bad.length} of ${instances.length} instances unhealthy: ${list}.`);
  },
});
