import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-noncurrent-versions-expire.js';

describe('s3-bucket-noncurrent-versions-expire', () => {
  it('requires an enabled rule that expires noncurrent versions on versioned buckets', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-noncurrent-versions-expire.yaml', import.meta.url),
    );
  });

  it('leaves out a live bucket with MFA delete', () => {
    expectResources(rule, [
      resource(
        'AWS::S3::Bucket',
        'NotApplicableMfaDelete',
        { VersioningConfiguration: { Status: 'Enabled' } },
        { observed: { MFADelete: 'Enabled' } },
      ),
      resource(
        'AWS::S3::Bucket',
        'FailLive',
        { VersioningConfiguration: { Status: 'Enabled' } },
        { observed: { MFADelete: 'Disabled' } },
      ),
    ]);
  });
});
