import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource, type Snapshot } from '../../model/index.js';
import { tempTree } from './fixtures/tree.js';
import { loadDescribeJson } from './index.js';

const policy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

/** The documented layout: `s3/list-buckets.json` and `s3/<bucket>/<s3api command>.json`, as the CLI prints them. */
function s3Tree(): string {
  const notFound = (code: string, op: string): string =>
    `\nAn error occurred (${code}) when calling the ${op} operation: The configuration does not exist\n`;
  return tempTree({
    'accounts/123456789012/s3/list-buckets.json': {
      Buckets: [
        { Name: 'logs-prod', CreationDate: '2022-01-01T00:00:00+00:00' },
        { Name: 'app-data', CreationDate: '2022-02-01T00:00:00+00:00' },
        { Name: 'bare-bucket', CreationDate: '2022-03-01T00:00:00+00:00' },
      ],
      Owner: { DisplayName: 'ops', ID: 'abc123' },
    },
    'accounts/123456789012/s3/logs-prod/get-bucket-versioning.json': {
      Status: 'Enabled',
      MFADelete: 'Disabled',
    },
    'accounts/123456789012/s3/logs-prod/get-bucket-encryption.json': {
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
      },
    },
    'accounts/123456789012/s3/logs-prod/get-bucket-logging.json': '',
    'accounts/123456789012/s3/logs-prod/get-public-access-block.json': {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    },
    'accounts/123456789012/s3/logs-prod/get-bucket-policy.json': notFound(
      'NoSuchBucketPolicy',
      'GetBucketPolicy',
    ),
    'accounts/123456789012/s3/logs-prod/get-bucket-location.json': { LocationConstraint: 'EU' },
    'accounts/123456789012/s3/logs-prod/get-bucket-tagging.json': { TagSet: [{ Key: 'env', Value: 'prod' }] },
    'accounts/123456789012/s3/logs-prod/get-bucket-lifecycle-configuration.json': {
      Rules: [
        {
          ID: 'expire-old',
          Filter: { Prefix: 'logs/' },
          Status: 'Enabled',
          Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }],
          Expiration: { Days: 365 },
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        },
      ],
    },
    'accounts/123456789012/s3/logs-prod/get-bucket-replication.json': notFound(
      'ReplicationConfigurationNotFoundError',
      'GetBucketReplication',
    ),
    'accounts/123456789012/s3/logs-prod/get-bucket-ownership-controls.json': {
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    },
    'accounts/123456789012/s3/logs-prod/get-object-lock-configuration.json': notFound(
      'ObjectLockConfigurationNotFoundError',
      'GetObjectLockConfiguration',
    ),
    'accounts/123456789012/s3/logs-prod/get-bucket-website.json': notFound(
      'NoSuchWebsiteConfiguration',
      'GetBucketWebsite',
    ),
    'accounts/123456789012/s3/logs-prod/get-bucket-notification-configuration.json': {},
    'accounts/123456789012/s3/logs-prod/get-bucket-cors.json': notFound(
      'NoSuchCORSConfiguration',
      'GetBucketCors',
    ),
    'accounts/123456789012/s3/logs-prod/get-bucket-acl.json': {
      Owner: { ID: 'abc123' },
      Grants: [{ Grantee: { ID: 'abc123', Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }],
    },
    // PascalCase file names (SDK scripts) are read too; empty output means versioning was never enabled.
    'accounts/123456789012/s3/app-data/GetBucketVersioning.json': '',
    'accounts/123456789012/s3/app-data/get-bucket-policy.json': { Policy: JSON.stringify(policy) },
    'accounts/123456789012/s3/app-data/get-bucket-location.json': { LocationConstraint: null },
    'accounts/123456789012/s3/app-data/get-bucket-encryption.json':
      'An error occurred (AccessDenied) when calling the GetBucketEncryption operation: Access Denied',
    'accounts/123456789012/s3/app-data/get-bucket-notification-configuration.json': {
      TopicConfigurations: [
        {
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:uploads',
          Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
          Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'in/' }] } },
        },
      ],
    },
    'accounts/123456789012/s3/app-data/get-bucket-policy-status.json': { PolicyStatus: { IsPublic: false } },
  });
}

