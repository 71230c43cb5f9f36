import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource } from '../../model/index.js';
import { loadDescribeJson } from './index.js';
import { tempTree } from './fixtures/tree.js';

const fixture = join(import.meta.dirname, 'fixtures', 'iam');

async function load(): Promise<Map<string, Resource>> {
  const snapshot = await loadDescribeJson(fixture);
  expect(snapshot.coverage).toEqual([]);
  return new Map(snapshot.resources.map((r) => [`${r.type} ${r.id}`, r]));
}

describe('iam get-account-authorization-details', () => {
  it('maps a role with its URL-encoded trust policy, inline and managed policies and boundary', async () => {
    const role = (await load()).get('AWS::IAM::Role app-role');
    expect(role).toMatchObject({
      arn: 'arn:aws:iam::123456789012:role/service/app-role',
      account: '123456789012',
      region: 'global',
      name: 'app-role',
    });
    expect(role?.props).toEqual({
      RoleName: 'app-role',
      Path: '/service/',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [
        {
          PolicyName: 'app-inline',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:GetObject', 's3:PutObject'],
                Resource: 'arn:aws:s3:::app-data/*',
              },
            ],
          },
        },
      ],
      ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/describe-only'],
      PermissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary',
    });
    expect(role?.observed).toMatchObject({
      RoleId: 'AROAEXAMPLEAPP',
      RoleLastUsed: { LastUsedDate: '2024-05-01T08:00:00+00:00', Region: 'eu-west-1' },
      InstanceProfiles: ['app-profile'],
    });
  });

  it('maps users (decoded documents as the CLI prints them) and groups', async () => {
    const resources = await load();
    expect(resources.get('AWS::IAM::User alice')?.props).toEqual({
      UserName: 'alice',
      Path: '/',
      Groups: ['admins'],
      Policies: [
        {
          PolicyName: 'alice-s3',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:GetObject', 's3:PutObject'],
                Resource: 'arn:aws:s3:::app-data/*',
              },
            ],
          },
        },
      ],
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      PermissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary',
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(resources.get('AWS::IAM::User alice')?.tags).toEqual({ team: 'platform' });
    expect(resources.get('AWS::IAM::Group admins')?.props).toEqual({
      GroupName: 'admins',
      Path: '/',
      Policies: [
        {
          PolicyName: 'admins-inline',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          },
        },
      ],
    });
    expect(resources.get('AWS::IAM::InstanceProfile app-profile')?.props).toEqual({
      InstanceProfileName: 'app-profile',
      Path: '/',
      Roles: ['app-role'],
    });
  });

  it('maps managed policies with the document of their default version, id = ARN', async () => {
    const resources = await load();
    const policy = resources.get('AWS::IAM::ManagedPolicy arn:aws:iam::123456789012:policy/describe-only');
    expect(policy?.props).toEqual({
      ManagedPolicyName: 'describe-only',
      Path: '/',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['ec2:Describe*', 'elasticloadbalancing:Describe*'], Resource: '*' },
        ],
      },
    });
    expect(policy?.observed).toMatchObject({ DefaultVersionId: 'v2', AttachmentCount: 1 });
    const aws = resources.get('AWS::IAM::ManagedPolicy arn:aws:iam::aws:policy/ReadOnlyAccess');
    // AWS managed policies have no account in their ARN; they are listed in the account that uses them.
    expect(aws?.account).toBe('123456789012');
    expect(aws?.observed?.AwsManaged).toBe(true);
  });

  it('keeps a document it cannot parse as unresolved, with a gap naming the file and item', async () => {
    const root = tempTree({
      'auth.json': {
        RoleDetailList: [
          {
            RoleName: 'broken',
            Arn: 'arn:aws:iam::123456789012:role/broken',
            AssumeRolePolicyDocument: '%7B%22Version',
          },
        ],
        Policies: [
          { PolicyName: 'listed', Arn: 'arn:aws:iam::123456789012:policy/listed', DefaultVersionId: 'v1' },
        ],
      },
    });
    const snapshot = await loadDescribeJson(root);
    const role = snapshot.resources.find((r) => r.id === 'broken');
    expect(isUnresolved(role?.props.AssumeRolePolicyDocument)).toBe(true);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ kind: 'parse-error', file: 'auth.json', path: 'RoleDetailList[0]', line: 3 }),
    );
    // `iam list-policies` output has no documents: unknown, not empty.
    const listed = snapshot.resources.find((r) => r.type === 'AWS::IAM::ManagedPolicy');
    expect(isUnresolved(listed?.props.PolicyDocument)).toBe(true);
    expect(snapshot.coverage.filter((g) => g.kind === 'unresolved-value').map((g) => g.path)).toEqual([
      'AssumeRolePolicyDocument',
      'PolicyDocument',
    ]);
  });
});
