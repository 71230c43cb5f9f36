import type { Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { str } from '../helpers.js';
import { day, metricsCollector, type Target } from './metrics.js';

/** A bucket's region: ListBuckets' `BucketRegion`, else GetBucketLocation's constraint (empty = us-east-1, `EU` = eu-west-1). */
function bucketRegion(bucket: Json): string | undefined {
  if (typeof bucket.BucketRegion === 'string' && bucket.BucketRegion) return bucket.BucketRegion;
  const details = isJson(bucket.$detail) ? bucket.$detail : {};
  const location = details['get-bucket-location'];
  if (!isJson(location)) return undefined;
  const constraint = location.LocationConstraint;
  if (constraint === null || constraint === undefined || constraint === '') return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : str(constraint);
}

/**
 * S3 storage metrics, apart: they need the bucket's region, which only the bucket collector's
 * details give, and that collector makes a dozen calls per bucket. Kept in their own collector, the
 * other metrics do not wait for it.
 */
const BUCKET_TARGETS: Target[] = [
  {
    // S3 reports storage once a day, in the bucket's region, per storage type: the cost engine reads
    // the Standard bytes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
    collector: 's3/buckets',
    itemsKey: 'Buckets',
    type: 'AWS::S3::Bucket',
    id: (b) => str(b.Name),
    namespace: () => 'AWS/S3',
    region: bucketRegion,
    dimensions: (b) => [{ Name: 'BucketName', Value: String(b.Name) }],
    metrics: () => [
      day('BucketSizeBytes', 'Average', 'Bytes', 14, { StorageType: 'StandardStorage' }),
      day('NumberOfObjects', 'Average', 'Count', 14, { StorageType: 'AllStorageTypes' }),
    ],
  },
];

/**
 * `cloudwatch get-metric-data` for the S3 buckets whose region is this unit's: the storage series
 * the cost engine reads (see `metrics.ts` for the batching and the shape of `observed.Metrics`).
 */
export const bucketMetrics = metricsCollector('cloudwatch/bucket-metrics', BUCKET_TARGETS);
