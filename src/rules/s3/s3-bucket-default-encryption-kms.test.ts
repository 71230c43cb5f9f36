import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-default-encryption-kms.js';

describe('s3-bucket-default-encryption-kms', () => {
  it('passes SSE-KMS and DSSE-KMS, fails SSE-S3 stated or by default', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-default-encryption-kms.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'PassAwsManagedKey')?.reason).toContain('aws/s3');
  });
});
