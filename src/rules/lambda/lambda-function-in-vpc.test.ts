import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './lambda-function-in-vpc.js';

describe('lambda-function-in-vpc', () => {
  it('requires subnets in VpcConfig', async () => {
    await expectFixture(rule, new URL('./fixtures/lambda-function-in-vpc.yaml', import.meta.url));
  });
});
