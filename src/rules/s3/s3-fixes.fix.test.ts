import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource, TEST_ACCOUNT } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import accountFix from './s3-account-public-access-block-enabled.fix.js';
import encryptionFix from './s3-bucket-default-encryption-kms.fix.js';
import encryptionRule from './s3-bucket-default-encryption-kms.js';
import tlsFix from './s3-bucket-secure-transport-required.fix.js';
import versioningFix from './s3-bucket-versioning-enabled.fix.js';
import versioningRule from './s3-bucket-versioning-enabled.js';
import tlsRule from './s3-bucket-secure-transport-required.js';

const graph = createGraph([]);
const ALL_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

describe('fix s3-account-public-access-block-enabled', () => {
  const settings = resource(
    'AWS::S3::AccountPublicAccessBlock',
    TEST_ACCOUNT,
    { BlockPublicAcls: true },
    { region: 'global' },
  );

  it('puts all four settings through S3 Control in a concrete region', () => {
    const plan = accountFix.plan(settings, { params: {}, graph });
    expect(callsOf(plan)).toEqual([
      {
        client: 's3-control',
        operation: 'PutPublicAccessBlock',
        input: { AccountId: TEST_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON },
      },
    ]);
    const [step] = stepsOf(plan);
    expect(step!.call.region).toBe('us-east-1');
    expect(step!.capture).toMatchObject({
      client: 's3-control',
      operation: 'GetPublicAccessBlock',
      action: 's3:GetAccountPublicAccessBlock',
    });
  });

  it('undoes to the captured settings or deletes the configuration', () => {
    const [step] = stepsOf(accountFix.plan(settings, { params: {}, graph }));
    const previous = { ...ALL_ON, RestrictPublicBuckets: false };
    expect(step!.undo!({ PublicAccessBlockConfiguration: previous })).toMatchObject({
      call: {
        operation: 'PutPublicAccessBlock',
        input: { AccountId: TEST_ACCOUNT, PublicAccessBlockConfiguration: previous },
      },
    });
    expect(step!.undo!(undefined)).toMatchObject({
      call: { operation: 'DeletePublicAccessBlock', input: { AccountId: TEST_ACCOUNT } },
    });
  });

  it('refuses an unknown account and declares no template patch', () => {
    expect(accountFix.plan({ ...settings, account: 'unknown' }, { params: {}, graph })).toHaveProperty(
      'cannot',
    );
    expect(accountFix.template).toBeUndefined();
  });
});

describe('fix s3-bucket-default-encryption-kms', () => {
  const bucket = resource('AWS::S3::Bucket', 'exports', {
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
  });

  it('puts SSE-KMS with the Bucket Key, with the given key or aws/s3', () => {
    const params = encryptionFix.params!.parse({ kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1' });
    expect(callsOf(encryptionFix.plan(bucket, { params, graph }))).toEqual([
      {
        client: 's3',
        operation: 'PutBucketEncryption',
        input: {
          Bucket: 'exports',
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k1',
                },
                BucketKeyEnabled: true,
              },
            ],
          },
        },
      },
    ]);
    const plain = callsOf(encryptionFix.plan(bucket, { params: encryptionFix.params!.parse({}), graph }));
    expect(plain[0]!.input).toMatchObject({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
    });
  });

  it('undoes to the captured configuration, or deletes it when there was none', () => {
    const [step] = stepsOf(encryptionFix.plan(bucket, { params: {}, graph }));
    const previous = {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
    };
    expect(step!.undo!({ ServerSideEncryptionConfiguration: previous })).toMatchObject({
      call: {
        operation: 'PutBucketEncryption',
        input: { Bucket: 'exports', ServerSideEncryptionConfiguration: previous },
      },
    });
    expect(step!.undo!(undefined)).toMatchObject({
      call: { operation: 'DeleteBucketEncryption', input: { Bucket: 'exports' } },
    });
  });

  it('makes the failing template buckets pass, with and without a key', () => {
    const url = new URL('./fixtures/s3-bucket-default-encryption-kms.yaml', import.meta.url);
    expect(rescanFixed(encryptionRule, encryptionFix, url).outcomes).toEqual({
      FailS3ManagedKeys: 'pass',
      FailNoConfigurationMeansSseS3: 'pass',
    });
    const withKey = rescanFixed(encryptionRule, encryptionFix, url, { params: { kmsKeyId: 'alias/data' } });
    expect(Object.values(withKey.outcomes)).toEqual(['pass', 'pass']);
  });
});

