import { describe, expect, it } from 'vitest';
import {
  arn,
  dnsSuffixForPartition,
  formatArn,
  isArn,
  isPartition,
  parseArn,
  partitionForRegion,
  PARTITIONS,
  type Arn,
} from './arn.js';

describe('parseArn', () => {
  it.each<[string, Partial<Arn>]>([
    [
      'arn:aws:iam::123456789012:role/path/name',
      {
        partition: 'aws',
        service: 'iam',
        region: '',
        account: '123456789012',
        resource: 'role/path/name',
        resourceType: 'role',
        resourceId: 'path/name',
      },
    ],
    [
      'arn:aws:s3:::bucket/key/with:colon.txt',
      {
        service: 's3',
        region: '',
        account: '',
        resource: 'bucket/key/with:colon.txt',
        resourceType: 'object',
      },
    ],
    ['arn:aws:s3:::my-bucket', { resourceType: 'bucket', resourceId: 'my-bucket' }],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:name:alias',
      { region: 'us-east-1', resourceType: 'function', resourceId: 'name:alias' },
    ],
    [
      'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1',
      { service: 'ec2', resourceType: 'security-group', resourceId: 'sg-1' },
    ],
    [
      'arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com',
      { service: 'sts', resourceType: 'assumed-role', resourceId: 'Admin/alice@example.com' },
    ],
    [
      'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn:*',
      { resourceType: 'log-group', resourceId: '/aws/lambda/fn:*' },
    ],
    [
      'arn:aws:iam::aws:policy/AdministratorAccess',
      { account: 'aws', resourceType: 'policy', resourceId: 'AdministratorAccess' },
    ],
    ['arn:aws:iam::123456789012:root', { resource: 'root', resourceType: undefined, resourceId: 'root' }],
    ['arn:aws:sns:us-east-1:123456789012:alerts', { resourceType: undefined, resourceId: 'alerts' }],
    [
      'arn:aws:s3:us-west-2:123456789012:accesspoint/ap-1',
      { resourceType: 'accesspoint', resourceId: 'ap-1' },
    ],
    [
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188',
      { resourceType: 'loadbalancer', resourceId: 'app/web/50dc6c495c0c9188' },
    ],
    ['arn:aws:ec2:us-east-1::image/ami-0abc', { account: '', resourceType: 'image' }],
    ['arn:aws-cn:ec2:cn-north-1:123456789012:vpc/vpc-1', { partition: 'aws-cn', region: 'cn-north-1' }],
    ['arn:aws-us-gov:iam::123456789012:user/bob', { partition: 'aws-us-gov' }],
    ['arn:aws-iso-b:ec2:us-isob-east-1:123456789012:vpc/vpc-1', { partition: 'aws-iso-b' }],
    ['arn:aws-eusc:s3:::b', { partition: 'aws-eusc' }],
    ['arn:aws:ec2:ap-southeast-5:123456789012:instance/i-1', { region: 'ap-southeast-5' }],
    ['arn:aws:iam::unknown:role/FromTemplate', { account: 'unknown' }],
    ['arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets', { service: 'execute-api' }],
  ])('parses %s', (s, expected) => {
    const r = parseArn(s);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const present = Object.entries(expected).filter(([, v]) => v !== undefined);
      expect(r.value).toMatchObject(Object.fromEntries(present));
      // An undefined expectation means the key is absent, not present-and-undefined.
      for (const [k, v] of Object.entries(expected)) if (v === undefined) expect(k in r.value).toBe(false);
      expect(formatArn(r.value)).toBe(s);
    }
  });

  it.each([
    ['', 'not-arn'],
    ['aws:iam::123:role/x', 'not-arn'],
    ['ARN:aws:iam::123:role/x', 'not-arn'],
    ['arn:aws:iam::123', 'too-few-fields'],
    ['arn:aws:iam', 'too-few-fields'],
    ['arn:amazon:iam::123456789012:role/x', 'unknown-partition'],
    ['arn::iam::123456789012:role/x', 'unknown-partition'],
    ['arn:aws:::123456789012:role/x', 'invalid-service'],
    ['arn:aws:IAM::123456789012:role/x', 'invalid-service'],
    ['arn:aws:iam:123456789012::role/x', 'invalid-region'],
    ['arn:aws:ec2:us-east:123456789012:vpc/x', 'invalid-region'],
    ['arn:aws:ec2:*:123456789012:vpc/x', 'invalid-region'],
    ['arn:aws:ec2:us-east-1:1234 5678:vpc/x', 'invalid-account'],
    ['arn:aws:ec2:us-east-1:*:vpc/x', 'invalid-account'],
    ['arn:aws:iam::123456789012:', 'empty-resource'],
  ])('rejects %j (%s)', (s, reason) => {
    const r = parseArn(s);
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) expect(r.message).toContain(s === '' ? 'not an ARN' : s);
    expect(isArn(s)).toBe(false);
  });

  it('accepts wildcard patterns only when asked', () => {
    const pattern = 'arn:aws:ec2:*:*:instance/*';
    expect(isArn(pattern)).toBe(false);
    expect(parseArn(pattern, { allowWildcards: true })).toMatchObject({
      ok: true,
      value: { region: '*', account: '*', resourceType: 'instance', resourceId: '*' },
    });
    expect(isArn('arn:aws:s3:::*', { allowWildcards: true })).toBe(true);
    expect(isArn('arn:aws:s3:::*')).toBe(true); // the resource part is free text either way
    expect(isArn('arn:aws:*:us-east-?:12345678901?:x', { allowWildcards: true })).toBe(true);
  });

  it('throws from the convenience form', () => {
    expect(arn('arn:aws:s3:::b').resourceId).toBe('b');
    expect(() => arn('nope')).toThrow(/not an ARN/);
  });
});

describe('formatArn', () => {
  it('joins type and id', () => {
    expect(
      formatArn({
        partition: 'aws',
        service: 'iam',
        account: '123456789012',
        resourceType: 'role',
        resourceId: 'a/b',
      }),
    ).toBe('arn:aws:iam::123456789012:role/a/b');
    expect(
      formatArn({
        partition: 'aws',
        service: 'lambda',
        region: 'us-east-1',
        account: '123456789012',
        resourceType: 'function',
        resourceId: 'fn',
        separator: ':',
      }),
    ).toBe('arn:aws:lambda:us-east-1:123456789012:function:fn');
    expect(formatArn({ partition: 'aws', service: 's3', resource: 'bucket' })).toBe('arn:aws:s3:::bucket');
  });
});

describe('partitions', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-3', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionForRegion(region)).toBe(partition);
  });

  it('knows every partition DNS suffix', () => {
    expect(dnsSuffixForPartition('aws')).toBe('amazonaws.com');
    expect(dnsSuffixForPartition('aws-cn')).toBe('amazonaws.com.cn');
    expect(dnsSuffixForPartition('aws-us-gov')).toBe('amazonaws.com');
    for (const p of PARTITIONS) expect(dnsSuffixForPartition(p)).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
    expect(isPartition('aws-iso-f')).toBe(true);
    expect(isPartition('azure')).toBe(false);
  });
});
