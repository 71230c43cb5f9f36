import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-acls-disabled.js';

describe('s3-bucket-acls-disabled', () => {
  it('passes BucketOwnerEnforced, explicit or by default for new buckets', async () => {
    await expectFixture(rule, new URL('./fixtures/s3-bucket-acls-disabled.yaml', import.meta.url));
  });

  it('fails a live bucket without ownership controls: a legacy bucket with ACLs in force', () => {
    const findings = expectResources(rule, [
      resource('AWS::S3::Bucket', 'FailLegacyLive', {}),
      resource('AWS::S3::Bucket', 'PassLive', {
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailLegacyLive')?.reason).toContain(
      'older than April 2023',
    );
  });
});
