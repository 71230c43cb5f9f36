import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-origin-tls-current.js';

describe('cloudfront-distribution-origin-tls-current', () => {
  it('fails deprecated origin protocols, and the CloudFormation default list', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-origin-tls-current.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailDefaultProtocolsIncludeSslv3')?.reason).toContain(
      'TLSv1, SSLv3 (CloudFormation default',
    );
  });
});
