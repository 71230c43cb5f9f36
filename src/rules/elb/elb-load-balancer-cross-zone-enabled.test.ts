import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-cross-zone-enabled.js';

describe('elb-load-balancer-cross-zone-enabled', () => {
  it('needs cross-zone balancing on classic, network and gateway load balancers', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elb-load-balancer-cross-zone-enabled.yaml', import.meta.url),
    );
  });
});
