import { describe, expect, it } from 'vitest';
import { expectFixture, expectTerraformFixture, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-replication-cross-region.js';

const BUCKET = 'AWS::S3::Bucket';
const dr = { tags: { 'dr-requirement': 'cross-region' } };
const replicateTo = (bucket: string) => ({
  VersioningConfiguration: { Status: 'Enabled' },
  ReplicationConfiguration: {
    Role: 'arn:aws:iam::123456789012:role/replication',
    Rules: [{ Id: `to-${bucket}`, Status: 'Enabled', Destination: { Bucket: `arn:aws:s3:::${bucket}` } }],
  },
});

describe('s3-bucket-replication-cross-region', () => {
  it('compares the regions of source and destination', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-replication-cross-region.yaml', import.meta.url),
      {
        // Live buckets, as the demo organisation has them: id = name.
        resources: [
          resource(
            BUCKET,
            'NotApplicableDocumentsDr',
            { BucketName: 'documents-dr' },
            { region: 'ap-southeast-1' },
          ),
          resource(BUCKET, 'NotApplicableStatementsReplica', { BucketName: 'statements-replica' }),
          resource(BUCKET, 'PassLiveCrossRegion', replicateTo('documents-dr'), dr),
          resource(BUCKET, 'FailLiveSameRegion', replicateTo('statements-replica'), dr),
        ],
      },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassLiveCrossRegion')).toContain(
      'in ap-southeast-1, another region than its own (us-east-1)',
    );
    expect(reason('FailLiveSameRegion')).toContain(
      'only within its own region: to NotApplicableStatementsReplica in us-east-1',
    );
    expect(reason('FailReplicatesWithinTemplate')).toContain('same template, so same region');
  });

  it('follows a Terraform destination ARN and compares the providers’ regions', async () => {
    // Terraform addresses hold the outcome in their name: `aws_s3_bucket.PassToEuWest1`.
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/s3-bucket-replication-cross-region-terraform', import.meta.url),
    );
    expect(findings).toHaveLength(6);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('aws_s3_bucket.PassToEuWest1')).toContain(
      'in eu-west-1, another region than its own (us-east-1)',
    );
    expect(reason('aws_s3_bucket.ErrorDestinationRegionNotKnown')).toContain('is not known');
  });
});
