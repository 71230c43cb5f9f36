import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  expectedStatus,
  expectFixture,
  expectResources,
  resource,
  TEST_NOW,
} from '../../../test/rule-fixtures.js';
import { runRules } from '../../engine/index.js';
import { terraformSource } from '../../sources/terraform/index.js';
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

  it('reads the bucket references a Terraform configuration writes in its policy', async () => {
    // Terraform addresses hold the outcome in their name: `aws_s3_bucket.PassArnReference`.
    const dir = fileURLToPath(
      new URL('./fixtures/s3-bucket-secure-transport-required-terraform', import.meta.url),
    );
    const snapshot = await terraformSource.load(dir, {});
    const findings = runRules(snapshot, { rules: [rule], now: TEST_NOW }).findings;
    const outcome = (id: string) => expectedStatus(id.slice(id.lastIndexOf('.') + 1));
    const buckets = snapshot.resources.filter((r) => r.type === 'AWS::S3::Bucket');
    expect(buckets.map((b) => b.id)).toHaveLength(7);
    expect(Object.fromEntries(findings.map((f) => [f.resource.id, `${f.status}: ${f.reason}`]))).toEqual(
      Object.fromEntries(
        buckets.map((b) => [b.id, expect.stringMatching(new RegExp(`^${outcome(b.id)}: `))]),
      ),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('aws_s3_bucket.FailBucketArnOnly')).toContain(
      'covers the bucket or a key prefix, not all its objects',
    );
    expect(reason('aws_s3_bucket.FailPrefixOnly')).toContain('covers the bucket or a key prefix');
    expect(reason('aws_s3_bucket.ErrorArnFromDataSource')).toContain('data.aws_s3_bucket.shared.arn');
  });
});
