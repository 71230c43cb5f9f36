import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-default-root-object-configured.js';

describe('cloudfront-distribution-default-root-object-configured', () => {
  it('asks for a default root object where an S3 origin would answer the root URL', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-default-root-object-configured.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailS3OriginWithoutRootObject')?.reason).toContain(
      'no default root object',
    );
  });
});
