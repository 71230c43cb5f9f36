import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule, { minimumTls } from './elb-listener-tls-policy-secure.js';

describe('elb-listener-tls-policy-secure', () => {
  it('fails policies that accept TLS 1.0 or 1.1, including the default one', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/elb-listener-tls-policy-secure.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailDefaultPolicy')?.reason).toContain(
      'uses ELBSecurityPolicy-2016-08 (the default), which accepts TLS 1.0',
    );
  });

  it('reads the lowest version from policy names', () => {
    expect(minimumTls('ELBSecurityPolicy-TLS13-1-3-2021-06')).toBe(1.3);
    expect(minimumTls('ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06')).toBe(1.2);
    expect(minimumTls('ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09')).toBe(1.2);
    expect(minimumTls('ELBSecurityPolicy-FS-1-1-2019-08')).toBe(1.1);
    expect(minimumTls('ELBSecurityPolicy-TLS-1-0-2015-04')).toBe(1.0);
    expect(minimumTls('ELBSecurityPolicy-FS-2018-06')).toBe(1.0);
    expect(minimumTls('MyOwnPolicy')).toBeUndefined();
  });

  it('reads custom classic policies and reports unknown policy names as errors', () => {
    const classic = (id: string, attributes: object[]) =>
      resource('AWS::ElasticLoadBalancing::LoadBalancer', id, {
        Listeners: [{ LoadBalancerPort: 443, Protocol: 'SSL', PolicyNames: ['p'] }],
        Policies: [{ PolicyName: 'p', PolicyType: 'SSLNegotiationPolicyType', Attributes: attributes }],
      });
    expectResources(rule, [
      classic('FailCustomWithTls1', [
        { Name: 'Protocol-TLSv1', Value: 'true' },
        { Name: 'Protocol-TLSv1.2', Value: 'true' },
      ]),
      classic('PassCustomTls12Only', [{ Name: 'Protocol-TLSv1.2', Value: 'true' }]),
      // Policies a live collection could not read are not "no policy" (the default, TLS 1.0).
      resource('AWS::ElasticLoadBalancing::LoadBalancer', 'ErrorClassicPoliciesUnread', {
        Listeners: [{ LoadBalancerPort: 443, Protocol: 'HTTPS', PolicyNames: ['p'] }],
        Policies: unresolved('elb describe-load-balancer-policies', 'not read'),
      }),
      resource('AWS::ElasticLoadBalancingV2::Listener', 'ErrorUnknownPolicy', {
        Protocol: 'TLS',
        SslPolicy: 'SomethingNew-2030-01',
      }),
    ]);
  });
});
