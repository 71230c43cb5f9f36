import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse.js';

/*
 * Validation: errors for what IAM rejects, warnings in the spirit of Access Analyzer's checks.
 * GRAMMAR = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * CHECKS = https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */

const doc = (...Statement: Array<Record<string, unknown>>) => ({ Version: '2012-10-17', Statement });
const paths = (issues: Array<{ path: string }>) => issues.map((i) => i.path);

describe('parsePolicy errors (GRAMMAR)', () => {
  it('reads a valid identity policy, from an object, JSON text or URL-encoded JSON', () => {
    const d = doc({ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' });
    for (const input of [d, JSON.stringify(d), encodeURIComponent(JSON.stringify(d))]) {
      const r = parsePolicy(input, 'identity');
      expect(r.errors).toEqual([]);
      expect(r.policy?.statements[0]).toMatchObject({ sid: 'A', effect: 'Allow', actions: ['s3:GetObject'] });
    }
  });
  it('a bad Version, a bad Effect, an unknown operator', () => {
    expect(paths(parsePolicy({ Version: '2012-10-18', Statement: [] }, 'identity').errors)).toEqual([
      '$.Version',
    ]);
    const r = parsePolicy(
      doc(
        { Effect: 'allow', Action: 's3:*', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEqualz: { 'aws:username': 'x' } },
        },
      ),
      'identity',
    );
    expect(r.policy).toBeUndefined();
    expect(paths(r.errors)).toEqual(['$.Statement[0].Effect', '$.Statement[1].Condition.StringEqualz']);
  });
  it('Principal in an identity policy; missing Principal in a resource policy', () => {
    expect(
      paths(
        parsePolicy(doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }), 'identity')
          .errors,
      ),
    ).toEqual(['$.Statement[0].Principal']);
    expect(
      paths(parsePolicy(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), 'resource').errors),
    ).toEqual(['$.Statement[0]']);
  });
  it('bad resource ARNs and bad principals', () => {
    const r = parsePolicy(
      doc({
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::12345:user/*', '123456789012'] },
        Action: 's3:*',
        Resource: ['arn:aws:s3', 'arn:aws:s3:::ok/*'],
      }),
      'resource',
    );
    expect(paths(r.errors)).toEqual(['$.Statement[0].Resource[0]', '$.Statement[0].Principal.AWS[0]']);
  });
  it('both Action and NotAction; no Action; malformed action names; invalid values', () => {
    expect(
      parsePolicy(doc({ Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' }), 'identity')
        .errors,
    ).toHaveLength(1);
    expect(parsePolicy(doc({ Effect: 'Allow', Resource: '*' }), 'identity').errors).toHaveLength(1);
    expect(
      paths(parsePolicy(doc({ Effect: 'Allow', Action: 'GetObject', Resource: '*' }), 'identity').errors),
    ).toEqual(['$.Statement[0].Action']);
    const r = parsePolicy(
      doc({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          NumericLessThan: { 's3:max-keys': 'ten' },
          IpAddress: { 'aws:SourceIp': '10.0.0.300/8' },
          DateGreaterThan: { 'aws:CurrentTime': 'yesterday' },
        },
      }),
      'identity',
    );
    expect(r.errors).toHaveLength(3);
  });
  it('Null with IfExists is an error (CHECKS "Null with if exists")', () => {
    const r = parsePolicy(
      doc({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { NullIfExists: { 'aws:TagKeys': 'true' } },
      }),
      'identity',
    );
    expect(paths(r.errors)).toEqual(['$.Statement[0].Condition.NullIfExists']);
  });
  it('duplicate Sids; NotPrincipal in a trust policy; a custom RCP that allows', () => {
    expect(
      parsePolicy(
        doc(
          { Sid: 'X', Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Sid: 'X', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        ),
        'identity',
      ).errors,
    ).toHaveLength(1);
    expect(
      parsePolicy(
        doc({ Effect: 'Allow', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }),
        'trust',
      ).errors,
    ).toHaveLength(1);
    expect(
      parsePolicy(doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }), 'rcp')
        .errors,
    ).toHaveLength(1);
  });
  it('unresolved template values are errors, not guesses', () => {
    const r = parsePolicy(
      doc({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: { $unresolved: true, expression: { Ref: 'X' }, reason: 'parameter' },
      }),
      'identity',
    );
    expect(r.errors[0]?.path).toBe('$.Statement[0].Resource');
  });
});

describe('parsePolicy warnings (CHECKS)', () => {
  const warnings = (d: unknown, kind: Parameters<typeof parsePolicy>[1] = 'identity') =>
    parsePolicy(d, kind).warnings.map((w) => w.message);
  it('missing Version and Version 2008-10-17', () => {
    expect(warnings({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })[0]).toMatch(
      /Version is missing/,
    );
    expect(
      warnings({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })[0],
    ).toMatch(/2008-10-17/);
  });
  it('Allow with NotAction on "*", redundant statements, unknown global key, set operator on a single-valued key', () => {
    expect(warnings(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))[0]).toMatch(/NotAction/);
    const s = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    expect(warnings(doc(s, s))[0]).toMatch(/redundant/);
    expect(warnings(doc({ ...s, Condition: { StringEquals: { 'aws:SourceIP2': 'x' } } }))[0]).toMatch(
      /unknown global condition key/,
    );
    expect(
      warnings(doc({ ...s, Condition: { 'ForAnyValue:StringEquals': { 'aws:SourceVpc': 'vpc-1' } } }))[0],
    ).toMatch(/single-valued/);
  });
  it('iam:PassRole on "*"; Allow to "*" without a condition; ForAllValues in an Allow without a Null guard', () => {
    expect(warnings(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }))[0]).toMatch(/PassRole/);
    expect(
      warnings(
        doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
        'resource',
      )[0],
    ).toMatch(/everyone/);
    expect(
      warnings(
        doc({
          Effect: 'Allow',
          Action: 'ec2:CreateTags',
          Resource: '*',
          Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } },
        }),
      )[0],
    ).toMatch(/Null/);
  });
});

describe('parsePolicy leniency where AWS is lenient', () => {
  it('an ARN with an empty resource part is a warning (an AWS managed policy has one), matching nothing', () => {
    const r = parsePolicy(
      doc({ Effect: 'Allow', Action: 'organizations:ListAccounts', Resource: 'arn:aws:organizations::_:' }),
      'identity',
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]?.message).toMatch(/empty resource/);
  });
});