function bucket(snapshot: Snapshot, name: string): Resource {
  const found = snapshot.resources.find((r) => r.type === 'AWS::S3::Bucket' && r.id === name);
  if (!found) throw new Error(`no bucket ${name}`);
  return found;
}

describe('s3api outputs', () => {
  it('maps every per-bucket command into CloudFormation bucket props', async () => {
    const snapshot = await loadDescribeJson(s3Tree());
    const logs = bucket(snapshot, 'logs-prod');
    expect(logs).toMatchObject({
      arn: 'arn:aws:s3:::logs-prod',
      account: '123456789012',
      region: 'eu-west-1',
      tags: { env: 'prod' },
      origin: { source: 'describe-json', file: 'accounts/123456789012/s3/list-buckets.json', line: 3 },
    });
    expect(logs.props).toEqual({
      BucketName: 'logs-prod',
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'expire-old',
            Status: 'Enabled',
            Prefix: 'logs/',
            ExpirationInDays: 365,
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          },
        ],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
    expect(logs.observed).toEqual({
      CreationDate: '2022-01-01T00:00:00+00:00',
      Acl: {
        Owner: { ID: 'abc123' },
        Grants: [{ Grantee: { ID: 'abc123', Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }],
      },
      MFADelete: 'Disabled',
    });
  });

  it('folds the bucket policy into PolicyDocument and splits notification events as CloudFormation does', async () => {
    const app = bucket(await loadDescribeJson(s3Tree()), 'app-data');
    expect(app.region).toBe('us-east-1');
    expect(app.props.PolicyDocument).toEqual(policy);
    expect(app.props.VersioningConfiguration).toBeUndefined();
    expect(app.props.NotificationConfiguration).toEqual({
      TopicConfigurations: [
        {
          Topic: 'arn:aws:sns:us-east-1:123456789012:uploads',
          Event: 's3:ObjectCreated:*',
          Filter: { S3Key: { Rules: [{ Name: 'Prefix', Value: 'in/' }] } },
        },
        {
          Topic: 'arn:aws:sns:us-east-1:123456789012:uploads',
          Event: 's3:ObjectRemoved:*',
          Filter: { S3Key: { Rules: [{ Name: 'Prefix', Value: 'in/' }] } },
        },
      ],
    });
    expect(app.observed?.PolicyStatus).toEqual({ IsPublic: false });
  });

  it('leaves what the input does not say unresolved, with one gap per property, and reports denied calls', async () => {
    const snapshot = await loadDescribeJson(s3Tree());
    const app = bucket(snapshot, 'app-data');
    // Access denied: the encryption setting is unknown, not "no encryption".
    expect(isUnresolved(app.props.BucketEncryption)).toBe(true);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'access-denied',
        file: 'accounts/123456789012/s3/app-data/get-bucket-encryption.json',
        resourceId: 'app-data',
      }),
    );
    const bare = bucket(snapshot, 'bare-bucket');
    for (const prop of [
      'VersioningConfiguration',
      'BucketEncryption',
      'LoggingConfiguration',
      'PolicyDocument',
      'Tags',
    ]) {
      expect(isUnresolved(bare.props[prop]), prop).toBe(true);
    }
    // No get-bucket-acl output: the ACL is not known, rather than "grants nothing".
    expect(bare.observed?.Acl).toMatchObject({
      $unresolved: true,
      reason: 'no get-bucket-acl output for this bucket in the input',
    });
    const versioning = snapshot.coverage.filter(
      (g) => g.kind === 'unresolved-value' && g.path === 'VersioningConfiguration',
    );
    expect(versioning).toHaveLength(1);
    expect(versioning[0]).toMatchObject({ resourceType: 'AWS::S3::Bucket', resourceId: 'bare-bucket' });
    const encryption = snapshot.coverage.find(
      (g) => g.kind === 'unresolved-value' && g.path === 'BucketEncryption',
    );
    expect(encryption?.message).toContain('2 AWS::S3::Bucket');
  });
});
