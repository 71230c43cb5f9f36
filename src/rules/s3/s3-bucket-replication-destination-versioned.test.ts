import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  expectTerraformFixture,
  resource,
} from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-replication-destination-versioned.js';

const replicateTo = (bucket: string) => ({
  VersioningConfiguration: { Status: 'Enabled' },
  ReplicationConfiguration: {
    Role: 'arn:aws:iam::123456789012:role/replication',
    Rules: [{ Status: 'Enabled', Destination: { Bucket: `arn:aws:s3:::${bucket}` } }],
  },
});

describe('s3-bucket-replication-destination-versioned', () => {
  it('checks the source and each destination of a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-replication-destination-versioned.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailDestinationSuspended')).toContain(
      'NotApplicableSuspendedReplica (acme-invoices-replica) (rule to-invoices-replica) has versioning suspended',
    );
    expect(reason('FailSourceNotVersioned')).toContain('the source has never had versioning enabled');
    expect(reason('ErrorDestinationInAnotherStack')).toContain(
      'bucket-of-another-stack of rule #1 is not in the snapshot',
    );
  });

  it('follows a live destination in another region by name', () => {
    const findings = expectResources(rule, [
      resource(
        'AWS::S3::Bucket',
        'NotApplicableDr',
        { BucketName: 'invoices-dr', VersioningConfiguration: { Status: 'Suspended' } },
        { region: 'ap-southeast-1' },
      ),
      resource('AWS::S3::Bucket', 'FailLiveSource', replicateTo('invoices-dr')),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailLiveSource')?.reason).toContain(
      'destination NotApplicableDr (rule #1) has versioning suspended',
    );
  });

  it('follows Terraform destination ARNs to the buckets of the plan', async () => {
    // Terraform addresses hold the outcome in their name: `aws_s3_bucket.PassSameRegion`.
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/s3-bucket-replication-destination-versioned-terraform', import.meta.url),
    );
    expect(findings).toHaveLength(4);
    expect(
      findings.find((f) => f.resource.id === 'aws_s3_bucket.FailDestinationUnversioned')?.reason,
    ).toContain('destination aws_s3_bucket.NotApplicableReturnsReplica');
  });
});
