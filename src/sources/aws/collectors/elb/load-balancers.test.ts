/**
 * The Classic Load Balancer collector driven through the real SDK against the local endpoint with
 * recorded responses (two load balancers, one per page), and the ELB rules run on what it collected:
 * what the collector yields, and what it could not read, is what the rules judge.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Snapshot } from '../../../../model/index.js';
import type { Faults } from '../../../../../test/aws-endpoint/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { metrics } from '../cloudwatch/metrics.js';
import { loadBalancers } from './load-balancers.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collectRecorded = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [loadBalancers, metrics],
  now: NOW,
});

const WEB = 'web-classic';
const LEGACY = 'legacy-classic';

const ATTRIBUTE_RULES = [
  'elb-load-balancer-access-logs-enabled',
  'elb-load-balancer-cross-zone-enabled',
  'elb-load-balancer-desync-mitigation-defensive',
];
const RULES = [
  ...ATTRIBUTE_RULES,
  'elb-listener-tls-policy-secure',
  'elb-load-balancer-multi-az',
  'elb-load-balancer-not-idle',
];

async function collect(faults: Faults = {}) {
  return collectRecorded(faults);
}

function classic(snapshot: Snapshot, name: string) {
  const found = snapshot.resources.find(
    (r) => r.type === 'AWS::ElasticLoadBalancing::LoadBalancer' && r.id === name,
  );
  if (!found) throw new Error(`no classic load balancer ${name}`);
  return found;
}

describe('elb/load-balancers', () => {
  it('lists every page, and reads the attributes, policies and instance health the ELB rules judge', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    // One load balancer a page: the second page is asked for with the first page's NextMarker.
    const listed = endpoint.log.filter((r) => r.operation === 'DescribeLoadBalancers');
    expect(listed.map((r) => r.service)).toEqual(['elb', 'elb']);
    expect(listed[0]!.params.Marker).toBeUndefined();
    expect(listed[1]!.params.Marker).toEqual(expect.any(String));

    const web = classic(snapshot, WEB);
    expect(web.arn).toBe('arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/web-classic');
    expect(web.props).toMatchObject({
      LoadBalancerName: WEB,
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      Listeners: [
        {
          Protocol: 'HTTPS',
          LoadBalancerPort: '443',
          InstancePort: '80',
          PolicyNames: ['ELBSecurityPolicy-TLS-1-2-2017-01'],
        },
      ],
      CrossZone: true,
      AccessLoggingPolicy: {
        Enabled: true,
        S3BucketName: 'elb-logs-111122223333',
        S3BucketPrefix: 'web-classic',
        EmitInterval: 60,
      },
      ConnectionDrainingPolicy: { Enabled: true, Timeout: 300 },
      ConnectionSettings: { IdleTimeout: 60 },
    });
    expect(web.props.Policies).toEqual([
      expect.objectContaining({
        PolicyName: 'ELBSecurityPolicy-TLS-1-2-2017-01',
        PolicyType: 'SSLNegotiationPolicyType',
        LoadBalancerPorts: ['443'],
        Attributes: expect.arrayContaining([
          { Name: 'Reference-Security-Policy', Value: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
        ]),
      }),
    ]);
    expect(web.observed).toMatchObject({
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      LoadBalancerAttributes: {
        AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }],
      },
      InstanceStates: [
        expect.objectContaining({ InstanceId: 'i-0a1b2c3d4e5f60101', State: 'InService' }),
        expect.objectContaining({ InstanceId: 'i-0a1b2c3d4e5f60102', State: 'InService' }),
      ],
      Metrics: { RequestCount: expect.objectContaining({ Namespace: 'AWS/ELB', Statistic: 'Sum' }) },
    });
    // The metric is asked for by the classic dimension, the load balancer's name.
    const metricCall = endpoint.log.find((r) => r.operation === 'GetMetricData');
    expect(JSON.stringify(metricCall?.params)).toContain('"Name":"LoadBalancerName","Value":"web-classic"');

    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses).toEqual({
      'elb-load-balancer-access-logs-enabled': { [WEB]: 'pass', [LEGACY]: 'fail' },
      'elb-load-balancer-cross-zone-enabled': { [WEB]: 'pass', [LEGACY]: 'fail' },
      'elb-load-balancer-desync-mitigation-defensive': { [WEB]: 'pass', [LEGACY]: 'fail' },
      'elb-listener-tls-policy-secure': { [WEB]: 'pass', [LEGACY]: 'fail' },
      'elb-load-balancer-multi-az': { [WEB]: 'pass', [LEGACY]: 'fail' },
      'elb-load-balancer-not-idle': { [WEB]: 'pass', [LEGACY]: 'fail' },
    });
    const reason = (rule: string, id: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.id === id)?.reason ?? '';
    // Both weak listeners are named: the custom policy that enables TLS 1.0, and the old predefined one.
    expect(reason('elb-listener-tls-policy-secure', LEGACY)).toContain(
      'listener 443 uses custom policy legacy-clients-tls, which accepts TLS 1.0',
    );
    expect(reason('elb-listener-tls-policy-secure', LEGACY)).toContain(
      'listener 8443 uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0',
    );
    expect(reason('elb-load-balancer-desync-mitigation-defensive', LEGACY)).toContain('monitor');
    expect(reason('elb-load-balancer-multi-az', LEGACY)).toContain('spans 1 Availability Zone (us-east-1a)');
    expect(reason('elb-load-balancer-not-idle', LEGACY)).toContain('none of its 1 targets is healthy');
    expect(reason('elb-load-balancer-not-idle', WEB)).toContain(
      'served up to 5301 requests a day over the last 7 days',
    );
  });

  it('leaves the attributes of a load balancer whose attributes were denied unresolved: the rules give errors, not defaults', async () => {
    const { snapshot } = await collect({ deny: [`elb:DescribeLoadBalancerAttributes/${LEGACY}`] });
    const denied = snapshot.coverage.filter((g) => g.kind === 'access-denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.message).toContain('DescribeLoadBalancerAttributes');
    const legacy = classic(snapshot, LEGACY);
    for (const prop of ['CrossZone', 'AccessLoggingPolicy', 'ConnectionDrainingPolicy', 'ConnectionSettings'])
      expect(isUnresolved(legacy.props[prop]), prop).toBe(true);
    expect(isUnresolved(legacy.observed?.LoadBalancerAttributes)).toBe(true);
    // The other load balancer's attributes were read.
    expect(classic(snapshot, WEB).props.CrossZone).toBe(true);

    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    for (const id of ATTRIBUTE_RULES) expect(statuses[id], id).toEqual({ [WEB]: 'pass', [LEGACY]: 'error' });
    expect(
      findings.find(
        (f) => f.ruleId === 'elb-load-balancer-desync-mitigation-defensive' && f.resource.id === LEGACY,
      )?.reason,
    ).toContain('the load balancer attributes were not read');
    // Facts from other calls are still judged.
    expect(statuses['elb-listener-tls-policy-secure']).toEqual({ [WEB]: 'pass', [LEGACY]: 'fail' });
    expect(statuses['elb-load-balancer-multi-az']).toEqual({ [WEB]: 'pass', [LEGACY]: 'fail' });
  });

  it('gives an error for TLS listeners whose policies were not read, rather than assuming the default policy', async () => {
    const { snapshot } = await collect({ deny: ['elb:DescribeLoadBalancerPolicies'] });
    // One gap per load balancer whose policies were denied.
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied')).toHaveLength(2);
    expect(isUnresolved(classic(snapshot, WEB).props.Policies)).toBe(true);
    const { statuses } = statusesByRule(snapshot, ['elb-listener-tls-policy-secure'], NOW);
    expect(statuses['elb-listener-tls-policy-secure']).toEqual({ [WEB]: 'error', [LEGACY]: 'error' });
  });

  it('marks instance health unread, and judges idleness on the request metric alone', async () => {
    const { snapshot } = await collect({ deny: ['elb:DescribeInstanceHealth'] });
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied')).toHaveLength(2);
    expect(isUnresolved(classic(snapshot, LEGACY).observed?.InstanceStates)).toBe(true);
    const { statuses, findings } = statusesByRule(snapshot, ['elb-load-balancer-not-idle'], NOW);
    // Without health, the legacy load balancer is judged on its requests: at most 40 a day in 7 days.
    expect(statuses['elb-load-balancer-not-idle']).toEqual({ [WEB]: 'pass', [LEGACY]: 'fail' });
    expect(findings.find((f) => f.resource.id === LEGACY)?.reason).toContain('at most 40 requests a day');
  });
});
