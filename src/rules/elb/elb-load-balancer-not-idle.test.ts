import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-not-idle.js';

const LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const requests = (perDay: number) => ({
  RequestCount: {
    Namespace: 'AWS/ApplicationELB',
    Statistic: 'Sum',
    Unit: 'Count',
    PeriodSeconds: 86400,
    Values: Array.from({ length: 14 }, () => perDay),
  },
});
const healthy = (id: string) => ({ Target: { Id: id, Port: 80 }, TargetHealth: { State: 'healthy' } });
const alb = (id: string, perDay: number) =>
  resource(
    LB,
    id,
    { Type: 'application' },
    { observed: { State: { Code: 'active' }, Metrics: requests(perDay) } },
  );
const listener = (lb: string, tg: string) =>
  resource(LISTENER, `listener-of-${lb}`, {
    LoadBalancerArn: lb,
    Protocol: 'HTTP',
    DefaultActions: [{ Type: 'forward', TargetGroupArn: tg }],
  });

describe('elb-load-balancer-not-idle', () => {
  it('applies the Trusted Advisor criteria: no targets, no healthy targets, or < 100 requests a day', () => {
    const findings = expectResources(rule, [
      alb('FailNoTargets', 3),
      listener('FailNoTargets', 'tg-empty'),
      resource(TG, 'tg-empty', {}, { observed: { TargetHealthDescriptions: [] } }),
      alb('FailFewRequests', 40),
      listener('FailFewRequests', 'tg-few'),
      resource(TG, 'tg-few', {}, { observed: { TargetHealthDescriptions: [healthy('i-1')] } }),
      alb('FailAllUnhealthy', 5000),
      listener('FailAllUnhealthy', 'tg-sick'),
      resource(
        TG,
        'tg-sick',
        {},
        {
          observed: {
            TargetHealthDescriptions: [{ Target: { Id: 'i-2' }, TargetHealth: { State: 'unhealthy' } }],
          },
        },
      ),
      alb('PassBusy', 2_400_000),
      listener('PassBusy', 'tg-busy'),
      resource(
        TG,
        'tg-busy',
        {},
        { observed: { TargetHealthDescriptions: [healthy('i-3'), healthy('i-4')] } },
      ),
      resource(LB, 'NotApplicableGateway', { Type: 'gateway' }),
      resource(
        LB,
        'NotApplicableTargetsButNoMetric',
        { Type: 'application' },
        { origin: { source: 'cloudformation' } },
      ),
      listener('NotApplicableTargetsButNoMetric', 'tg-declared'),
      resource(
        TG,
        'tg-declared',
        { Targets: [{ Id: 'i-5', Port: 80 }] },
        { origin: { source: 'cloudformation' } },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailNoTargets')?.reason).toBe(
      'Application load balancer FailNoTargets is idle: it has no back-end targets. It costs $16.43 a month before capacity units.',
    );
  });
});
