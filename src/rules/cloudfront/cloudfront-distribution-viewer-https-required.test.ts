import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-viewer-https-required.js';

describe('cloudfront-distribution-viewer-https-required', () => {
  it('fails any cache behavior that allows plain HTTP', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-viewer-https-required.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailOnePathAllowsHttp')?.reason).toContain(
      'cache behavior /legacy/* allows all protocols',
    );
  });
});
