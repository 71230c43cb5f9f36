import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-origin-https-required.js';

describe('cloudfront-distribution-origin-https-required', () => {
  it('fails custom origins reached over HTTP, S3 website endpoints included', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-origin-https-required.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailWebsiteEndpoint')?.reason).toContain(
      'S3 website endpoint',
    );
  });
});
