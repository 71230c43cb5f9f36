import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-waf-enabled.js';

describe('cloudfront-distribution-waf-enabled', () => {
  it('passes a web ACL by ARN or template reference', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-waf-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassWebAclReference')?.reason).toContain(
      'web ACL EdgeWebAcl',
    );
  });
});
