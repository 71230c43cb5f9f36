import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { policyOf, requestOf, userPrincipal } from './testing.js';

/*
 * Every condition operator and its edge cases, each against the AWS page that states it.
 * OPS = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * MULTI = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * LOGIC = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * VARS = https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

const alice = userPrincipal('111111111111', 'alice', { tags: { team: 'blue' }, userId: 'AIDAEXAMPLE' });

/** Whether an Allow with this condition lets alice call s3:GetObject, with the context given. */
function allowed(
  condition: Record<string, unknown>,
  context: Record<string, string | string[]> = {},
  version = '2012-10-17',
): boolean {
  const policy = policyOf(
    'identity',
    'p',
    [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }],
    version,
  );
  const d = evaluate(
    requestOf(alice, 's3:GetObject', 'arn:aws:s3:::b/k', context),
    { identity: [policy] },
    { rawContext: false },
  );
  return d.decision === 'Allowed';
}

describe('string operators (OPS "String condition operators")', () => {
  it('StringEquals is case-sensitive; StringEqualsIgnoreCase is not', () => {
    expect(allowed({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } })).toBe(true);
    expect(allowed({ StringEquals: { 'aws:PrincipalTag/team': 'Blue' } })).toBe(false);
    expect(allowed({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } })).toBe(true);
    expect(allowed({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'BLUE' } })).toBe(false);
  });
  it('StringLike matches * and ? wildcards; StringEquals does not', () => {
    expect(allowed({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/x' })).toBe(true);
    expect(allowed({ StringLike: { 's3:prefix': 'home/?' } }, { 's3:prefix': 'home/ab' })).toBe(false);
    expect(allowed({ StringLike: { 's3:prefix': 'home/??' } }, { 's3:prefix': 'home/ab' })).toBe(true);
    expect(allowed({ StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/x' })).toBe(false);
  });
  it('several values of one key are OR-ed; negated operators must match none (LOGIC)', () => {
    expect(allowed({ StringEquals: { 'aws:PrincipalTag/team': ['red', 'blue'] } })).toBe(true);
    expect(allowed({ StringNotEquals: { 'aws:PrincipalTag/team': ['red', 'blue'] } })).toBe(false);
    expect(allowed({ StringNotEquals: { 'aws:PrincipalTag/team': ['red', 'green'] } })).toBe(true);
  });
  it('several keys, and several operators, are AND-ed (LOGIC)', () => {
    expect(allowed({ StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:username': 'alice' } })).toBe(
      true,
    );
    expect(allowed({ StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:username': 'bob' } })).toBe(false);
    expect(
      allowed({ StringEquals: { 'aws:username': 'alice' }, Bool: { 'aws:SecureTransport': 'true' } }),
    ).toBe(false);
  });
  it('condition keys are case-insensitive (OPS)', () => {
    expect(allowed({ StringEquals: { 'AWS:USERNAME': 'alice' } })).toBe(true);
    expect(
      allowed({ StringEquals: { 'ec2:ResourceTag/Env': 'prod' } }, { 'EC2:resourcetag/env': 'prod' }),
    ).toBe(true);
  });
  it('a missing key fails positive operators and satisfies negated ones (OPS)', () => {
    expect(allowed({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } })).toBe(false);
    expect(allowed({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } })).toBe(true);
    expect(allowed({ StringNotLike: { 'aws:SourceVpc': 'vpc-*' } })).toBe(true);
    expect(allowed({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::x' } })).toBe(true);
  });
});

describe('numeric, date, bool, binary (OPS)', () => {
  it('Numeric operators compare integers and decimals', () => {
    const ctx = { 's3:max-keys': '10' };
    expect(allowed({ NumericLessThanEquals: { 's3:max-keys': '10' } }, ctx)).toBe(true);
    expect(allowed({ NumericLessThan: { 's3:max-keys': '10' } }, ctx)).toBe(false);
    expect(allowed({ NumericGreaterThan: { 's3:max-keys': '9.5' } }, ctx)).toBe(true);
    expect(allowed({ NumericGreaterThanEquals: { 's3:max-keys': '11' } }, ctx)).toBe(false);
    expect(allowed({ NumericEquals: { 's3:max-keys': '10.0' } }, ctx)).toBe(true);
    expect(allowed({ NumericNotEquals: { 's3:max-keys': '10' } }, ctx)).toBe(false);
    expect(allowed({ NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' })).toBe(false);
  });
  it('Date operators accept ISO 8601 and epoch seconds', () => {
    const ctx = { 'aws:CurrentTime': '2026-06-01T12:00:00Z' };
    expect(allowed({ DateLessThan: { 'aws:CurrentTime': '2026-12-31T23:59:59Z' } }, ctx)).toBe(true);
    expect(allowed({ DateGreaterThan: { 'aws:CurrentTime': '2026-12-31' } }, ctx)).toBe(false);
    expect(
      allowed(
        { DateGreaterThanEquals: { 'aws:CurrentTime': '1767225600' } },
        { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      ),
    ).toBe(true);
    expect(
      allowed({ DateEquals: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } }, { 'aws:EpochTime': '1767225600' }),
    ).toBe(true);
    expect(allowed({ DateNotEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, ctx)).toBe(false);
    expect(allowed({ DateLessThanEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00+00:00' } }, ctx)).toBe(
      true,
    );
  });
  it('Bool compares true / false', () => {
    expect(allowed({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' })).toBe(
      true,
    );
    expect(allowed({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' })).toBe(
      false,
    );
    expect(allowed({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'TRUE' })).toBe(true);
  });
  it('BinaryEquals compares the base-64 bytes', () => {
    expect(
      allowed({ BinaryEquals: { 'key:bin': 'QmluYXJ5VmFsdWU=' } }, { 'key:bin': 'QmluYXJ5VmFsdWU=' }),
    ).toBe(true);
    expect(allowed({ BinaryEquals: { 'key:bin': 'QmluYXJ5VmFsdWU=' } }, { 'key:bin': 'T3RoZXI=' })).toBe(
      false,
    );
  });
});

describe('IP address operators (OPS "IP address condition operators")', () => {
  it('IpAddress matches IPv4 and IPv6 CIDR blocks; a bare address is a /32', () => {
    expect(
      allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }),
    ).toBe(true);
    expect(
      allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.7' }),
    ).toBe(false);
    expect(
      allowed(
        { IpAddress: { 'aws:SourceIp': '2001:db8:1234::/48' } },
        { 'aws:SourceIp': '2001:db8:1234:5::1' },
      ),
    ).toBe(true);
    expect(allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.7' })).toBe(
      true,
    );
    expect(allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.8' })).toBe(
      false,
    );
    expect(
      allowed({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '2001:db8::1' }),
    ).toBe(false);
  });
  it('NotIpAddress holds outside the blocks, and when aws:SourceIp is absent (through a VPC endpoint)', () => {
    expect(
      allowed(
        { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
        { 'aws:SourceIp': '203.0.113.7' },
      ),
    ).toBe(true);
    expect(
      allowed(
        { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
        { 'aws:SourceIp': '10.1.2.3' },
      ),
    ).toBe(false);
    expect(allowed({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe(true);
  });
});

describe('ARN operators (OPS "Amazon Resource Name (ARN) condition operators")', () => {
  it('ArnLike matches each of the six components separately; StringLike does not (the AWS example)', () => {
    const ctx = {
      'aws:SourceArn':
        'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
    };
    expect(
      allowed({ StringLike: { 'aws:SourceArn': 'arn:aws:someservice:*:111122223333:finance/*' } }, ctx),
    ).toBe(true);
    expect(
      allowed({ ArnLike: { 'aws:SourceArn': 'arn:aws:someservice:*:111122223333:finance/*' } }, ctx),
    ).toBe(false);
  });
  it('ArnEquals behaves as ArnLike; ArnNotEquals / ArnNotLike negate', () => {
    const ctx = { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111111111111:topic' };
    expect(allowed({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } }, ctx)).toBe(true);
    expect(allowed({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-?:111111111111:topic' } }, ctx)).toBe(
      true,
    );
    expect(allowed({ ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } }, ctx)).toBe(false);
    expect(allowed({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:222222222222:*' } }, ctx)).toBe(true);
    expect(
      allowed(
        { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:*' } },
        { 'aws:SourceArn': 'not-an-arn' },
      ),
    ).toBe(false);
  });
});

describe('Null and IfExists (OPS "Condition operator to check existence of condition keys", "...IfExists")', () => {
  it('Null true holds when the key is absent, false when present', () => {
    expect(allowed({ Null: { 'aws:TokenIssueTime': 'true' } })).toBe(true);
    expect(allowed({ Null: { 'aws:TokenIssueTime': 'false' } })).toBe(false);
    expect(
      allowed({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }),
    ).toBe(true);
  });
  it('IfExists holds when the key is absent and evaluates it when present', () => {
    expect(allowed({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } })).toBe(true);
    expect(
      allowed(
        { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } },
        { 'ec2:InstanceType': 'm5.large' },
      ),
    ).toBe(false);
    expect(allowed({ NumericLessThanIfExists: { 's3:max-keys': '5' } }, { 's3:max-keys': '3' })).toBe(true);
    expect(allowed({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe(true);
    expect(allowed({ IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe(true);
    expect(allowed({ ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:s3:::x' } })).toBe(true);
    expect(allowed({ DateGreaterThanIfExists: { 'aws:CurrentTime': '2020-01-01' } })).toBe(true);
  });
  it('a Deny with a negated IfExists operator still denies when the tag is missing', () => {
    // OPS: "StringNotEqualsIfExists ... if the key is not present, the condition evaluates to true"
    const allow = policyOf('identity', 'a', [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }]);
    const deny = policyOf('identity', 'd', [
      {
        Effect: 'Deny',
        Action: 'ec2:RunInstances',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:RequestTag/team': 'blue' } },
      },
    ]);
    const d = evaluate(requestOf(alice, 'ec2:RunInstances', '*'), { identity: [allow, deny] });
    expect(d.decision).toBe('ExplicitDeny');
  });
});

describe('set operators (MULTI)', () => {
  it('ForAllValues holds when every request value matches, and when the key is missing or empty', () => {
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } };
    expect(allowed(c, { 'aws:TagKeys': ['team'] })).toBe(true);
    expect(allowed(c, { 'aws:TagKeys': ['team', 'env'] })).toBe(true);
    expect(allowed(c, { 'aws:TagKeys': ['team', 'owner'] })).toBe(false);
    expect(allowed(c)).toBe(true);
    expect(allowed(c, { 'aws:TagKeys': [] })).toBe(true);
  });
  it('ForAnyValue holds when any request value matches, and not when the key is missing or empty', () => {
    const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'env'] } };
    expect(allowed(c, { 'aws:TagKeys': ['owner', 'env'] })).toBe(true);
    expect(allowed(c, { 'aws:TagKeys': ['owner'] })).toBe(false);
    expect(allowed(c)).toBe(false);
    expect(allowed(c, { 'aws:TagKeys': [] })).toBe(false);
    expect(allowed({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } })).toBe(true);
  });
  it('the AWS truth table of a Deny with ForAllValues:StringNotLike', () => {
    // MULTI, "Example: ForAllValues with a negated operator": key1:legal → no match;
    // key1:hr + key1:personnel → no match; key2:audit → match; no key → match.
    const deny = (ctx: Record<string, string[]>) => {
      const p = policyOf('identity', 'p', [
        { Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ec2:CreateTags',
          Resource: '*',
          Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
        },
      ]);
      return (
        evaluate(requestOf(alice, 'ec2:CreateTags', '*', ctx), { identity: [p] }).decision === 'ExplicitDeny'
      );
    };
    expect(deny({ 'aws:TagKeys': ['key1:legal'] })).toBe(false);
    expect(deny({ 'aws:TagKeys': ['key1:hr', 'key1:personnel'] })).toBe(false);
    expect(deny({ 'aws:TagKeys': ['key2:audit'] })).toBe(true);
    expect(deny({})).toBe(true);
  });
  it('ForAnyValue with a negated operator: any request value outside the list', () => {
    const c = { 'ForAnyValue:StringNotEquals': { 'lambda:SubnetIds': ['subnet-a', 'subnet-b'] } };
    expect(allowed(c, { 'lambda:SubnetIds': ['subnet-a', 'subnet-c'] })).toBe(true);
    expect(allowed(c, { 'lambda:SubnetIds': ['subnet-a', 'subnet-b'] })).toBe(false);
    expect(allowed(c)).toBe(false);
  });
  it('a plain operator does not match a multivalued request value', () => {
    expect(allowed({ StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team', 'env'] })).toBe(
      false,
    );
    expect(allowed({ StringEquals: { 'aws:TagKeys': 'team' } }, { 'aws:TagKeys': ['team'] })).toBe(true);
  });
});

describe('policy variables (VARS)', () => {
  it('resolve in condition values: ${aws:username}, ${aws:PrincipalTag/k}, ${aws:userid}', () => {
    expect(
      allowed({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 's3:prefix': 'home/alice/a' }),
    ).toBe(true);
    expect(
      allowed({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { 's3:prefix': 'home/bob/a' }),
    ).toBe(false);
    expect(
      allowed(
        { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } },
        { 'aws:ResourceTag/team': 'blue' },
      ),
    ).toBe(true);
    expect(allowed({ StringEquals: { 'x:owner': '${aws:userid}' } }, { 'x:owner': 'AIDAEXAMPLE' })).toBe(
      true,
    );
  });
  it('${*}, ${?} and ${$} are the literal characters, not wildcards', () => {
    expect(allowed({ StringLike: { 's3:prefix': 'a${*}' } }, { 's3:prefix': 'a*' })).toBe(true);
    expect(allowed({ StringLike: { 's3:prefix': 'a${*}' } }, { 's3:prefix': 'abc' })).toBe(false);
    expect(allowed({ StringLike: { 's3:prefix': 'a${?}' } }, { 's3:prefix': 'a?' })).toBe(true);
    expect(allowed({ StringEquals: { 's3:prefix': 'a${$}' } }, { 's3:prefix': 'a$' })).toBe(true);
  });
  it("a default value applies when the key is absent: ${aws:PrincipalTag/dept, 'company-wide'}", () => {
    expect(
      allowed(
        { StringEquals: { 's3:prefix': "${aws:PrincipalTag/dept, 'company-wide'}" } },
        { 's3:prefix': 'company-wide' },
      ),
    ).toBe(true);
    expect(
      allowed(
        { StringEquals: { 's3:prefix': "${aws:PrincipalTag/team, 'company-wide'}" } },
        { 's3:prefix': 'blue' },
      ),
    ).toBe(true);
  });
  it('an unresolved variable does not match StringEquals and does match StringNotEquals', () => {
    expect(
      allowed({ StringEquals: { 's3:prefix': '${aws:PrincipalTag/missing}' } }, { 's3:prefix': 'x' }),
    ).toBe(false);
    expect(
      allowed({ StringNotEquals: { 's3:prefix': '${aws:PrincipalTag/missing}' } }, { 's3:prefix': 'x' }),
    ).toBe(true);
  });
  it('without Version 2012-10-17 a variable is literal text', () => {
    expect(
      allowed({ StringEquals: { 's3:prefix': '${aws:username}' } }, { 's3:prefix': 'alice' }, '2008-10-17'),
    ).toBe(false);
    expect(
      allowed(
        { StringEquals: { 's3:prefix': '${aws:username}' } },
        { 's3:prefix': '${aws:username}' },
        '2008-10-17',
      ),
    ).toBe(true);
  });
  it('numeric operators take no variables: the policy is invalid', () => {
    expect(() =>
      allowed({ NumericEquals: { 's3:max-keys': '${aws:username}' } }, { 's3:max-keys': '1' }),
    ).toThrow(/not a number/);
  });
});

describe('missingContextKeys', () => {
  it('lists the keys relevant statements use and the request lacks', () => {
    const policy = policyOf('identity', 'p', [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:username': 'alice' } },
      },
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'ec2:Region': 'x' } } },
    ]);
    const d = evaluate(requestOf(alice, 's3:GetObject', 'arn:aws:s3:::b/k'), { identity: [policy] });
    expect(d.missingContextKeys).toEqual(['aws:SourceIp']);
  });
});
