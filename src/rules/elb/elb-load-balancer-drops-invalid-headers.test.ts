import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-drops-invalid-headers.js';

describe('elb-load-balancer-drops-invalid-headers', () => {
  it('needs the drop attribute on application load balancers', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elb-load-balancer-drops-invalid-headers.yaml', import.meta.url),
    );
  });
});
