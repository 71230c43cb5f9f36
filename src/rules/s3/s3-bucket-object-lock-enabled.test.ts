import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-object-lock-enabled.js';

describe('s3-bucket-object-lock-enabled', () => {
  it('requires Object Lock on buckets classified critical', async () => {
    await expectFixture(rule, new URL('./fixtures/s3-bucket-object-lock-enabled.yaml', import.meta.url));
  });

  it('takes critical buckets by name pattern', () => {
    expectResources(
      rule,
      [
        resource('AWS::S3::Bucket', 'FailLedgerByName', { BucketName: 'acme-ledger' }),
        resource('AWS::S3::Bucket', 'NotApplicableOther', { BucketName: 'acme-web' }),
      ],
      { params: { bucketNamePatterns: ['*-ledger'] } },
    );
  });
});
