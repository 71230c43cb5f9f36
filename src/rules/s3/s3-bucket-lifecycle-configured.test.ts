import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-lifecycle-configured.js';

describe('s3-bucket-lifecycle-configured', () => {
  it('passes an enabled rule and fails none or only disabled ones', async () => {
    await expectFixture(rule, new URL('./fixtures/s3-bucket-lifecycle-configured.yaml', import.meta.url));
  });

  it('leaves out a live bucket with MFA delete, which S3 allows no lifecycle on', () => {
    expectResources(rule, [
      resource(
        'AWS::S3::Bucket',
        'NotApplicableMfaDelete',
        { VersioningConfiguration: { Status: 'Enabled' } },
        { observed: { MFADelete: 'Enabled' } },
      ),
      resource(
        'AWS::S3::Bucket',
        'FailMfaDeleteDisabled',
        { VersioningConfiguration: { Status: 'Enabled' } },
        { observed: { MFADelete: 'Disabled' } },
      ),
    ]);
  });
});
