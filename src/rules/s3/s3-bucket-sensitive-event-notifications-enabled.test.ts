import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-sensitive-event-notifications-enabled.js';

describe('s3-bucket-sensitive-event-notifications-enabled', () => {
  it('requires every creation and removal event on buckets tagged sensitive', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-sensitive-event-notifications-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailOnlyPutsNotified')?.reason).toContain(
      'leave out s3:ObjectCreated:Post, s3:ObjectCreated:Copy, s3:ObjectCreated:CompleteMultipartUpload, s3:ObjectRemoved:DeleteMarkerCreated',
    );
  });

  it('finds sensitive buckets by name pattern, or takes every bucket', () => {
    expectResources(
      rule,
      [
        resource('AWS::S3::Bucket', 'FailHrByName', { BucketName: 'acme-hr-records' }),
        resource('AWS::S3::Bucket', 'NotApplicableOtherName', { BucketName: 'acme-website' }),
      ],
      { params: { bucketNamePatterns: ['*-hr-*'] } },
    );
    expectResources(rule, [resource('AWS::S3::Bucket', 'FailAnyBucket', {})], {
      params: { allBuckets: true },
    });
  });
});
