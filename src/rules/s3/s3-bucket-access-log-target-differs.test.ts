import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  expectTerraformFixture,
  resource,
} from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-access-log-target-differs.js';

const BUCKET = 'AWS::S3::Bucket';
const logsTo = (target: string) => ({ LoggingConfiguration: { DestinationBucketName: target } });

describe('s3-bucket-access-log-target-differs', () => {
  it('requires a different target bucket, found in the snapshot', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-access-log-target-differs.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailLogsToItselfByDefault')?.reason).toContain(
      'to itself',
    );
  });

  it('fails a target in another region or account (live buckets, id = name)', () => {
    const findings = expectResources(rule, [
      resource(BUCKET, 'NotApplicableLogsUsEast1', {}, { name: 'logs-us-east-1' }),
      resource(BUCKET, 'NotApplicableLogsEuWest1', {}, { region: 'eu-west-1' }),
      resource(BUCKET, 'NotApplicableLogsOtherAccount', {}, { account: '210987654321' }),
      resource(BUCKET, 'PassSameRegion', logsTo('logs-us-east-1')),
      resource(BUCKET, 'FailOtherRegion', logsTo('NotApplicableLogsEuWest1')),
      resource(BUCKET, 'FailOtherAccount', logsTo('NotApplicableLogsOtherAccount')),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailOtherRegion')?.reason).toContain('eu-west-1');
  });

  it('compares the regions of Terraform buckets, not their file', async () => {
    // Terraform addresses hold the outcome in their name: `aws_s3_bucket.PassSameRegion`.
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/s3-bucket-access-log-target-differs-terraform', import.meta.url),
    );
    expect(findings).toHaveLength(6);
    expect(
      findings.find((f) => f.resource.id === 'aws_s3_bucket.ErrorTargetRegionNotKnown')?.reason,
    ).toContain('the region of one of them is not known');
  });
});
