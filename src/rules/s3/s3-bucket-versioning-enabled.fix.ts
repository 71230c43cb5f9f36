import { defineFix } from '../fix.js';
import { callFor, capturedAt, refuseNotLive } from '../fix-support.js';
import { bucketName } from './scope.js';

/**
 * Turns versioning on. The undo puts back a suspended state: once a bucket has had versioning
 * enabled it can only be suspended, never returned to "never enabled" (and the versions kept in the
 * meantime stay until deleted or expired).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 */
export default defineFix({
  rule: 's3-bucket-versioning-enabled',
  title: 'Turn on versioning of the bucket',
  actions: ['s3:PutBucketVersioning'],
  plan(bucket) {
    const refused = refuseNotLive(bucket);
    if (refused) return refused;
    const Bucket = bucketName(bucket);
    const put = (Status: 'Enabled' | 'Suspended') =>
      callFor(bucket, 's3', 'PutBucketVersioning', 's3:PutBucketVersioning', {
        Bucket,
        VersioningConfiguration: { Status },
      });
    return {
      steps: [
        {
          description: `Turn on versioning of bucket ${Bucket}`,
          call: put('Enabled'),
          capture: callFor(bucket, 's3', 'GetBucketVersioning', 's3:GetBucketVersioning', { Bucket }),
          undo: (captured) => {
            const status = capturedAt(captured, 'Status');
            if (status === 'Enabled' || status === 'Suspended') return { call: put(status) };
            // Absent status: never enabled; suspended is the closest state S3 allows going back to.
            return {
              call: put('Suspended'),
              partial:
                'the bucket had never been versioned: S3 lets versioning be suspended, never removed, and the object versions kept meanwhile stay until deleted or expired',
            };
          },
        },
      ],
    };
  },
  template() {
    return { patches: [{ op: 'set', path: ['VersioningConfiguration', 'Status'], value: 'Enabled' }] };
  },
});
