import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-multi-az.js';

describe('elb-load-balancer-multi-az', () => {
  it('counts the zones of the subnets', async () => {
    await expectFixture(rule, new URL('./fixtures/elb-load-balancer-multi-az.yaml', import.meta.url));
  });

  it('reads the observed zones of live load balancers', () => {
    expectResources(rule, [
      resource(
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        'PassLive',
        { Subnets: ['subnet-x', 'subnet-y'] },
        {
          observed: { AvailabilityZones: [{ ZoneName: 'us-east-1a' }, { ZoneName: 'us-east-1c' }] },
        },
      ),
      resource('AWS::ElasticLoadBalancingV2::LoadBalancer', 'ErrorSubnetsNotInSnapshot', {
        Subnets: ['subnet-x', 'subnet-y'],
      }),
    ]);
  });
});
