import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-kms-encryption-enabled.js';

describe('cloudtrail-trail-kms-encryption-enabled', () => {
  it('passes a KMS key (also one of the template, whose ARN is known only after deploy)', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-kms-encryption-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailNoKey')?.reason).toContain('SSE-S3');
  });
});
