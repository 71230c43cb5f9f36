import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './autoscaling-launch-configuration-imdsv2-required.js';

describe('autoscaling-launch-configuration-imdsv2-required', () => {
  it('needs HttpTokens required', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/autoscaling-launch-configuration-imdsv2-required.yaml', import.meta.url),
    );
  });
});
