import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './route53-health-check-healthy.js';

const HEALTH_CHECK = 'AWS::Route53::HealthCheck';
const config = (more: Record<string, unknown> = {}) => ({
  HealthCheckConfig: {
    Type: 'HTTPS',
    IPAddress: '203.0.113.80',
    Port: 443,
    ResourcePath: '/health',
    ...more,
  },
});
const report = (Region: string, Status: string) => ({
  Region,
  StatusReport: { Status, CheckedTime: '2026-06-01T11:59:00Z' },
});

describe('route53-health-check-healthy', () => {
  it('reads the status and names the failing checker regions', () => {
    const findings = expectResources(rule, [
      resource(HEALTH_CHECK, 'PassHealthy', config(), {
        observed: {
          Status: 'Healthy',
          HealthCheckObservations: [report('us-east-1', 'Success: HTTP Status Code 200, OK')],
        },
      }),
      resource(HEALTH_CHECK, 'FailUnhealthy', config(), {
        observed: {
          Status: 'Unhealthy',
          HealthCheckObservations: [
            report(
              'us-east-1',
              'Failure: Connection timed out. The endpoint or the internet connection is down.',
            ),
            report(
              'eu-west-1',
              'Failure: Connection timed out. The endpoint or the internet connection is down.',
            ),
          ],
        },
      }),
      // One checker in three succeeding is more than 18%: Route 53 considers the endpoint healthy.
      resource(HEALTH_CHECK, 'PassOneCheckerInThreeSucceeding', config(), {
        observed: {
          HealthCheckObservations: [
            report('us-east-1', 'Failure: HTTP Status Code 503, Service Unavailable'),
            report('eu-west-1', 'Failure: HTTP Status Code 503, Service Unavailable'),
            report('ap-southeast-1', 'Success: HTTP Status Code 200, OK'),
          ],
        },
      }),
      // One in eight (12.5%) is 18% or fewer: unhealthy.
      resource(HEALTH_CHECK, 'FailOneCheckerInEightSucceeding', config(), {
        observed: {
          HealthCheckObservations: [
            report('us-east-1', 'Success: HTTP Status Code 200, OK'),
            ...[
              'us-west-1',
              'us-west-2',
              'eu-west-1',
              'ap-southeast-1',
              'ap-southeast-2',
              'ap-northeast-1',
              'sa-east-1',
            ].map((region) => report(region, 'Failure: HTTP Status Code 503, Service Unavailable')),
          ],
        },
      }),
      resource(HEALTH_CHECK, 'FailDisabled', config({ Disabled: true })),
      resource(HEALTH_CHECK, 'NotApplicableTemplate', config()),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailUnhealthy')?.reason).toContain(
      'us-east-1: Failure: Connection timed out',
    );
  });
});
