import {
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import type { Collector, CommandClass, DetailCall, Json } from '../../collector.js';
import { isJson } from '../../json.js';

/**
 * Per-bucket calls, named after the `s3api` command whose output the describe-JSON S3 mapper reads,
 * with the IAM action each needs (several differ from the operation name) and the error codes that
 * mean "not configured".
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
const FACETS: Array<[command: string, sdk: CommandClass, action: string, notConfigured: string[]]> = [
  ['get-bucket-location', GetBucketLocationCommand, 's3:GetBucketLocation', []],
  ['get-bucket-versioning', GetBucketVersioningCommand, 's3:GetBucketVersioning', []],
  [
    'get-bucket-encryption',
    GetBucketEncryptionCommand,
    's3:GetEncryptionConfiguration',
    ['ServerSideEncryptionConfigurationNotFoundError'],
  ],
  ['get-bucket-logging', GetBucketLoggingCommand, 's3:GetBucketLogging', []],
  [
    'get-public-access-block',
    GetPublicAccessBlockCommand,
    's3:GetBucketPublicAccessBlock',
    ['NoSuchPublicAccessBlockConfiguration'],
  ],
  ['get-bucket-policy', GetBucketPolicyCommand, 's3:GetBucketPolicy', ['NoSuchBucketPolicy']],
  [
    'get-bucket-policy-status',
    GetBucketPolicyStatusCommand,
    's3:GetBucketPolicyStatus',
    ['NoSuchBucketPolicy'],
  ],
  ['get-bucket-acl', GetBucketAclCommand, 's3:GetBucketAcl', []],
  [
    'get-bucket-lifecycle-configuration',
    GetBucketLifecycleConfigurationCommand,
    's3:GetLifecycleConfiguration',
    ['NoSuchLifecycleConfiguration'],
  ],
  [
    'get-bucket-replication',
    GetBucketReplicationCommand,
    's3:GetReplicationConfiguration',
    ['ReplicationConfigurationNotFoundError'],
  ],
  [
    'get-bucket-notification-configuration',
    GetBucketNotificationConfigurationCommand,
    's3:GetBucketNotification',
    [],
  ],
  ['get-bucket-website', GetBucketWebsiteCommand, 's3:GetBucketWebsite', ['NoSuchWebsiteConfiguration']],
  [
    'get-bucket-ownership-controls',
    GetBucketOwnershipControlsCommand,
    's3:GetBucketOwnershipControls',
    ['OwnershipControlsNotFoundError'],
  ],
  ['get-bucket-tagging', GetBucketTaggingCommand, 's3:GetBucketTagging', ['NoSuchTagSet']],
  ['get-bucket-cors', GetBucketCorsCommand, 's3:GetBucketCORS', ['NoSuchCORSConfiguration']],
  [
    'get-object-lock-configuration',
    GetObjectLockConfigurationCommand,
    's3:GetBucketObjectLockConfiguration',
    ['ObjectLockConfigurationNotFoundError'],
  ],
];

const details: DetailCall[] = FACETS.map(([name, command, action, notConfigured]) => ({
  name,
  command,
  action,
  notConfigured,
  input: (bucket: Json) => (typeof bucket.Name === 'string' ? { Bucket: bucket.Name } : undefined),
}));

/**
 * `s3api list-buckets` and, per bucket, versioning (with MFA delete), encryption, logging, public
 * access block, policy (+ status), ACL, lifecycle, replication, notifications, website, ownership
 * controls and tags → `AWS::S3::Bucket`, through the describe-JSON S3 mapper. A per-bucket call that
 * fails leaves its props unresolved, with a gap naming the bucket.
 */
export const buckets: Collector = {
  id: 's3/buckets',
  service: 's3',
  global: true,
  resourceTypes: ['AWS::S3::Bucket'],
  list: [
    {
      command: ListBucketsCommand,
      action: 's3:ListAllMyBuckets',
      items: ['Buckets'],
      paginate: {
        inputToken: 'ContinuationToken',
        outputToken: 'ContinuationToken',
        pageSize: ['MaxBuckets', 1000],
      },
    },
  ],
  details,
  mapping: {
    kind: 'describe-json',
    entries: (data) =>
      (data.items.Buckets ?? []).flatMap((item) => {
        const { $detail, ...bucket } = item;
        const out: Array<[string, Json]> = [['Buckets', bucket]];
        const facets = isJson($detail) ? $detail : {};
        for (const [command, output] of Object.entries(facets)) {
          // `null`: the bucket has no such configuration (the S3 mapper leaves the prop absent).
          const facet: Json = { Bucket: bucket.Name };
          if (isJson(output)) facet.Output = output;
          out.push([`s3:${command}`, facet]);
        }
        return out;
      }),
  },
};
