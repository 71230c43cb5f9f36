import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './lambda-function-reserved-concurrency-set.js';

describe('lambda-function-reserved-concurrency-set', () => {
  it('requires a reservation of at least 1', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/lambda-function-reserved-concurrency-set.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailThrottledToZero')?.reason).toContain(
      'every invocation is throttled',
    );
  });
});
