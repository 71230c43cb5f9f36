import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  expectTerraformFixture,
  resource,
} from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-secure-transport-required.js';

const denyHttp = (resourceArn: string | string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resourceArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });

describe('s3-bucket-secure-transport-required', () => {
  it('requires Deny s3:* to everyone on the objects when aws:SecureTransport is false', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-secure-transport-required.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailDenyOnBucketOnly')).toContain(
      'covers the bucket or a key prefix, not all its objects',
    );
    expect(reason('FailDenyOnlyPuts')).toContain('denies only some actions');
    expect(reason('ErrorPrincipalChosenAtDeploy')).toContain('Principal.AWS is not known');
  });

  it('reads live policy text', () => {
    expectResources(rule, [
      resource('AWS::S3::Bucket', 'PassLiveDocs', {
        BucketName: 'live-docs',
        PolicyDocument: denyHttp(['arn:aws:s3:::live-docs', 'arn:aws:s3:::live-docs/*']),
      }),
      resource('AWS::S3::Bucket', 'PassWildcardResource', { PolicyDocument: denyHttp('arn:aws:s3:::*') }),
      resource('AWS::S3::Bucket', 'FailOtherBucketsObjects', {
        BucketName: 'mine',
        PolicyDocument: denyHttp('arn:aws:s3:::someone-else/*'),
      }),
      resource('AWS::S3::Bucket', 'ErrorUnreadablePolicy', { PolicyDocument: '{' }),
    ]);
  });

  it('does not count a guard narrowed by another condition: conditions are ANDed', () => {
    const guard = (Condition: Record<string, unknown>) =>
      JSON.stringify({
        Statement: [
          {
            Sid: 'DenyHttp',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: 'arn:aws:s3:::*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' }, ...Condition },
          },
        ],
      });
    const findings = expectResources(rule, [
      resource('AWS::S3::Bucket', 'FailGuardOnlyFromOneEndpoint', {
        PolicyDocument: guard({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }),
      }),
      resource('AWS::S3::Bucket', 'PassGuardAlone', { PolicyDocument: guard({}) }),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailGuardOnlyFromOneEndpoint')?.reason).toContain(
      'denies plain HTTP only to requests that also match StringEquals aws:SourceVpce (conditions are ANDed)',
    );
  });

  it('reads the bucket references a Terraform configuration writes in its policy', async () => {
    // Terraform addresses hold the outcome in their name: `aws_s3_bucket.PassArnReference`.
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/s3-bucket-secure-transport-required-terraform', import.meta.url),
    );
    expect(findings).toHaveLength(7);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('aws_s3_bucket.FailBucketArnOnly')).toContain(
      'covers the bucket or a key prefix, not all its objects',
    );
    expect(reason('aws_s3_bucket.FailPrefixOnly')).toContain('covers the bucket or a key prefix');
    expect(reason('aws_s3_bucket.ErrorArnFromDataSource')).toContain('data.aws_s3_bucket.shared.arn');
  });
});
