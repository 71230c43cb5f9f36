import { describe, expect, it } from 'vitest';
import { expectFixture, expectTerraformFixture } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-replication-kms-objects-replicated.js';

describe('s3-bucket-replication-kms-objects-replicated', () => {
  it('requires SSE-KMS objects to be selected and re-encrypted by every rule', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-replication-kms-objects-replicated.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailKmsObjectsSkipped')?.reason).toContain(
      'rule plain-copy does not select KMS-encrypted objects',
    );
  });

  it('reads source_selection_criteria in Terraform', async () => {
    // Terraform addresses hold the outcome in their name: `aws_s3_bucket.PassSameRegion`.
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/s3-bucket-replication-kms-objects-replicated-terraform', import.meta.url),
    );
    expect(findings).toHaveLength(2);
  });
});
