import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
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
});
