import { describe, expect, it } from 'vitest';
import { unresolved } from '../../model/index.js';
import {
  actionMatches,
  coversAction,
  namesEveryone,
  parseAwsPrincipal,
  pinsValue,
  readPolicy,
  restrictsCaller,
  serviceWildcard,
  type Statement,
} from './policy.js';

function statements(document: unknown): readonly Statement[] {
  const read = readPolicy(document, 'test policy');
  if (!read.known) throw new Error(read.reason);
  return read.statements;
}

describe('readPolicy', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
  };

  it('reads objects, JSON strings and URL-encoded JSON alike', () => {
    for (const form of [doc, JSON.stringify(doc), encodeURIComponent(JSON.stringify(doc))]) {
      const [s] = statements(form);
      expect(s?.effect).toBe('Allow');
      expect(s?.action.values).toEqual(['s3:GetObject']);
    }
  });

  it('says why a document cannot be read', () => {
    expect(readPolicy('{"Statement": [', 'p')).toEqual({ known: false, reason: 'p is not valid JSON' });
    expect(readPolicy({ Version: '2012-10-17' }, 'p')).toEqual({
      known: false,
      reason: 'p has no Statement',
    });
    const r = readPolicy(unresolved({ Ref: 'Doc' }, 'parameter Doc has no Default'), 'p');
    expect(r.known).toBe(false);
    expect(readPolicy(undefined, 'p')).toEqual({ known: true, absent: true, statements: [] });
  });

  it('keeps unresolved entries apart from known ones', () => {
    const [s] = statements({
      Statement: [
        { Effect: 'Allow', Action: ['s3:*', unresolved({ Ref: 'A' }, 'not known')], Resource: '*' },
      ],
    });
    expect(s?.action.values).toEqual(['s3:*']);
    expect(s?.action.unknown[0]).toContain('Statement[0].Action[1] is not known');
    expect(coversAction(s!, 's3:PutObject')).toBe(true);
    expect(coversAction(s!, 'iam:PassRole')).toBeUndefined();
  });

  it('reports an effect that is not Allow or Deny', () => {
    const [s] = statements({ Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] });
    expect(s?.effect).toBeUndefined();
    expect(s?.unknown[0]).toContain('not Allow or Deny');
  });
});

