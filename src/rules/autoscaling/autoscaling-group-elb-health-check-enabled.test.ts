import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-elb-health-check-enabled.js';

describe('autoscaling-group-elb-health-check-enabled', () => {
  it('needs ELB among the health check types of groups behind a load balancer', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/autoscaling-group-elb-health-check-enabled.yaml', import.meta.url),
    );
  });

  it('counts traffic sources: ELB checks for load balancers, VPC_LATTICE checks for Lattice', () => {
    const group = (id: string, props: Record<string, unknown>) =>
      resource('AWS::AutoScaling::AutoScalingGroup', id, { MinSize: '1', MaxSize: '2', ...props });
    const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
    const lattice = 'arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0123456789abcdef0';
    const findings = expectResources(rule, [
      group('PassTrafficSourceElb', {
        TrafficSources: [{ Identifier: tg, Type: 'elbv2' }],
        HealthCheckType: 'ELB',
      }),
      group('FailTrafficSourceEc2Only', { TrafficSources: [{ Identifier: tg, Type: 'elbv2' }] }),
      group('PassLatticeChecks', {
        TrafficSources: [{ Identifier: lattice, Type: 'vpc-lattice' }],
        HealthCheckType: 'VPC_LATTICE',
      }),
      group('FailLatticeWithElbChecks', {
        TrafficSources: [{ Identifier: lattice, Type: 'vpc-lattice' }],
        HealthCheckType: 'ELB',
      }),
      group('NotApplicableNoTraffic', {}),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailLatticeWithElbChecks')?.reason).toContain(
      'without VPC_LATTICE',
    );
  });
});
