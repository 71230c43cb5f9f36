import { describe, expect, it } from 'vitest';
import { resource } from '../../../test/rule-fixtures.js';
import { unresolved } from '../../model/index.js';
import {
  coversAction,
  coversAllS3Actions,
  deniesInsecureTransport,
  describeGrants,
  principalAccounts,
  principalIsEveryone,
  publicGrants,
  readPolicy,
  restrictingKey,
  type PolicyStatement,
} from './policy.js';

const stmt = (raw: Record<string, unknown>, label = 'S'): PolicyStatement => ({ label, raw });
const doc = (...Statement: Array<Record<string, unknown>>) => ({ Version: '2012-10-17', Statement });
const known = (value: unknown) => {
  const p = readPolicy(value);
  if (!p.known) throw new Error(p.reason);
  return p;
};
const publicRead = {
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: '*',
};

describe('readPolicy', () => {
  it('reads objects, JSON text, a single statement and absence', () => {
    expect(known(doc(publicRead)).statements.map((s) => s.label)).toEqual(['PublicRead']);
    expect(known(JSON.stringify(doc(publicRead))).statements).toHaveLength(1);
    expect(known({ Statement: { Effect: 'Allow' } }).statements.map((s) => s.label)).toEqual(['#1']);
    expect(known(undefined)).toMatchObject({ present: false, statements: [] });
    expect(known('')).toMatchObject({ present: false });
  });

  it('reports unreadable documents and statements instead of dropping them', () => {
    expect(readPolicy('{not json')).toEqual({ known: false, reason: 'PolicyDocument is not valid JSON' });
    expect(readPolicy(unresolved({ 'Fn::ImportValue': 'p' }, 'exported by another stack'))).toMatchObject({
      known: false,
    });
    const partly = known({ Statement: [publicRead, unresolved({ Ref: 'S' }, 'no default'), 'x'] });
    expect(partly.statements).toHaveLength(1);
    expect(partly.unreadable).toHaveLength(2);
    expect(partly.unreadable[0]).toContain('PolicyDocument.Statement[1] is not known');
  });
});