describe('actions', () => {
  it('match case-insensitively with * and ?', () => {
    expect(actionMatches('IAM:listaccesskeys', 'iam:ListAccessKeys')).toBe(true);
    expect(actionMatches('iam:*AccessKey*', 'iam:CreateAccessKey')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObjectAcl')).toBe(false);
    expect(actionMatches('*', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('ec2:Describe.*', 'ec2:DescribeX')).toBe(false);
  });

  it('honour NotAction', () => {
    const [s] = statements({ Statement: { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' } });
    expect(coversAction(s!, 'cloudtrail:StopLogging')).toBe(true);
    expect(coversAction(s!, 'iam:CreateUser')).toBe(false);
  });

  it('recognise whole-service wildcards', () => {
    expect(serviceWildcard('S3:*')).toBe('s3');
    expect(serviceWildcard('s3:Get*')).toBeUndefined();
    expect(serviceWildcard('*')).toBeUndefined();
  });
});

describe('principals', () => {
  it('parse accounts, roots, roles and deleted-principal ids', () => {
    expect(parseAwsPrincipal('123456789012')).toMatchObject({ account: '123456789012', wholeAccount: true });
    expect(parseAwsPrincipal('arn:aws:iam::123456789012:root')).toMatchObject({ wholeAccount: true });
    expect(parseAwsPrincipal('arn:aws-us-gov:iam::123456789012:role/x')).toMatchObject({
      account: '123456789012',
      wholeAccount: false,
    });
    expect(parseAwsPrincipal('AROAEXAMPLEID1234567')).toMatchObject({ stale: true });
    expect(parseAwsPrincipal('*')).toMatchObject({ public: true });
  });

  it('see "*" in both spellings', () => {
    const [a, b, c] = statements({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' },
        { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:GetObject' },
        { Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 's3:PutObject' },
      ],
    });
    expect([a, b, c].map((s) => namesEveryone(s?.principal))).toEqual([true, true, false]);
  });
});

describe('conditions', () => {
  const [s] = statements({
    Statement: {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'AWS:PrincipalOrgID': 'o-abc123', 'sts:ExternalId': 'x' },
        'ForAnyValue:StringNotLikeIfExists': { 'aws:TagKeys': ['a*'] },
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
      },
    },
  });
  const entry = (key: string) => s!.conditions.find((c) => c.key === key)!;

  it('split operators and lower-case keys', () => {
    expect(entry('aws:tagkeys')).toMatchObject({
      base: 'stringnotlike',
      qualifier: 'foranyvalue',
      ifExists: true,
      negated: true,
    });
    expect(entry('aws:principalorgid').keyAsWritten).toBe('AWS:PrincipalOrgID');
  });

  it('tell identity restrictions from other conditions', () => {
    expect(restrictsCaller(entry('aws:principalorgid'))).toBe(true);
    expect(pinsValue(entry('sts:externalid'))).toBe(true);
    expect(restrictsCaller(entry('sts:externalid'))).toBe(false);
    // An ARN pattern with a wildcard account matches any account.
    expect(restrictsCaller(entry('aws:principalarn'))).toBe(false);
  });
});

describe('fixed values', () => {
  const first = (condition: Record<string, unknown>) => {
    const [s] = statements({
      Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: condition },
    });
    return s!.conditions[0]!;
  };

  it('treat * and ? as wildcards under StringLike and the ARN operators, not under StringEquals', () => {
    expect(pinsValue(first({ StringLike: { 'sts:ExternalId': 'abc*' } }))).toBe(false);
    expect(pinsValue(first({ StringLike: { 'sts:ExternalId': ['abc', '*'] } }))).toBe(false);
    expect(pinsValue(first({ StringLike: { 'sts:ExternalId': 'abc' } }))).toBe(true);
    expect(pinsValue(first({ StringEquals: { 'sts:ExternalId': 'abc*' } }))).toBe(true);
    expect(pinsValue(first({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:t' } }))).toBe(false);
  });

  it('count only fixed callers as restricting "*"', () => {
    expect(restrictsCaller(first({ StringLike: { 'aws:userid': 'AROA*' } }))).toBe(false);
    expect(restrictsCaller(first({ StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }))).toBe(true);
    expect(restrictsCaller(first({ StringLike: { 'aws:userid': 'AROA*:*' } }))).toBe(false);
    expect(restrictsCaller(first({ StringEquals: { 'aws:userid': 'AIDAEXAMPLEUSERID' } }))).toBe(true);
    expect(restrictsCaller(first({ StringLike: { 'aws:PrincipalOrgID': 'o-a*' } }))).toBe(false);
    expect(restrictsCaller(first({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5x' } }))).toBe(true);
    expect(restrictsCaller(first({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5/extra' } }))).toBe(
      false,
    );
    expect(
      restrictsCaller(
        first({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/*' } }),
      ),
    ).toBe(true);
    expect(restrictsCaller(first({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*' } }))).toBe(
      false,
    );
    expect(restrictsCaller(first({ StringLike: { 'aws:PrincipalAccount': '1234567890*' } }))).toBe(false);
    expect(
      restrictsCaller(first({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ci-*' } })),
    ).toBe(true);
    expect(restrictsCaller(first({ StringLike: { 'aws:PrincipalArn': 'arn:*:123456789012:role/ci' } }))).toBe(
      false,
    );
    expect(restrictsCaller(first({ StringEquals: { 'aws:userid': '${aws:userid}' } }))).toBe(false);
  });

  it('do not count an unresolved value under StringLike, which could be *', () => {
    const entry = first({
      StringLike: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', unresolved({ Ref: 'Org' }, 'a parameter')] },
    });
    expect(restrictsCaller(entry)).toBe(false);
    expect(pinsValue(entry)).toBe(false);
  });
});
