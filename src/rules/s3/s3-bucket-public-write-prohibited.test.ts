import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-public-write-prohibited.js';

const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

describe('s3-bucket-public-write-prohibited', () => {
  it('finds public write grants in policies and ACLs of a template', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/s3-bucket-public-write-prohibited.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPublicPut')).toContain(
      'statement AnonymousUpload grants s3:PutObject, s3:PutObjectAcl',
    );
    expect(reason('FailPublicReadWriteAcl')).toContain('canned ACL PublicReadWrite');
    expect(reason('PassPublicPolicyButRestrictPublicBuckets')).toContain(
      'RestrictPublicBuckets (bucket level)',
    );
    expect(reason('ErrorActionChosenAtDeploy')).toContain('Action is not known');
  });

  it('counts WRITE_ACP and FULL_CONTROL grants to any AWS account in a live ACL', () => {
    const grant = (Permission: string) => ({
      observed: { Acl: { Grants: [{ Grantee: { Type: 'Group', URI: AUTHENTICATED_USERS }, Permission }] } },
    });
    expectResources(rule, [
      resource('AWS::S3::Bucket', 'FailWriteAcp', {}, grant('WRITE_ACP')),
      resource('AWS::S3::Bucket', 'FailFullControl', {}, grant('FULL_CONTROL')),
      resource('AWS::S3::Bucket', 'PassReadAcpOnly', {}, grant('READ_ACP')),
      resource(
        'AWS::S3::Bucket',
        'PassAclsDisabled',
        { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } },
        grant('FULL_CONTROL'),
      ),
    ]);
  });

  it('does not let a Deny on another bucket take a public grant back', () => {
    const upload = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::site/*',
    };
    const deny = (Resource: string) => ({ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource });
    const site = (denied: string) => ({
      BucketName: 'site',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
      PolicyDocument: { Statement: [upload, deny(denied)] },
    });
    const ownerOnly = { observed: { Acl: { Grants: [] } } };
    expectResources(rule, [
      resource(
        'AWS::S3::Bucket',
        'FailDenyOnAnotherBucket',
        site('arn:aws:s3:::some-other-bucket/*'),
        ownerOnly,
      ),
      resource('AWS::S3::Bucket', 'PassDenyOnThisBucket', site('arn:aws:s3:::site/*'), ownerOnly),
    ]);
  });
  it('does not call a public write grant in force when the account-level block was not read', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    const enforced = { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
    expectResources(
      rule,
      [
        resource('AWS::S3::Bucket', 'ErrorAccountBlockUnread', { PolicyDocument: policy, ...enforced }),
        resource(
          'AWS::S3::Bucket',
          'FailAccountBlockRead',
          { PolicyDocument: policy, ...enforced },
          { account: '210987654321' },
        ),
      ],
      { coverage: [deniedListing('AWS::S3::AccountPublicAccessBlock', '123456789012', 'global')] },
    );
  });
});
