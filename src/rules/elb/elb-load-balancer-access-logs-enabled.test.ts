import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-access-logs-enabled.js';

describe('elb-load-balancer-access-logs-enabled', () => {
  it('reads the v2 attribute and the classic logging policy', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elb-load-balancer-access-logs-enabled.yaml', import.meta.url),
    );
  });
});
