import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elb-load-balancer-deletion-protection-enabled.js';

describe('elb-load-balancer-deletion-protection-enabled', () => {
  it('needs deletion_protection.enabled true', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/elb-load-balancer-deletion-protection-enabled.yaml', import.meta.url),
    );
  });
});
