import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  expectTerraformFixture,
  resource,
  deniedListing,
} from '../../../test/rule-fixtures.js';
import rule from './cloudfront-distribution-s3-origin-access-control.js';

const fixture = new URL('./fixtures/cloudfront-distribution-s3-origin-access-control.yaml', import.meta.url);

describe('cloudfront-distribution-s3-origin-access-control', () => {
  it('requires OAC (or OAI) on S3 origins and a bucket that is not public', async () => {
    const findings = await expectFixture(rule, fixture);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailNoOacPublicBucket')).toContain(
      'neither origin access control nor an origin access identity',
    );
    expect(reason('FailOacButBucketStillPublic')).toContain('ImagesBucket is publicly readable too');
    expect(reason('PassBucketOfAnotherAccount')).toContain('acme-shared-media is not in the snapshot');
    expect(reason('NotApplicableWebsiteEndpoint')).toContain('S3 website endpoint');
  });

  it('follows a Terraform origin to its bucket, access control and identity by reference', async () => {
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/cloudfront-distribution-s3-origin-access-control-terraform', import.meta.url),
    );
    const reason = (name: string) =>
      findings.find((f) => f.resource.id === `aws_cloudfront_distribution.${name}`)?.reason;
    expect(reason('PassOacPrivateBucket')).toContain(
      'aws_s3_bucket.assets (acme-assets) through origin access control',
    );
    expect(reason('FailOacButBucketPublic')).toContain(
      'bucket aws_s3_bucket.images (acme-images) is publicly readable',
    );
    expect(reason('NotApplicableWebsiteEndpoint')).toContain('S3 website endpoint');
  });

  it('accepts only OAC when legacy identities are not allowed (Security Hub CloudFront.13)', () => {
    const distribution = (id: string, origin: Record<string, unknown>) =>
      resource(
        'AWS::CloudFront::Distribution',
        id,
        {
          DistributionConfig: {
            Enabled: true,
            Origins: [{ Id: 'media', DomainName: 'acme-media.s3.us-east-1.amazonaws.com', ...origin }],
            DefaultCacheBehavior: { TargetOriginId: 'media', ViewerProtocolPolicy: 'https-only' },
          },
        },
        { region: 'global' },
      );
    const findings = expectResources(
      rule,
      [
        distribution('FailLegacyIdentity', {
          S3OriginConfig: { OriginAccessIdentity: 'origin-access-identity/cloudfront/E1OAIEXAMPLE' },
        }),
        distribution('PassAccessControl', {
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: 'E2OACEXAMPLE',
        }),
      ],
      { params: { allowOriginAccessIdentity: false } },
    );
    expect(findings.find((f) => f.resource.id === 'FailLegacyIdentity')?.reason).toContain(
      'legacy origin access identity',
    );
  });
  it('does not call the origin bucket public when the account-level block was not read', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-media/*' },
      ],
    });
    const findings = expectResources(
      rule,
      [
        resource(
          'AWS::CloudFront::Distribution',
          'ErrorBucketAccountBlockUnread',
          {
            DistributionConfig: {
              Enabled: true,
              Origins: [
                {
                  Id: 'media',
                  DomainName: 'acme-media.s3.us-east-1.amazonaws.com',
                  S3OriginConfig: { OriginAccessIdentity: '' },
                  OriginAccessControlId: 'E2OACEXAMPLE',
                },
              ],
              DefaultCacheBehavior: { TargetOriginId: 'media', ViewerProtocolPolicy: 'https-only' },
            },
          },
          { region: 'global' },
        ),
        resource(
          'AWS::S3::Bucket',
          'acme-media',
          {
            BucketName: 'acme-media',
            PolicyDocument: policy,
            OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          },
          { name: 'acme-media' },
        ),
      ],
      { coverage: [deniedListing('AWS::S3::AccountPublicAccessBlock', '123456789012', 'global')] },
    );
    expect(findings[0]?.reason).toContain('the account-level Block Public Access settings were not read');
  });
});
