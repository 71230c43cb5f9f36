import {
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeInstancesCommand,
  EC2Client,
  ModifyInstanceMetadataOptionsCommand,
} from '@aws-sdk/client-ec2';
import { GetBucketVersioningCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_CREDENTIALS,
  RECORDED_ACCOUNT_ID,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from './index.js';
import { recordTable } from './writes/dynamodb.js';

let endpoint: AwsEndpoint;
beforeEach(async () => {
  const fixtures = recordedAccount();
  recordTable(fixtures, { region: 'us-east-1', account: RECORDED_ACCOUNT_ID, name: 'orders', pitr: false });
  endpoint = await startAwsEndpoint({ fixtures });
});
afterEach(async () => {
  await endpoint.close();
});

const config = () => ({ region: 'us-east-1', endpoint: endpoint.url, credentials: FAKE_CREDENTIALS });

describe('write handlers of the local endpoint', () => {
  it('logs each request’s decoded input and changes the state later reads see', async () => {
    const s3 = new S3Client({ ...config(), forcePathStyle: true });
    const ec2 = new EC2Client(config());
    const dynamodb = new DynamoDBClient(config());
    try {
      await s3.send(
        new PutBucketVersioningCommand({
          Bucket: 'example-public-site',
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      );
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'example-public-site' }))).Status).toBe(
        'Enabled',
      );
      await expect(
        s3.send(
          new PutBucketVersioningCommand({
            Bucket: 'no-such-bucket',
            VersioningConfiguration: { Status: 'Enabled' },
          }),
        ),
      ).rejects.toMatchObject({ name: 'NoSuchBucket' });

      await ec2.send(
        new ModifyInstanceMetadataOptionsCommand({
          InstanceId: 'i-0a1b2c3d4e5f60072',
          HttpTokens: 'required',
        }),
      );
      const described = await ec2.send(
        new DescribeInstancesCommand({ InstanceIds: ['i-0a1b2c3d4e5f60072'] }),
      );
      const instance = described.Reservations?.[0]?.Instances?.[0];
      expect(instance?.MetadataOptions).toMatchObject({
        HttpTokens: 'required',
        HttpEndpoint: 'enabled',
        HttpPutResponseHopLimit: 1,
      });

      await dynamodb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'orders',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      const backups = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: 'orders' }));
      expect(
        backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
      ).toBe('ENABLED');
    } finally {
      s3.destroy();
      ec2.destroy();
      dynamodb.destroy();
    }
    expect(endpoint.log.map((r) => [r.service, r.operation, r.status, r.params])).toEqual([
      [
        's3',
        'PutBucketVersioning',
        200,
        { Bucket: 'example-public-site', VersioningConfiguration: { Status: 'Enabled' } },
      ],
      ['s3', 'GetBucketVersioning', 200, { Bucket: 'example-public-site' }],
      [
        's3',
        'PutBucketVersioning',
        404,
        { Bucket: 'no-such-bucket', VersioningConfiguration: { Status: 'Enabled' } },
      ],
      [
        'ec2',
        'ModifyInstanceMetadataOptions',
        200,
        { InstanceId: 'i-0a1b2c3d4e5f60072', HttpTokens: 'required' },
      ],
      ['ec2', 'DescribeInstances', 200, { 'InstanceId.1': 'i-0a1b2c3d4e5f60072' }],
      [
        'dynamodb',
        'UpdateContinuousBackups',
        200,
        { TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
      ],
      ['dynamodb', 'DescribeContinuousBackups', 200, { TableName: 'orders' }],
    ]);
  });
});
