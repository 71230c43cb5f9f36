import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ec2-launch-template-imdsv2-required.js';

describe('ec2-launch-template-imdsv2-required', () => {
  it('needs HttpTokens required in the template data', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/ec2-launch-template-imdsv2-required.yaml', import.meta.url),
    );
  });
});
