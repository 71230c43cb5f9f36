import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './cloudtrail-trail-bucket-not-public.js';

describe('cloudtrail-trail-bucket-not-public', () => {
  it('fails a trail bucket that a policy or ACL makes public, unless Block Public Access stops it', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/cloudtrail-trail-bucket-not-public.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailPolicyAllowsEveryone')).toContain('statement AnyoneReads grants s3:GetObject');
    expect(reason('FailPublicReadAcl')).toContain('canned ACL PublicRead');
    expect(reason('PassNothingGrantsPublicAccess')).toContain('Block Public Access is not fully on');
  });

  it('reads live ACL grants and does not take any condition as narrowing a grant to everyone', () => {
    const trailTo = (id: string, bucket: string) =>
      resource('AWS::CloudTrail::Trail', id, { IsLogging: true, S3BucketName: bucket });
    // Existing buckets without Block Public Access, ownership controls or an account-level block.
    const bucket = (name: string, props: Record<string, unknown>, observed?: Record<string, unknown>) =>
      resource(
        'AWS::S3::Bucket',
        name,
        { BucketName: name, ...props },
        { name, ...(observed ? { observed } : {}) },
      );
    const findings = expectResources(rule, [
      trailTo('FailAclGrantsAllUsersRead', 'acl-logs'),
      bucket(
        'acl-logs',
        {},
        {
          Acl: {
            Grants: [
              { Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
            ],
          },
        },
      ),
      trailTo('FailSecureTransportIsNoRestriction', 'tls-logs'),
      bucket('tls-logs', {
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AnyoneOverTls',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::tls-logs/*',
              Condition: { Bool: { 'aws:SecureTransport': 'true' } },
            },
          ],
        },
      }),
      trailTo('PassOnlyCloudTrailWrites', 'private-logs'),
      bucket(
        'private-logs',
        {
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'cloudtrail.amazonaws.com' },
                Action: 's3:PutObject',
                Resource: 'arn:aws:s3:::private-logs/*',
              },
            ],
          },
        },
        { Acl: { Grants: [{ Grantee: { ID: 'owner' }, Permission: 'FULL_CONTROL' }] } },
      ),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailAclGrantsAllUsersRead')).toContain('ACL grant READ to AllUsers');
    expect(reason('FailSecureTransportIsNoRestriction')).toContain(
      'statement AnyoneOverTls grants s3:GetObject',
    );
  });
  it('does not call the bucket public when the account-level block was not read', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::audit-logs/*' },
      ],
    });
    const enforced = { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
    const findings = expectResources(
      rule,
      [
        resource('AWS::CloudTrail::Trail', 'ErrorAccountBlockUnread', {
          IsLogging: true,
          S3BucketName: 'audit-logs',
        }),
        resource(
          'AWS::S3::Bucket',
          'audit-logs',
          { BucketName: 'audit-logs', PolicyDocument: policy, ...enforced },
          { name: 'audit-logs' },
        ),
      ],
      { coverage: [deniedListing('AWS::S3::AccountPublicAccessBlock', '123456789012', 'global')] },
    );
    expect(findings[0]?.reason).toContain('the account-level Block Public Access settings were not read');
  });
});
