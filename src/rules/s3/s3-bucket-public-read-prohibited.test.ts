import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, TEST_ACCOUNT } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-public-read-prohibited.js';

const BUCKET = 'AWS::S3::Bucket';
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const publicPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
});

describe('s3-bucket-public-read-prohibited', () => {
  it('weighs policy, ACL and Block Public Access in a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-public-read-prohibited.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPublicGetObject')).toContain(
      'statement PublicReadGetObject grants s3:GetObject to everyone',
    );
    expect(reason('FailListToAnyAwsPrincipal')).toContain('s3:ListBucket, s3:ListBucketVersions');
    expect(reason('FailPublicReadAclOnLegacyOwnership')).toContain('canned ACL PublicRead');
    expect(reason('PassPublicPolicyStoppedByDefaultBlock')).toContain("S3's default for new buckets");
    expect(reason('ErrorPrincipalChosenAtDeploy')).toContain('Principal.AWS is not known');
  });

  it('reads live buckets: JSON policy text, ACL grants, the account-level block', () => {
    const findings = expectResources(rule, [
      resource(
        'AWS::S3::AccountPublicAccessBlock',
        '210987654321',
        { ...OFF, RestrictPublicBuckets: true },
        { account: '210987654321', region: 'global' },
      ),
      resource(BUCKET, 'FailLivePolicyText', {
        PublicAccessBlockConfiguration: OFF,
        PolicyDocument: publicPolicy,
      }),
      resource(
        BUCKET,
        'FailLiveAclAllUsers',
        {},
        {
          observed: { Acl: { Grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] } },
        },
      ),
      resource(
        BUCKET,
        'PassLiveAclWriteOnly',
        {},
        {
          observed: {
            Acl: { Grants: [{ Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'WRITE' }] },
          },
        },
      ),
      resource(
        BUCKET,
        'PassLivePolicyRestrictedByAccount',
        { PolicyDocument: publicPolicy },
        { account: '210987654321' },
      ),
      resource(BUCKET, 'ErrorLivePolicyUnreadable', {
        PublicAccessBlockConfiguration: OFF,
        PolicyDocument: '{"Statement": [',
      }),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailLiveAclAllUsers')).toContain('ACL grant READ to AllUsers');
    expect(reason('PassLivePolicyRestrictedByAccount')).toContain('RestrictPublicBuckets (account level)');
    expect(reason('ErrorLivePolicyUnreadable')).toContain('not valid JSON');
    expect(TEST_ACCOUNT).toBe('123456789012');
  });
});
