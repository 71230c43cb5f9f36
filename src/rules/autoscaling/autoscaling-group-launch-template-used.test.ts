import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-group-launch-template-used.js';

describe('autoscaling-group-launch-template-used', () => {
  it('fails groups on launch configurations', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/autoscaling-group-launch-template-used.yaml', import.meta.url),
    );
  });
});
