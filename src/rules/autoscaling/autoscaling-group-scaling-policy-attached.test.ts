import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-scaling-policy-attached.js';

describe('autoscaling-group-scaling-policy-attached', () => {
  it('needs a scaling policy or scheduled action when the size may vary', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/autoscaling-group-scaling-policy-attached.yaml', import.meta.url),
    );
  });
});
