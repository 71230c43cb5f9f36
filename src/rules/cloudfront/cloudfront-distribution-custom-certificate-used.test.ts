import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-custom-certificate-used.js';

describe('cloudfront-distribution-custom-certificate-used', () => {
  it('fails the default *.cloudfront.net certificate, stated or by default', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-custom-certificate-used.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailNoViewerCertificate')?.reason).toContain(
      'default *.cloudfront.net certificate',
    );
  });
});
