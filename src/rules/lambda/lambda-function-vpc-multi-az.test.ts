import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './lambda-function-vpc-multi-az.js';

describe('lambda-function-vpc-multi-az', () => {
  it('reads the zones of the function’s subnets', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-vpc-multi-az.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailTwoSubnetsOneZone')?.reason).toContain(
      'runs only in us-east-1a',
    );
  });
});
