import { describe, expect, it } from 'vitest';
import { makeSnapshot, unresolved } from '../../model/index.js';
import { createGraph } from '../../engine/graph.js';
import { resource, TEST_ACCOUNT } from '../../../test/rule-fixtures.js';
import { effectiveBlock, publicAccess, publicAclGrants } from './bucket-access.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

const OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const publicRead = {
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
};
/** A live bucket's ACL as GetBucketAcl returns it when only the owner has access. */
const ownerOnly = { observed: { Acl: { Grants: [] } } };
const ctxOf = (...resources: Parameters<typeof makeSnapshot>[0]) => ({
  graph: createGraph(makeSnapshot(resources).resources),
});

describe('effectiveBlock', () => {
  it('takes the most restrictive of bucket and account settings, and S3 defaults for planned buckets', () => {
    const account = resource(
      'AWS::S3::AccountPublicAccessBlock',
      TEST_ACCOUNT,
      { ...OFF, RestrictPublicBuckets: true },
      { region: 'global' },
    );
    const live = resource('AWS::S3::Bucket', 'live', {
      PublicAccessBlockConfiguration: { ...OFF, BlockPublicAcls: true },
    });
    const planned = resource('AWS::S3::Bucket', 'planned', {}, { origin: { source: 'cloudformation' } });
    const ctx = ctxOf(account, live, planned);
    const flags = effectiveBlock(live, ctx).flags;
    expect(flags.BlockPublicAcls).toEqual({ on: true, by: 'bucket' });
    expect(flags.RestrictPublicBuckets).toEqual({ on: true, by: 'account' });
    expect(flags.IgnorePublicAcls).toEqual({ on: false });
    expect(effectiveBlock(planned, ctx).flags.BlockPublicPolicy).toEqual({ on: true, by: 'default' });
  });
});

describe('publicAccess', () => {
  it('is public when a public grant meets no block', () => {
    const bucket = resource(
      'AWS::S3::Bucket',
      'b',
      { PublicAccessBlockConfiguration: OFF, PolicyDocument: publicRead },
      ownerOnly,
    );
    expect(publicAccess(bucket, ctxOf(bucket), 'read')).toMatchObject({ status: 'public' });
    expect(publicAccess(bucket, ctxOf(bucket), 'write')).toMatchObject({ status: 'private' });
  });

  it('is blocked when RestrictPublicBuckets (or, for a planned bucket, BlockPublicPolicy) stops it', () => {
    const live = resource(
      'AWS::S3::Bucket',
      'b',
      { PublicAccessBlockConfiguration: { ...OFF, RestrictPublicBuckets: true }, PolicyDocument: publicRead },
      ownerOnly,
    );
    expect(publicAccess(live, ctxOf(live), 'read')).toMatchObject({
      status: 'blocked',
      by: 'RestrictPublicBuckets (bucket level)',
    });
    // An existing bucket keeps a public policy put before BlockPublicPolicy was turned on.
    const existing = resource(
      'AWS::S3::Bucket',
      'e',
      { PublicAccessBlockConfiguration: { ...OFF, BlockPublicPolicy: true }, PolicyDocument: publicRead },
      ownerOnly,
    );
    expect(publicAccess(existing, ctxOf(existing), 'read')).toMatchObject({ status: 'public' });
    const planned = { ...existing, origin: { source: 'cloudformation' as const } };
    expect(publicAccess(planned, ctxOf(planned), 'read')).toMatchObject({
      status: 'blocked',
      by: 'BlockPublicPolicy (bucket level)',
    });
  });

  it('does not need a policy it cannot read when Block Public Access stops any public grant', () => {
    const imported = unresolved({ 'Fn::ImportValue': 'shared-policy' }, 'exported by another stack');
    const planned = resource(
      'AWS::S3::Bucket',
      'p',
      { PolicyDocument: imported },
      { origin: { source: 'cloudformation' } },
    );
    expect(publicAccess(planned, ctxOf(planned), 'read')).toMatchObject({
      status: 'private',
      notes: expect.arrayContaining([
        expect.stringContaining('its bucket policy is not known, but RestrictPublicBuckets'),
      ]),
    });
    const open = resource('AWS::S3::Bucket', 'o', {
      PublicAccessBlockConfiguration: OFF,
      PolicyDocument: imported,
    });
    expect(publicAccess(open, ctxOf(open), 'read')).toMatchObject({ status: 'unknown' });
  });
});

describe('publicAclGrants', () => {
  const legacy = { OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } };
  it('does not read an existing bucket whose ACL was not collected as private', () => {
    const live = resource(
      'AWS::S3::Bucket',
      'l',
      { ...legacy, PublicAccessBlockConfiguration: OFF },
      { observed: { CreationDate: '2019-01-01' } },
    );
    expect(publicAclGrants(live, 'read')).toEqual({
      known: false,
      reason:
        'the ACL of this existing bucket is not in the input (no GetBucketAcl result, canned ACL or grant list)',
    });
    expect(publicAccess(live, ctxOf(live), 'read')).toMatchObject({ status: 'unknown' });
    // IgnorePublicAcls makes S3 ignore whatever the ACL grants.
    const ignoring = {
      ...live,
      props: { ...legacy, PublicAccessBlockConfiguration: { ...OFF, IgnorePublicAcls: true } },
    };
    expect(publicAccess(ignoring, ctxOf(ignoring), 'read')).toMatchObject({
      status: 'private',
      notes: expect.arrayContaining([
        'its ACL is not known, but IgnorePublicAcls (bucket level) stops any public grant in it',
      ]),
    });
    // A template's bucket without AccessControl gets the private ACL.
    const planned = { ...live, origin: { source: 'cloudformation' as const } };
    expect(publicAclGrants(planned, 'read')).toEqual({ known: true, value: [] });
  });

  it('reads grants a Terraform configuration or state lists, as GetBucketAcl returns them', () => {
    const grant = (URI: unknown, Permission: unknown) => ({ Grantee: { Type: 'Group', URI }, Permission });
    const tf = (Grants: unknown[]) =>
      resource(
        'AWS::S3::Bucket',
        't',
        { ...legacy, AccessControlPolicy: { Grants } },
        { origin: { source: 'terraform' } },
      );
    expect(publicAclGrants(tf([grant(ALL_USERS, 'READ')]), 'read')).toEqual({
      known: true,
      value: ['ACL grant READ to AllUsers'],
    });
    expect(publicAclGrants(tf([grant(unresolved('var.group', 'no value'), 'READ')]), 'read')).toMatchObject({
      known: false,
    });
  });
});
