import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-access-logging-enabled.js';

describe('cloudfront-distribution-access-logging-enabled', () => {
  it('accepts standard logging to S3 and logging v2 delivery sources', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-access-logging-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassLoggingV2')?.reason).toContain(
      'delivery source AccessLogSource',
    );
  });
});
