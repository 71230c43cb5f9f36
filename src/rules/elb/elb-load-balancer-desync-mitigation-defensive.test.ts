import { describe, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-desync-mitigation-defensive.js';

describe('elb-load-balancer-desync-mitigation-defensive', () => {
  it('fails monitor mode on application load balancers', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elb-load-balancer-desync-mitigation-defensive.yaml', import.meta.url),
    );
  });

  it('reads the classic attribute from describe-load-balancer-attributes', () => {
    const classic = (id: string, mode: string) =>
      resource(
        'AWS::ElasticLoadBalancing::LoadBalancer',
        id,
        {},
        {
          observed: {
            LoadBalancerAttributes: {
              AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: mode }],
            },
          },
        },
      );
    expectResources(rule, [
      classic('FailClassicMonitor', 'monitor'),
      classic('PassClassicDefensive', 'defensive'),
      // Attributes a live collection could not read are not the default mode.
      resource(
        'AWS::ElasticLoadBalancing::LoadBalancer',
        'ErrorClassicAttributesUnread',
        {},
        {
          observed: {
            LoadBalancerAttributes: unresolved('elb describe-load-balancer-attributes', 'not read'),
          },
        },
      ),
    ]);
  });
});
