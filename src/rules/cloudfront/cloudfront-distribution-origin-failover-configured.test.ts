import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-origin-failover-configured.js';

describe('cloudfront-distribution-origin-failover-configured', () => {
  it('requires an origin group that a cache behavior routes to', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-origin-failover-configured.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailGroupNotRoutedTo')?.reason).toContain(
      'no cache behavior routes to it',
    );
  });
});
