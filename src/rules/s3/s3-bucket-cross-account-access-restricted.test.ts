import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-cross-account-access-restricted.js';

const grant = (principal: unknown, action: string) => ({
  PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: principal, Action: action, Resource: '*' }] },
});

describe('s3-bucket-cross-account-access-restricted', () => {
  it('fails policy, ACL and encryption changes granted to other accounts', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-cross-account-access-restricted.yaml', import.meta.url),
      { deployed: true },
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPartnerMayRewritePolicy')).toContain(
      'statement PartnerFullControl allows s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutBucketPolicy, s3:PutEncryptionConfiguration, s3:PutObjectAcl to account 999988887777',
    );
    expect(reason('FailEveryoneMayChangeAcls')).toContain('s3:PutBucketAcl, s3:PutObjectAcl to everyone');
  });

  it('cannot tell another account from the own one before deploy, and honours the action list', () => {
    const findings = expectResources(
      rule,
      [
        resource(
          'AWS::S3::Bucket',
          'ErrorAccountNotKnown',
          grant({ AWS: '999988887777' }, 's3:PutBucketPolicy'),
          {
            account: 'unknown',
          },
        ),
        resource('AWS::S3::Bucket', 'PassActionNotListed', grant({ AWS: '999988887777' }, 's3:PutBucketAcl')),
        resource('AWS::S3::Bucket', 'FailListedAction', grant({ AWS: '999988887777' }, 's3:PutBucketPolicy')),
      ],
      { params: { blockedActions: ['s3:PutBucketPolicy'] } },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorAccountNotKnown')?.reason).toContain(
      "the bucket's own account is not known",
    );
  });

  it('treats a grant to everyone pinned by a condition to named accounts as a grant to them', () => {
    const pinned = (Condition: unknown) => ({
      PolicyDocument: {
        Statement: [
          {
            Sid: 'Pinned',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:PutBucketPolicy',
            Resource: '*',
            Condition,
          },
        ],
      },
    });
    const findings = expectResources(rule, [
      resource(
        'AWS::S3::Bucket',
        'FailPinnedToForeignAccount',
        pinned({ StringEquals: { 'aws:PrincipalAccount': '999988887777' } }),
      ),
      resource(
        'AWS::S3::Bucket',
        'FailPinnedToForeignRole',
        pinned({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::999988887777:role/x' } }),
      ),
      resource(
        'AWS::S3::Bucket',
        'FailForeignAccountThroughVpce',
        pinned({
          StringEquals: {
            'aws:SourceVpce': 'vpce-1a2b3c4d',
            'aws:PrincipalAccount': ['123456789012', '999988887777'],
          },
        }),
      ),
      resource(
        'AWS::S3::Bucket',
        'PassPinnedToOwnAccount',
        pinned({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } }),
      ),
      resource(
        'AWS::S3::Bucket',
        'ErrorPinnedAccountBeforeDeploy',
        pinned({ StringEquals: { 'aws:PrincipalAccount': '999988887777' } }),
        { account: 'unknown' },
      ),
    ]);
    expect(findings.find((f) => f.resource.id === 'FailPinnedToForeignRole')?.reason).toContain(
      'statement Pinned allows s3:PutBucketPolicy to account 999988887777 (named by its condition)',
    );
  });
});
