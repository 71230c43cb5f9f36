import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './elb-target-group-targets-healthy.js';

const TG = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const described = (id: string, state: string, reason?: string, description?: string) => ({
  Target: { Id: id, Port: 8080 },
  HealthCheckPort: '8080',
  TargetHealth: {
    State: state,
    ...(reason ? { Reason: reason } : {}),
    ...(description ? { Description: description } : {}),
  },
});

describe('elb-target-group-targets-healthy', () => {
  it('names unhealthy targets with their reason (DescribeTargetHealth shape)', () => {
    const findings = expectResources(rule, [
      resource(
        TG,
        'FailOneUnhealthy',
        { Port: 8080 },
        {
          observed: {
            TargetHealthDescriptions: [
              described('i-api-1', 'healthy'),
              described(
                'i-api-2',
                'unhealthy',
                'Target.ResponseCodeMismatch',
                'Health checks failed with these codes: [503]',
              ),
            ],
          },
        },
      ),
      resource(
        TG,
        'PassAllHealthy',
        { Port: 80 },
        {
          observed: {
            TargetHealthDescriptions: [
              described('i-web-1', 'healthy'),
              described('i-web-2', 'initial', 'Elb.RegistrationInProgress'),
            ],
          },
        },
      ),
      resource(TG, 'NotApplicableTemplate', { Port: 80 }, { origin: { source: 'cloudformation' } }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOneUnhealthy')?.reason).toBe(
      'Target group FailOneUnhealthy has 1 of 2 targets unhealthy: i-api-2:8080 unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [503]).',
    );
  });

  it('reads the flattened describe-json shape and fails empty groups behind a load balancer', () => {
    expectResources(rule, [
      resource(
        TG,
        'FailFlatUnhealthy',
        {},
        {
          observed: { TargetHealth: [{ Id: 'i-1', Port: 80, State: 'unhealthy', Reason: 'Target.Timeout' }] },
        },
      ),
      resource(TG, 'FailEmptyBehindListener', {}, { observed: { TargetHealthDescriptions: [] } }),
      resource('AWS::ElasticLoadBalancingV2::Listener', 'arn:listener', {
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: 'FailEmptyBehindListener' }],
      }),
      resource(TG, 'NotApplicableEmptyAndUnused', {}, { observed: { TargetHealthDescriptions: [] } }),
    ]);
  });
});
