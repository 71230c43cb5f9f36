import { describe, expect, it } from 'vitest';
import {
  expectFixture,
  expectResources,
  expectTerraformFixture,
  resource,
  TEST_ACCOUNT,
  deniedListing,
} from '../../../test/rule-fixtures.js';
import rule from './s3-bucket-public-read-prohibited.js';

const BUCKET = 'AWS::S3::Bucket';
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
/** Runs the rule over a Terraform input whose bucket names say the outcome (`aws_s3_bucket.PassX`). */
const terraformFindings = (fixture: string) =>
  expectTerraformFixture(rule, new URL(`./fixtures/${fixture}`, import.meta.url));

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
        { account: '210987654321', observed: { Acl: { Grants: [] } } },
      ),
      // A legacy bucket (ACLs in force) whose ACL was not read: it may grant the public anything.
      resource(
        BUCKET,
        'ErrorLiveAclNotCollected',
        {
          PublicAccessBlockConfiguration: OFF,
          OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
        },
        { observed: { CreationDate: '2019-01-01' } },
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
    expect(reason('ErrorLiveAclNotCollected')).toContain(
      'the ACL of this existing bucket is not in the input',
    );
    expect(TEST_ACCOUNT).toBe('123456789012');
  });

  it('lets a Deny take a public grant back only on the resources it covers', () => {
    const ownerOnly = { observed: { Acl: { Grants: [] } } };
    const site = (...Statement: Array<Record<string, unknown>>) => ({
      BucketName: 'site',
      PublicAccessBlockConfiguration: OFF,
      PolicyDocument: { Statement },
    });
    const allowAll = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::site/*',
    };
    const deny = (Resource: string, Condition?: unknown) => ({
      Sid: 'Deny',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource,
      ...(Condition ? { Condition } : {}),
    });
    const outsideVpce = { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } };
    const findings = expectResources(rule, [
      resource(BUCKET, 'FailDenyOnOnePrefix', site(allowAll, deny('arn:aws:s3:::site/private/*')), ownerOnly),
      resource(
        BUCKET,
        'FailDenyOnAnotherBucket',
        site(allowAll, deny('arn:aws:s3:::elsewhere/*')),
        ownerOnly,
      ),
      resource(
        BUCKET,
        'FailDenyOutsideVpceOverHttpOnly',
        site(
          allowAll,
          deny('arn:aws:s3:::site/*', { ...outsideVpce, Bool: { 'aws:SecureTransport': 'false' } }),
        ),
        ownerOnly,
      ),
      resource(BUCKET, 'PassDenyOnAllObjects', site(allowAll, deny('arn:aws:s3:::site/*')), ownerOnly),
      resource(
        BUCKET,
        'PassDenyOutsideVpce',
        site(allowAll, deny('arn:aws:s3:::site/*', outsideVpce)),
        ownerOnly,
      ),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassDenyOnAllObjects')).toContain('but statement Deny denies them;');
    expect(reason('PassDenyOnAllObjects')).not.toContain('fixed');
    expect(reason('PassDenyOutsideVpce')).toContain('denies them outside fixed values of aws:SourceVpce');
  });

  it('reads the grants of aws_s3_bucket_acl', async () => {
    const findings = await terraformFindings('s3-bucket-public-read-prohibited-terraform');
    expect(findings).toHaveLength(2);
    expect(
      findings.find((f) => f.resource.id === 'aws_s3_bucket.FailAclGrantsReadToAllUsers')?.reason,
    ).toContain('ACL grant READ to AllUsers');
  });

  it('does not give a bucket in a Terraform state the defaults of a new bucket', async () => {
    const findings = await terraformFindings('s3-bucket-public-read-prohibited-terraform-state.json');
    expect(findings).toHaveLength(3);
    expect(
      findings.find((f) => f.resource.id === 'aws_s3_bucket.ErrorExistingAclNotKnown')?.reason,
    ).toContain('the ACL of this existing bucket is not in the input');
  });
  it('does not call a public policy in force when the account-level block was not read', () => {
    const findings = expectResources(
      rule,
      [
        resource(BUCKET, 'ErrorAccountBlockUnread', {
          PolicyDocument: publicPolicy,
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        }),
        resource(
          BUCKET,
          'FailAccountBlockRead',
          {
            PolicyDocument: publicPolicy,
            OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          },
          { account: '210987654321' },
        ),
      ],
      { coverage: [deniedListing('AWS::S3::AccountPublicAccessBlock', TEST_ACCOUNT, 'global')] },
    );
    expect(findings.find((f) => f.resource.id === 'ErrorAccountBlockUnread')?.reason).toContain(
      'the account-level Block Public Access settings were not read',
    );
  });
});