describe('fix s3-bucket-secure-transport-required', () => {
  const existing = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::ledger/*',
      },
    ],
  };
  const bucket = resource(
    'AWS::S3::Bucket',
    'ledger',
    { PolicyDocument: existing },
    { arn: 'arn:aws:s3:::ledger' },
  );

  it('merges the deny into the existing policy, keeping every statement', () => {
    const [call] = callsOf(tlsFix.plan(bucket, { params: {}, graph }));
    expect(call).toMatchObject({ client: 's3', operation: 'PutBucketPolicy', input: { Bucket: 'ledger' } });
    const policy = JSON.parse((call!.input as { Policy: string }).Policy) as typeof existing;
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toEqual([
      existing.Statement[0],
      {
        Sid: 'DenyInsecureTransport2',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::ledger', 'arn:aws:s3:::ledger/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('reads the policy as JSON text too, and uses the bucket ARN partition', () => {
    const china = resource(
      'AWS::S3::Bucket',
      'cn-data',
      { PolicyDocument: JSON.stringify(existing) },
      { arn: 'arn:aws-cn:s3:::cn-data', region: 'cn-north-1' },
    );
    const [call] = callsOf(tlsFix.plan(china, { params: {}, graph }));
    const policy = JSON.parse((call!.input as { Policy: string }).Policy) as {
      Statement: Array<{ Resource: unknown }>;
    };
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[1]!.Resource).toEqual(['arn:aws-cn:s3:::cn-data', 'arn:aws-cn:s3:::cn-data/*']);
  });

  it('creates a policy when the bucket has none', () => {
    const [call] = callsOf(tlsFix.plan(resource('AWS::S3::Bucket', 'fresh', {}), { params: {}, graph }));
    expect(JSON.parse((call!.input as { Policy: string }).Policy)).toEqual({
      Version: '2012-10-17',
      Statement: [expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny' })],
    });
  });

  it('captures GetBucketPolicy and undoes to the previous policy, or deletes the policy when there was none', () => {
    const [step] = stepsOf(tlsFix.plan(bucket, { params: {}, graph }));
    expect(step!.capture).toMatchObject({
      operation: 'GetBucketPolicy',
      input: { Bucket: 'ledger' },
      action: 's3:GetBucketPolicy',
    });
    const before = JSON.stringify(existing);
    expect(step!.undo!({ Policy: before })).toMatchObject({
      call: { operation: 'PutBucketPolicy', input: { Bucket: 'ledger', Policy: before } },
    });
    expect(step!.undo!(undefined)).toMatchObject({
      call: { operation: 'DeleteBucketPolicy', input: { Bucket: 'ledger' }, action: 's3:DeleteBucketPolicy' },
    });
  });

  it('refuses a policy it cannot read', () => {
    expect(
      tlsFix.plan(resource('AWS::S3::Bucket', 'bad', { PolicyDocument: '{not json' }), { params: {}, graph }),
    ).toMatchObject({
      cannot: expect.stringContaining('cannot be read'),
    });
  });

  it('makes every failing template bucket pass: appends to its BucketPolicy, or adds one', () => {
    const fixed = rescanFixed(
      tlsRule,
      tlsFix,
      new URL('./fixtures/s3-bucket-secure-transport-required.yaml', import.meta.url),
    );
    expect(Object.keys(fixed.outcomes).length).toBeGreaterThan(3);
    expect(Object.entries(fixed.outcomes).filter(([, o]) => o !== 'pass')).toEqual([]);
    expect(fixed.patches.FailNoPolicy).toEqual([
      expect.objectContaining({
        op: 'add-resource',
        logicalId: 'FailNoPolicyTlsOnlyPolicy',
        type: 'AWS::S3::BucketPolicy',
      }),
    ]);
    expect(fixed.patches.FailDenyOnBucketOnly).toEqual([
      expect.objectContaining({
        op: 'append',
        path: ['PolicyDocument', 'Statement'],
      }),
    ]);
    // The other statements of the patched policy are untouched.
    const policy = fixed.template.Resources.PolicyForFailDenyOnBucketOnly!.Properties!.PolicyDocument as {
      Statement: unknown[];
    };
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[0]).toMatchObject({ Sid: 'TlsOnBucket' });
  });
});

describe('fix s3-bucket-versioning-enabled (template patches)', () => {
  it('makes the failing template buckets pass', () => {
    const fixed = rescanFixed(
      versioningRule,
      versioningFix,
      new URL('./fixtures/s3-bucket-versioning-enabled.yaml', import.meta.url),
    );
    expect(Object.keys(fixed.outcomes).length).toBeGreaterThan(0);
    expect(Object.entries(fixed.outcomes).filter(([, o]) => o !== 'pass')).toEqual([]);
  });
});
