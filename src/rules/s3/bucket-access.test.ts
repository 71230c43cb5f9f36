import { describe, expect, it } from 'vitest';
import { makeSnapshot, unresolved } from '../../model/index.js';
import { createGraph } from '../../engine/graph.js';
import { resource, TEST_ACCOUNT } from '../../../test/rule-fixtures.js';
import { effectiveBlock, publicAccess } from './bucket-access.js';

const OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const publicRead = {
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
};
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
    const bucket = resource('AWS::S3::Bucket', 'b', {
      PublicAccessBlockConfiguration: OFF,
      PolicyDocument: publicRead,
    });
    expect(publicAccess(bucket, ctxOf(bucket), 'read')).toMatchObject({ status: 'public' });
    expect(publicAccess(bucket, ctxOf(bucket), 'write')).toMatchObject({ status: 'private' });
  });

  it('is blocked when RestrictPublicBuckets (or, for a planned bucket, BlockPublicPolicy) stops it', () => {
    const live = resource('AWS::S3::Bucket', 'b', {
      PublicAccessBlockConfiguration: { ...OFF, RestrictPublicBuckets: true },
      PolicyDocument: publicRead,
    });
    expect(publicAccess(live, ctxOf(live), 'read')).toMatchObject({
      status: 'blocked',
      by: 'RestrictPublicBuckets (bucket level)',
    });
    // An existing bucket keeps a public policy put before BlockPublicPolicy was turned on.
    const existing = resource('AWS::S3::Bucket', 'e', {
      PublicAccessBlockConfiguration: { ...OFF, BlockPublicPolicy: true },
      PolicyDocument: publicRead,
    });
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