describe('principals', () => {
  it('recognises everyone', () => {
    expect(principalIsEveryone(stmt({ Principal: '*' }))).toBe(true);
    expect(principalIsEveryone(stmt({ Principal: { AWS: '*' } }))).toBe(true);
    expect(principalIsEveryone(stmt({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }))).toBe(
      true,
    );
    expect(principalIsEveryone(stmt({ Effect: 'Allow', NotPrincipal: { AWS: '111122223333' } }))).toBe(true);
    expect(principalIsEveryone(stmt({ Principal: { Service: 'cloudfront.amazonaws.com' } }))).toBe(false);
    expect(principalIsEveryone(stmt({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }))).toBe(false);
    expect(principalIsEveryone(stmt({ Principal: unresolved({ Ref: 'P' }, 'no default') }))).toMatchObject({
      unknown: expect.stringContaining('Principal is not known'),
    });
  });

  it('lists the accounts AWS principals name', () => {
    const p = principalAccounts(
      stmt({
        Principal: {
          AWS: [
            '999988887777',
            'arn:aws:iam::555566667777:role/auditor',
            'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1',
            unresolved({ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' }, 'account not known'),
          ],
        },
      }),
    );
    expect(p).toEqual({
      accounts: ['999988887777', '555566667777'],
      ownAccount: true,
      everyone: false,
      unknown: [],
    });
    expect(principalAccounts(stmt({ Principal: '*' })).everyone).toBe(true);
  });
});

describe('actions', () => {
  it('matches wildcards case-insensitively, and inverts NotAction', () => {
    expect(coversAction(stmt({ Action: 's3:Get*' }), 's3:GetObject')).toBe(true);
    expect(coversAction(stmt({ Action: ['S3:getobject'] }), 's3:GetObject')).toBe(true);
    expect(coversAction(stmt({ Action: '*' }), 's3:PutObject')).toBe(true);
    expect(coversAction(stmt({ Action: 's3:Put?bject' }), 's3:PutObject')).toBe(true);
    expect(coversAction(stmt({ Action: 's3:GetObject' }), 's3:GetObjectVersion')).toBe(false);
    expect(coversAction(stmt({ NotAction: 's3:Delete*' }), 's3:GetObject')).toBe(true);
    expect(coversAction(stmt({ NotAction: 's3:Delete*' }), 's3:DeleteObject')).toBe(false);
    expect(coversAction(stmt({}), 's3:GetObject')).toBe(false);
    expect(coversAction(stmt({ Action: [unresolved({ Ref: 'A' }, 'x')] }), 's3:GetObject')).toMatchObject({
      unknown: expect.any(String),
    });
    expect(coversAllS3Actions(stmt({ Action: 'S3:*' }))).toBe(true);
    expect(coversAllS3Actions(stmt({ Action: ['s3:GetObject', 's3:PutObject'] }))).toBe(false);
  });
});

describe('conditions', () => {
  it('accepts fixed values of restricting keys with positive operators only', () => {
    const cond = (Condition: unknown) => restrictingKey(stmt({ Condition }), 'positive');
    expect(cond({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })).toBe('aws:SourceVpce');
    expect(cond({ StringEquals: { 'AWS:SourceAccount': ['111122223333'] } })).toBe('AWS:SourceAccount');
    expect(cond({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } })).toBe('aws:SourceIp');
    expect(cond({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })).toBe('aws:PrincipalOrgID');
    // Too wide, wildcard, variable, negated, IfExists, unrelated key: no restriction.
    expect(cond({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).toBeUndefined();
    expect(cond({ IpAddress: { 'aws:SourceIp': '10.0.0.0/7' } })).toBeUndefined();
    expect(cond({ StringLike: { 'aws:SourceArn': 'arn:aws:cloudfront::*' } })).toBeUndefined();
    expect(cond({ StringEquals: { 'aws:userid': '${aws:userid}' } })).toBeUndefined();
    expect(cond({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } })).toBeUndefined();
    expect(cond({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } })).toBeUndefined();
    expect(cond({ 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1' } })).toBeUndefined();
    expect(cond({ StringEquals: { 's3:prefix': 'home/' } })).toBeUndefined();
    expect(cond({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ['o-1'] } })).toBe(
      'aws:PrincipalOrgID',
    );
  });

  it('treats template references as fixed, parameters without a value as unknown', () => {
    const cond = (value: unknown) =>
      restrictingKey(stmt({ Condition: { StringEquals: { 'aws:SourceArn': value } } }), 'positive');
    expect(
      cond(unresolved({ 'Fn::Sub': 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Dist}' }, 'x')),
    ).toBe('aws:SourceArn');
    expect(cond(unresolved({ Ref: 'AWS::AccountId' }, 'x'))).toBe('aws:SourceArn');
    expect(cond(unresolved({ Ref: 'AllowedSource' }, 'no default'))).toMatchObject({
      unknown: expect.any(String),
    });
    expect(cond(unresolved({ 'Fn::Sub': 'arn:aws:s3:::*' }, 'x'))).toBeUndefined();
  });

  it('recognises the deny-plain-HTTP guard', () => {
    const guard = (Condition: unknown) => deniesInsecureTransport(stmt({ Condition }));
    expect(guard({ Bool: { 'aws:SecureTransport': 'false' } })).toBe(true);
    expect(guard({ Bool: { 'aws:securetransport': false } })).toBe(true);
    expect(guard({ BoolIfExists: { 'aws:SecureTransport': ['false'] } })).toBe(true);
    expect(guard({ Bool: { 'aws:SecureTransport': 'true' } })).toBe(false);
    expect(guard(undefined)).toBe(false);
  });
});

describe('publicGrants', () => {
  const read = ['s3:GetObject', 's3:ListBucket'];
  const bucket = resource('AWS::S3::Bucket', 'site', { BucketName: 'site' });

  it('finds unrestricted grants to everyone, by statement and action', () => {
    const found = publicGrants(
      known(doc(publicRead, { ...publicRead, Sid: 'List', Action: 's3:List*' })),
      read,
      bucket,
    );
    expect(describeGrants(found.grants)).toBe(
      'statement PublicRead grants s3:GetObject, and statement List grants s3:ListBucket',
    );
  });

  it('does not count grants pinned by a condition, to named principals, or denies', () => {
    const found = publicGrants(
      known(
        doc(
          { ...publicRead, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } },
          { ...publicRead, Principal: { Service: 'cloudfront.amazonaws.com' } },
          { ...publicRead, Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ),
      ),
      read,
      bucket,
    );
    expect(found.grants.size).toBe(0);
    expect(found.unknown).toEqual([]);
  });

  it('lets a deny to everyone outside fixed values take a public grant back', () => {
    const vpceOnly = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
    };
    expect(publicGrants(known(doc(publicRead, vpceOnly)), read, bucket).grants.size).toBe(0);
    // A deny on something else (plain HTTP) does not.
    const tls = { ...vpceOnly, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(publicGrants(known(doc(publicRead, tls)), read, bucket).grants.size).toBe(1);
  });

  it('lets a deny take a grant back only on the resources it covers, and only outside fixed values', () => {
    const objects = { ...publicRead, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' };
    const deny = (Resource: unknown, Condition?: unknown) => ({
      Sid: 'D',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource,
      ...(Condition ? { Condition } : {}),
    });
    const grantedAfter = (...statements: Array<Record<string, unknown>>) =>
      publicGrants(known(doc(objects, ...statements)), ['s3:GetObject'], bucket);
    // A deny on one key prefix, or on another bucket, leaves the rest of the grant.
    expect(grantedAfter(deny('arn:aws:s3:::site/private/*')).grants.size).toBe(1);
    expect(grantedAfter(deny('arn:aws:s3:::some-other-bucket/*')).grants.size).toBe(1);
    // A deny on all the objects, or on exactly what the grant names, takes it back.
    expect(grantedAfter(deny('arn:aws:s3:::site/*')).deniedBy).toEqual(['statement D denies them']);
    expect(grantedAfter(deny('arn:aws:s3:::s*')).grants.size).toBe(0);
    const prefixOnly = publicGrants(
      known(doc({ ...objects, Resource: 'arn:aws:s3:::site/public/*' }, deny('arn:aws:s3:::site/public/*'))),
      ['s3:GetObject'],
      bucket,
    );
    expect(prefixOnly.grants.size).toBe(0);
    // Every condition must confine the deny to "outside fixed values": they are ANDed.
    const outsideVpce = { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } };
    expect(grantedAfter(deny('arn:aws:s3:::site/*', outsideVpce)).deniedBy).toEqual([
      'statement D denies them outside fixed values of aws:SourceVpce',
    ]);
    const alsoHttpOnly = { ...outsideVpce, Bool: { 'aws:SecureTransport': 'false' } };
    expect(grantedAfter(deny('arn:aws:s3:::site/*', alsoHttpOnly)).grants.size).toBe(1);
    // A deny whose resource is not known leaves the grant unknown, not private.
    const unknownResource = grantedAfter(deny(unresolved({ Ref: 'Arn' }, 'no default')));
    expect(unknownResource.grants.size).toBe(0);
    expect(unknownResource.unknown[0]).toContain('statement D Resource is not known');
  });

  it('reports what it cannot read rather than calling it private', () => {
    const found = publicGrants(
      known(doc({ ...publicRead, Principal: unresolved({ Ref: 'Who' }, 'no default') })),
      read,
      bucket,
    );
    expect(found.grants.size).toBe(0);
    expect(found.unknown[0]).toContain('Principal is not known');
    const unreadable = publicGrants(
      known({ Statement: [unresolved({ Ref: 'S' }, 'no default')] }),
      read,
      bucket,
    );
    expect(unreadable.unknown).toHaveLength(1);
  });
});
