import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-sni-enabled.js';

describe('cloudfront-distribution-sni-enabled', () => {
  it('fails dedicated-IP HTTPS on a custom certificate', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-sni-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailDedicatedIp')?.reason).toContain(
      'dedicated IP addresses (vip)',
    );
  });
});
