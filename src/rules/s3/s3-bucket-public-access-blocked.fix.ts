import { defineFix } from '../fix.js';
import { callFor, capturedAt, refuseNotLive } from '../fix-support.js';
import { BPA_FLAGS } from './bucket-access.js';
import { bucketName } from './scope.js';

/** All four Block Public Access settings on. */
export const ALL_BLOCKED = Object.fromEntries(BPA_FLAGS.map((flag) => [flag, true])) as Record<
  (typeof BPA_FLAGS)[number],
  true
>;

/**
 * Turns on all four Block Public Access settings of the bucket itself. The account-level block
 * (the other rule's fix) covers every bucket; this one changes only the failing bucket.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html
 */
export default defineFix({
  rule: 's3-bucket-public-access-blocked',
  title: 'Turn on all four Block Public Access settings of the bucket',
  // DeletePublicAccessBlock (the undo when the bucket had no configuration) needs the same action.
  actions: ['s3:PutBucketPublicAccessBlock'],
  plan(bucket) {
    const refused = refuseNotLive(bucket);
    if (refused) return refused;
    const Bucket = bucketName(bucket);
    return {
      steps: [
        {
          description: `Turn on all four Block Public Access settings of bucket ${Bucket}`,
          call: callFor(bucket, 's3', 'PutPublicAccessBlock', 's3:PutBucketPublicAccessBlock', {
            Bucket,
            PublicAccessBlockConfiguration: { ...ALL_BLOCKED },
          }),
          capture: callFor(bucket, 's3', 'GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', { Bucket }),
          undo: (captured) => {
            const previous = capturedAt(captured, 'PublicAccessBlockConfiguration');
            // NoSuchPublicAccessBlockConfiguration: the bucket had no settings of its own.
            return previous && typeof previous === 'object'
              ? {
                  call: callFor(bucket, 's3', 'PutPublicAccessBlock', 's3:PutBucketPublicAccessBlock', {
                    Bucket,
                    PublicAccessBlockConfiguration: previous,
                  }),
                }
              : {
                  call: callFor(bucket, 's3', 'DeletePublicAccessBlock', 's3:PutBucketPublicAccessBlock', {
                    Bucket,
                  }),
                };
          },
        },
      ],
    };
  },
  template() {
    return { patches: [{ op: 'set', path: ['PublicAccessBlockConfiguration'], value: { ...ALL_BLOCKED } }] };
  },
});
