import { z } from 'zod';
import { defineFix } from '../fix.js';
import { callFor, capturedAt, refuseNotLive } from '../fix-support.js';
import { bucketName } from './scope.js';

const params = z.object({
  kmsKeyId: z
    .string()
    .min(1)
    .optional()
    .describe('KMS key (id, ARN or alias ARN) for SSE-KMS; absent: the AWS managed key aws/s3.'),
});

/**
 * Sets the bucket's default encryption to SSE-KMS with the S3 Bucket Key on. Objects already in
 * the bucket keep their encryption until rewritten.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
 */
export default defineFix({
  rule: 's3-bucket-default-encryption-kms',
  title: 'Encrypt new objects with a KMS key by default (SSE-KMS, Bucket Key on)',
  // DeleteBucketEncryption (the undo when there was no configuration) needs the same action.
  actions: ['s3:PutEncryptionConfiguration'],
  params,
  plan(bucket, { params: { kmsKeyId } }) {
    const refused = refuseNotLive(bucket);
    if (refused) return refused;
    const Bucket = bucketName(bucket);
    const byDefault = { SSEAlgorithm: 'aws:kms', ...(kmsKeyId ? { KMSMasterKeyID: kmsKeyId } : {}) };
    return {
      steps: [
        {
          description: `Encrypt new objects of bucket ${Bucket} with ${kmsKeyId ?? 'the AWS managed key aws/s3'} by default`,
          call: callFor(bucket, 's3', 'PutBucketEncryption', 's3:PutEncryptionConfiguration', {
            Bucket,
            ServerSideEncryptionConfiguration: {
              // The API names it ApplyServerSideEncryptionByDefault; CloudFormation ServerSideEncryptionByDefault.
              Rules: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: true }],
            },
          }),
          capture: callFor(bucket, 's3', 'GetBucketEncryption', 's3:GetEncryptionConfiguration', { Bucket }),
          undo: (captured) => {
            const previous = capturedAt(captured, 'ServerSideEncryptionConfiguration');
            return previous && typeof previous === 'object'
              ? {
                  call: callFor(bucket, 's3', 'PutBucketEncryption', 's3:PutEncryptionConfiguration', {
                    Bucket,
                    ServerSideEncryptionConfiguration: previous,
                  }),
                }
              : {
                  call: callFor(bucket, 's3', 'DeleteBucketEncryption', 's3:PutEncryptionConfiguration', {
                    Bucket,
                  }),
                };
          },
        },
      ],
    };
  },
  template(_bucket, { params: { kmsKeyId } }) {
    return {
      patches: [
        {
          op: 'set',
          path: ['BucketEncryption', 'ServerSideEncryptionConfiguration'],
          value: [
            {
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                ...(kmsKeyId ? { KMSMasterKeyID: kmsKeyId } : {}),
              },
              BucketKeyEnabled: true,
            },
          ],
        },
      ],
    };
  },
});
