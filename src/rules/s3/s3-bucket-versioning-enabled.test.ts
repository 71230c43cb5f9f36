import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-versioning-enabled.js';

describe('s3-bucket-versioning-enabled', () => {
  it('passes Enabled, fails Suspended or absent, and never passes an unresolved status', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-versioning-enabled.yaml', import.meta.url),
    );
    const imported = findings.find((f) => f.resource.id === 'ErrorStatusFromAnotherStack');
    expect(imported?.reason).toContain('VersioningConfiguration.Status is not known');
    expect(imported?.reason).toContain('shared-versioning-status');
  });

  it('reads a live bucket the same way', () => {
    expectResources(rule, [
      resource('AWS::S3::Bucket', 'PassLive', { VersioningConfiguration: { Status: 'Enabled' } }),
      resource('AWS::S3::Bucket', 'FailLive', {}),
    ]);
  });
});
