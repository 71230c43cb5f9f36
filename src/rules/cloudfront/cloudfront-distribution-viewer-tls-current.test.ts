import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-viewer-tls-current.js';

describe('cloudfront-distribution-viewer-tls-current', () => {
  it('requires TLSv1.2_2021 or newer on custom certificates', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-viewer-tls-current.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailTls12_2019')?.reason).toContain(
      'older than TLSv1.2_2021',
    );
  });
});
