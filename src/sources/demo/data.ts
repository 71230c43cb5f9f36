import {
  DEV,
  DR,
  MANAGEMENT,
  PRIMARY,
  PROD,
  SECURITY,
  ACCOUNTS,
  at,
  globalIn,
  type DemoAccount,
} from './accounts.js';
import {
  arnOf,
  dailyMetric,
  dailyValues,
  policyDocument,
  type Inventory,
  type MetricSeries,
  type Place,
  type Spec,
} from './builder.js';
import { roleArn } from './iam.js';
import { daysAgo, lowerId, uuidOf } from './ids.js';
import type { NetworkRefs } from './network.js';

/*
 * Data stores: KMS keys, S3 (account and bucket settings), DynamoDB, RDS, Redshift. S3 bucket
 * policies are folded into the bucket's `PolicyDocument`, as the CloudFormation source folds
 * AWS::S3::BucketPolicy. MFA delete is not a CloudFormation property; it is the `MFADelete` of
 * GetBucketVersioning, kept in `observed`.
 */

type Mark = Pick<Spec, 'problem' | 'twin' | 'tags'>;

// ---------------------------------------------------------------------------------------------
// KMS

export interface KeyRef {
  id: string;
  arn: string;
}

function kmsKey(
  inv: Inventory,
  place: Place,
  alias: string,
  description: string,
  rotation: boolean,
  mark: Mark = {},
  extraStatements: Array<Record<string, unknown>> = [],
): KeyRef {
  const id = uuidOf(`${place.account}/${place.region}/${alias}`);
  const arn = arnOf('kms', place, `key/${id}`);
  inv.add(place, {
    type: 'AWS::KMS::Key',
    id,
    arn,
    name: alias,
    props: {
      Description: description,
      Enabled: true,
      EnableKeyRotation: rotation,
      ...(rotation ? { RotationPeriodInDays: 365 } : {}),
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      MultiRegion: false,
      KeyPolicy: policyDocument(
        {
          Sid: 'EnableIAMUserPermissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${place.account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        ...extraStatements,
      ),
    },
    observed: { KeyState: 'Enabled', KeyManager: 'CUSTOMER', CreationDate: daysAgo(rotation ? 800 : 1600) },
    ...mark,
  });
  const aliasName = `alias/${alias}`;
  inv.add(place, {
    type: 'AWS::KMS::Alias',
    id: aliasName,
    arn: arnOf('kms', place, aliasName),
    name: aliasName,
    props: { AliasName: aliasName, TargetKeyId: id },
  });
  return { id, arn };
}

export interface DataRefs {
  keys: { logArchive: KeyRef; prodData: KeyRef; prodLegacy: KeyRef; prodDr: KeyRef; devData: KeyRef };
}

// ---------------------------------------------------------------------------------------------
// S3

export const LOG_ARCHIVE_BUCKET = `companya-log-archive-${SECURITY.id}`;
export const PROD_ACCESS_LOGS_BUCKET = 'companya-prod-access-logs-use1';
export const ALB_LOGS_BUCKET = 'companya-alb-logs-use1';
export const PIPELINE_BUCKET = `companya-pipeline-artifacts-${PROD.id}`;
/** Elastic Load Balancing's account in us-east-1, which writes ALB access logs. */
const ELB_ACCOUNT_US_EAST_1 = '127311923021';

const BPA_ON = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const BPA_OFF = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};

/** Deny plain HTTP (CIS "S3 bucket policy is set to deny HTTP requests"). */
function denyInsecureTransport(bucket: string): Record<string, unknown> {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function publicRead(bucket: string): Record<string, unknown> {
  return policyDocument({
    Sid: 'PublicReadGetObject',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::${bucket}/*`,
  });
}

/** Server access logs are delivered by the logging service principal, restricted to the source account. */
function accessLogTarget(bucket: string, account: DemoAccount): Record<string, unknown> {
  return policyDocument(
    {
      Sid: 'S3ServerAccessLogsPolicy',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': account.id } },
    },
    denyInsecureTransport(bucket),
  );
}

interface BucketOptions extends Mark {
  versioning?: 'Enabled' | 'Suspended';
  mfaDelete?: boolean;
  logTo?: { bucket: string; prefix: string };
  publicAccessBlock?: boolean;
  kmsKey?: KeyRef;
  policy?: Record<string, unknown>;
  replicateTo?: { bucket: string; account?: DemoAccount; storageClass?: string; kmsKey?: KeyRef };
  notifyTopic?: string;
  website?: Record<string, unknown>;
  lifecycle?: Array<Record<string, unknown>>;
  createdDaysAgo?: number;
  objectLock?: boolean;
}

function bucket(inv: Inventory, place: Place, name: string, o: BucketOptions = {}): string {
  const props: Record<string, unknown> = {
    BucketName: name,
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        o.kmsKey
          ? {
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: o.kmsKey.arn },
              BucketKeyEnabled: true,
            }
          : { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
      ],
    },
    PublicAccessBlockConfiguration: o.publicAccessBlock === false ? BPA_OFF : BPA_ON,
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
  };
  if (o.versioning) props.VersioningConfiguration = { Status: o.versioning };
  if (o.objectLock) props.ObjectLockEnabled = true;
  if (o.logTo)
    props.LoggingConfiguration = { DestinationBucketName: o.logTo.bucket, LogFilePrefix: o.logTo.prefix };
  if (o.website) props.WebsiteConfiguration = o.website;
  if (o.lifecycle) props.LifecycleConfiguration = { Rules: o.lifecycle };
  if (o.replicateTo) {
    const destination: Record<string, unknown> = {
      Bucket: `arn:aws:s3:::${o.replicateTo.bucket}`,
      StorageClass: o.replicateTo.storageClass ?? 'STANDARD_IA',
    };
    if (o.replicateTo.kmsKey)
      destination.EncryptionConfiguration = { ReplicaKmsKeyID: o.replicateTo.kmsKey.arn };
    props.ReplicationConfiguration = {
      Role: roleArn(PROD, 's3-replication'),
      Rules: [
        {
          Id: `replicate-to-${o.replicateTo.bucket}`,
          Status: 'Enabled',
          Priority: 1,
          Filter: { Prefix: '' },
          DeleteMarkerReplication: { Status: 'Enabled' },
          Destination: destination,
          ...(o.kmsKey ? { SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } } } : {}),
        },
      ],
    };
  }
  if (o.notifyTopic) {
    props.NotificationConfiguration = {
      TopicConfigurations: [
        { Event: 's3:ObjectCreated:*', Topic: o.notifyTopic },
        { Event: 's3:ObjectRemoved:*', Topic: o.notifyTopic },
      ],
    };
  }
  if (o.policy) props.PolicyDocument = o.policy;
  const observed: Record<string, unknown> = {
    CreationDate: daysAgo(o.createdDaysAgo ?? 900),
    BucketRegion: place.region,
  };
  // GetBucketVersioning reports MFADelete only once versioning has been configured.
  if (o.versioning) observed.MFADelete = o.mfaDelete ? 'Enabled' : 'Disabled';
  inv.add(place, {
    type: 'AWS::S3::Bucket',
    id: name,
    arn: `arn:aws:s3:::${name}`,
    name,
    props,
    observed,
    problem: o.problem,
    twin: o.twin,
    tags: o.tags,
  });
  return name;
}

function accountPublicAccessBlock(
  inv: Inventory,
  account: DemoAccount,
  settings: typeof BPA_ON,
  mark: Mark = {},
): void {
  inv.add(globalIn(account), {
    type: 'AWS::S3::AccountPublicAccessBlock',
    id: account.id,
    name: `${account.name} S3 Block Public Access`,
    props: { ...settings },
    ...mark,
  });
}

function website(index = 'index.html'): Record<string, unknown> {
  return { IndexDocument: index, ErrorDocument: 'error.html' };
}

function addS3(inv: Inventory, keys: DataRefs['keys']): void {
  // Account level. Most restrictive of account and bucket settings applies.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  accountPublicAccessBlock(inv, MANAGEMENT, BPA_ON);
  accountPublicAccessBlock(inv, SECURITY, BPA_ON, { twin: 's3-account-public-access-block-off' });
  accountPublicAccessBlock(inv, DEV, BPA_OFF, { problem: 's3-account-public-access-block-off' });
  // Prod hosts the public website, so bucket policies may be public there.
  accountPublicAccessBlock(
    inv,
    PROD,
    { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
    { problem: 's3-account-public-access-block-off' },
  );

  const security = at(SECURITY);
  const securityLogs = `companya-s3-access-logs-${SECURITY.id}`;
  bucket(inv, security, LOG_ARCHIVE_BUCKET, {
    versioning: 'Enabled',
    mfaDelete: true,
    objectLock: true,
    kmsKey: keys.logArchive,
    logTo: { bucket: securityLogs, prefix: `${LOG_ARCHIVE_BUCKET}/` },
    lifecycle: [
      {
        Id: 'archive-then-expire',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }],
        ExpirationInDays: 2555,
      },
    ],
    policy: policyDocument(
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: `arn:aws:s3:::${LOG_ARCHIVE_BUCKET}`,
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${LOG_ARCHIVE_BUCKET}/AWSLogs/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
      {
        Sid: 'AWSLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${LOG_ARCHIVE_BUCKET}/flow-logs/*`,
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNTS.map((a) => a.id) } },
      },
      denyInsecureTransport(LOG_ARCHIVE_BUCKET),
    ),
    createdDaysAgo: 2000,
  });
  bucket(inv, security, securityLogs, {
    versioning: 'Enabled',
    policy: accessLogTarget(securityLogs, SECURITY),
    createdDaysAgo: 2000,
  });
  // Bucket-level block off, account-level on: the account setting still blocks public access.
  bucket(inv, security, 'companya-security-tools', {
    publicAccessBlock: false,
    twin: 's3-bucket-public-access-not-blocked',
  });

  const prod = at(PROD);
  const prodDr = at(PROD, DR);
  const logs = (prefix: string) => ({ bucket: PROD_ACCESS_LOGS_BUCKET, prefix: `${prefix}/` });
  bucket(inv, prod, PROD_ACCESS_LOGS_BUCKET, {
    versioning: 'Enabled',
    policy: accessLogTarget(PROD_ACCESS_LOGS_BUCKET, PROD),
    lifecycle: [{ Id: 'expire-after-a-year', Status: 'Enabled', ExpirationInDays: 365 }],
  });

  // The static website on the root domain: the bucket must be named exactly like the host.
  bucket(inv, prod, 'companya.com', {
    website: website(),
    publicAccessBlock: false,
    policy: publicRead('companya.com'),
    logTo: logs('companya.com'),
  });
  bucket(inv, prod, 'www.companya.com', {
    website: { RedirectAllRequestsTo: { HostName: 'companya.com', Protocol: 'https' } },
    publicAccessBlock: false,
  });
  bucket(inv, prod, 'companya-blog', {
    website: website(),
    publicAccessBlock: false,
    policy: publicRead('companya-blog'),
    createdDaysAgo: 200,
  });
  for (const host of ['shop.companya.com', 'portal.companya.com']) {
    bucket(inv, prod, host, {
      website: website('maintenance.html'),
      publicAccessBlock: false,
      policy: publicRead(host),
    });
  }

  const critical = { 'data-classification': 'critical' };
  bucket(inv, prod, 'companya-critical-docs', {
    versioning: 'Enabled',
    mfaDelete: true,
    kmsKey: keys.prodData,
    logTo: { bucket: 'companya-critical-docs', prefix: 'access-logs/' },
    tags: critical,
    problem: 's3-access-log-target-is-source',
  });
  // Its log bucket was deleted and re-created in ap-southeast-1 under the same name; S3 cannot deliver
  // logs across regions, so nothing arrives (PutBucketLogging now fails with CrossLocationLoggingProhibited).
  bucket(inv, prod, 'companya-audit-evidence', {
    versioning: 'Enabled',
    mfaDelete: true,
    kmsKey: keys.prodData,
    logTo: { bucket: 'companya-audit-logs', prefix: 'audit-evidence/' },
    tags: { 'data-classification': 'internal' },
    problem: 's3-access-log-target-other-region',
  });
  bucket(inv, prodDr, 'companya-audit-logs', {
    versioning: 'Enabled',
    policy: accessLogTarget('companya-audit-logs', PROD),
    createdDaysAgo: 60,
  });
  bucket(inv, prod, 'companya-prod-contracts', {
    versioning: 'Enabled',
    mfaDelete: true,
    kmsKey: keys.prodData,
    logTo: logs('companya-prod-contracts'),
    tags: critical,
    twin: [
      's3-access-log-target-is-source',
      's3-access-log-target-other-region',
      's3-critical-bucket-mfa-delete-off',
      's3-critical-bucket-versioning-off',
    ],
  });
  bucket(inv, prod, 'companya-prod-ledger', {
    versioning: 'Enabled',
    mfaDelete: false,
    kmsKey: keys.prodData,
    logTo: logs('companya-prod-ledger'),
    tags: critical,
    problem: 's3-critical-bucket-mfa-delete-off',
  });
  bucket(inv, prod, 'companya-prod-exports', {
    versioning: 'Suspended',
    kmsKey: keys.prodData,
    logTo: logs('companya-prod-exports'),
    tags: critical,
    problem: 's3-critical-bucket-versioning-off',
  });

  // Cross-region replication to the DR region: source and destination must both be versioned.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html
  bucket(inv, prod, 'companya-prod-invoices', {
    versioning: 'Enabled',
    logTo: logs('companya-prod-invoices'),
    replicateTo: { bucket: 'companya-prod-invoices-dr' },
    tags: { 'dr-requirement': 'cross-region' },
    problem: 's3-replication-destination-unversioned',
  });
  bucket(inv, prodDr, 'companya-prod-invoices-dr', { versioning: 'Suspended' });
  bucket(inv, prod, 'companya-prod-documents', {
    versioning: 'Enabled',
    kmsKey: keys.prodData,
    logTo: logs('companya-prod-documents'),
    replicateTo: { bucket: 'companya-prod-documents-dr', kmsKey: keys.prodDr },
    tags: { 'dr-requirement': 'cross-region' },
    twin: ['s3-replication-destination-unversioned', 's3-replication-not-cross-region'],
  });
  bucket(inv, prodDr, 'companya-prod-documents-dr', { versioning: 'Enabled', kmsKey: keys.prodDr });
  bucket(inv, prod, 'companya-prod-statements', {
    versioning: 'Enabled',
    logTo: logs('companya-prod-statements'),
    replicateTo: { bucket: 'companya-prod-statements-replica', storageClass: 'STANDARD' },
    tags: { 'dr-requirement': 'cross-region' },
    problem: 's3-replication-not-cross-region',
  });
  bucket(inv, prod, 'companya-prod-statements-replica', { versioning: 'Enabled' });

  // Sensitive documents: every change should reach the team through S3 event notifications → SNS.
  const topicArn = arnOf('sns', prod, 'sensitive-doc-changes');
  inv.add(prod, {
    type: 'AWS::SNS::Topic',
    id: topicArn,
    arn: topicArn,
    name: 'sensitive-doc-changes',
    props: {
      TopicName: 'sensitive-doc-changes',
      KmsMasterKeyId: 'alias/aws/sns',
      Subscription: [{ Protocol: 'email', Endpoint: 'legal-ops@companya.com' }],
      PolicyDocument: policyDocument({
        Sid: 'AllowS3Notifications',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: {
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::companya-legal-sensitive' },
          StringEquals: { 'aws:SourceAccount': PROD.id },
        },
      }),
    },
  });
  const sensitive = { 'data-classification': 'sensitive' };
  bucket(inv, prod, 'companya-hr-sensitive', {
    versioning: 'Enabled',
    kmsKey: keys.prodData,
    logTo: logs('companya-hr-sensitive'),
    tags: sensitive,
    problem: 's3-sensitive-bucket-without-notifications',
  });
  bucket(inv, prod, 'companya-legal-sensitive', {
    versioning: 'Enabled',
    kmsKey: keys.prodData,
    logTo: logs('companya-legal-sensitive'),
    notifyTopic: topicArn,
    tags: sensitive,
    twin: 's3-sensitive-bucket-without-notifications',
  });

  // CloudFront origins: the images bucket is public, so users can skip the distribution; the assets
  // bucket admits only the distribution through origin access control.
  bucket(inv, prod, 'companya-images', {
    publicAccessBlock: false,
    policy: publicRead('companya-images'),
    logTo: logs('companya-images'),
  });
  bucket(inv, prod, 'companya-assets', {
    logTo: logs('companya-assets'),
    policy: policyDocument({
      Sid: 'AllowCloudFrontServicePrincipalReadOnly',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::companya-assets/*',
      Condition: {
        StringEquals: {
          'AWS:SourceArn': `arn:aws:cloudfront::${PROD.id}:distribution/${ASSETS_DISTRIBUTION_ID}`,
        },
      },
    }),
  });
  bucket(inv, prod, 'companya-consultant-share', {
    versioning: 'Enabled',
    logTo: logs('companya-consultant-share'),
  });
  bucket(inv, prod, PIPELINE_BUCKET, { versioning: 'Enabled', kmsKey: keys.prodData });
  bucket(inv, prod, ALB_LOGS_BUCKET, {
    lifecycle: [{ Id: 'expire-after-90-days', Status: 'Enabled', ExpirationInDays: 90 }],
    policy: policyDocument({
      Sid: 'ElbAccessLogs',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ELB_ACCOUNT_US_EAST_1}:root` },
      Action: 's3:PutObject',
      Resource: [
        `arn:aws:s3:::${ALB_LOGS_BUCKET}/AWSLogs/${PROD.id}/*`,
        `arn:aws:s3:::${ALB_LOGS_BUCKET}/AWSLogs/${DEV.id}/*`,
      ],
    }),
  });

  // Legacy buckets from before March 2018, when us-east-1 still accepted these names. They work
  // only with path-style URLs and cannot be re-created (or declared in CloudFormation) today.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  for (const legacy of ['CompanyA-Legacy-Exports', 'companya_ftp_drop', 'companya-tmp-']) {
    bucket(inv, prod, legacy, { createdDaysAgo: 3300, problem: 's3-bucket-name-not-dns-compliant' });
  }
  // Digital policy files kept for verification, rarely read: Glacier is the cheap place for them.
  bucket(inv, prod, 'companya-reports-archive', {
    versioning: 'Enabled',
    logTo: logs('companya-reports-archive'),
    lifecycle: [
      {
        Id: 'to-glacier',
        Status: 'Enabled',
        Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
      },
    ],
    twin: 's3-bucket-name-not-dns-compliant',
  });

  const dev = at(DEV);
  // Off at bucket level and at account level: nothing stops a public bucket policy here.
  bucket(inv, dev, 'companya-dev-scratch', {
    publicAccessBlock: false,
    problem: 's3-bucket-public-access-not-blocked',
  });
  bucket(inv, dev, 'companya-dev-artifacts', { versioning: 'Enabled', kmsKey: keys.devData });
}

/** The CloudFront distribution in front of companya-assets (its bucket policy names it). */
export const ASSETS_DISTRIBUTION_ID = 'E2ASSETS7QK4M1';
/** The CloudFront distribution in front of companya-images. */
export const IMAGES_DISTRIBUTION_ID = 'E1IMAGES3ZP8X5';

// ---------------------------------------------------------------------------------------------
// DynamoDB

function table(
  inv: Inventory,
  place: Place,
  name: string,
  props: Record<string, unknown>,
  metrics: Record<string, MetricSeries>,
  mark: Mark = {},
): string {
  const arn = arnOf('dynamodb', place, `table/${name}`);
  inv.add(place, {
    type: 'AWS::DynamoDB::Table',
    id: name,
    arn,
    name,
    props: {
      TableName: name,
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      ...props,
    },
    observed: { TableStatus: 'ACTIVE', CreationDateTime: daysAgo(700), Metrics: metrics },
    ...mark,
  });
  return arn;
}

/** Application Auto Scaling target tracking at 70 % utilisation for one capacity dimension. */
function tableAutoScaling(
  inv: Inventory,
  place: Place,
  tableName: string,
  dimension: 'Read' | 'Write',
  min: number,
  max: number,
): void {
  const resourceId = `table/${tableName}`;
  const scalable = `dynamodb:table:${dimension}CapacityUnits`;
  const targetId = `${resourceId}|${scalable}|dynamodb`;
  inv.add(place, {
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    id: targetId,
    name: `${tableName} ${dimension.toLowerCase()} capacity`,
    props: {
      ServiceNamespace: 'dynamodb',
      ResourceId: resourceId,
      ScalableDimension: scalable,
      MinCapacity: min,
      MaxCapacity: max,
      RoleARN: roleArn(
        PROD,
        'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
        '/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/',
      ),
    },
  });
  const policyName = `${tableName}-${dimension.toLowerCase()}-target-tracking`;
  const policyArn = arnOf(
    'autoscaling',
    place,
    `scalingPolicy:${uuidOf(policyName)}:resource/dynamodb/${resourceId}:policyName/${policyName}`,
  );
  inv.add(place, {
    type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    id: policyArn,
    arn: policyArn,
    name: policyName,
    props: {
      PolicyName: policyName,
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: targetId,
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: `DynamoDB${dimension}CapacityUtilization` },
      },
    },
  });
}

function addDynamoDb(inv: Inventory): void {
  const prod = at(PROD);
  const ddb = (key: string, stat: MetricSeries['Statistic'], base: number, spread: number) =>
    dailyMetric(key, 'AWS/DynamoDB', stat, 'Count', 14, base, spread, 0);
  const keyed = {
    KeySchema: [
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'createdAt', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
    ],
  };
  // The social-media backend: capacity fixed at launch, no auto scaling; it throttles every evening peak.
  table(
    inv,
    prod,
    'social-feed',
    {
      ...keyed,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 50 },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
    {
      ThrottledRequests: dailyValues(
        'AWS/DynamoDB',
        'Sum',
        'Count',
        [812, 95, 40, 1304, 1766, 2210, 4518, 5021, 640, 77, 1410, 1902, 2633, 4871],
      ),
      ReadThrottleEvents: dailyValues(
        'AWS/DynamoDB',
        'Sum',
        'Count',
        [790, 90, 38, 1250, 1701, 2150, 4402, 4877, 611, 70, 1366, 1850, 2570, 4760],
      ),
      WriteThrottleEvents: dailyValues(
        'AWS/DynamoDB',
        'Sum',
        'Count',
        [22, 5, 2, 54, 65, 60, 116, 144, 29, 7, 44, 52, 63, 111],
      ),
      // Daily Sum of consumed units (the only statistic that measures consumption; Maximum and
      // Average are per request): the per-second average sits at the provisioned 100 / 50.
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
      ConsumedReadCapacityUnits: dailyValues(
        'AWS/DynamoDB',
        'Sum',
        'Count',
        [100, 96, 88, 100, 100, 100, 100, 100, 100, 91, 100, 100, 100, 100].map(
          (perSecond) => perSecond * 86_400,
        ),
      ),
      ConsumedWriteCapacityUnits: dailyValues(
        'AWS/DynamoDB',
        'Sum',
        'Count',
        [50, 41, 37, 50, 50, 50, 50, 50, 49, 40, 50, 50, 50, 50].map((perSecond) => perSecond * 86_400),
      ),
    },
    { problem: 'dynamodb-throttled-without-autoscaling' },
  );
  table(
    inv,
    prod,
    'social-users',
    {
      ...keyed,
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 50, WriteCapacityUnits: 25 },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
    {
      ThrottledRequests: dailyValues('AWS/DynamoDB', 'Sum', 'Count', Array(14).fill(0) as number[]),
      ConsumedReadCapacityUnits: ddb('social-users/rcu', 'Sum', 40 * 86_400, 8 * 86_400),
      ConsumedWriteCapacityUnits: ddb('social-users/wcu', 'Sum', 20 * 86_400, 4 * 86_400),
    },
    { twin: ['dynamodb-throttled-without-autoscaling', 'dynamodb-pitr-disabled'] },
  );
  tableAutoScaling(inv, prod, 'social-users', 'Read', 50, 500);
  tableAutoScaling(inv, prod, 'social-users', 'Write', 25, 250);
  table(
    inv,
    prod,
    'orders',
    {
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    },
    {
      ThrottledRequests: dailyValues('AWS/DynamoDB', 'Sum', 'Count', Array(14).fill(0) as number[]),
      ConsumedWriteCapacityUnits: ddb('orders/wcu', 'Sum', 2.1e6, 4e5),
    },
    { problem: 'dynamodb-pitr-disabled' },
  );
}

// ---------------------------------------------------------------------------------------------
// RDS

interface DbOptions extends Mark {
  instanceClass: string;
  multiAz: boolean;
  backupDays: number;
  managedPassword: boolean;
  subnetGroup: string;
  securityGroups: string[];
  kmsKey: KeyRef;
  az: string;
  storage?: number;
  replicaOf?: string;
  cpu: number;
}

function dbInstance(inv: Inventory, place: Place, name: string, o: DbOptions): string {
  const arn = arnOf('rds', place, `db:${name}`);
  const props: Record<string, unknown> = {
    DBInstanceIdentifier: name,
    Engine: 'mysql',
    EngineVersion: '8.0.39',
    DBInstanceClass: o.instanceClass,
    // CloudFormation types AllocatedStorage and Port as strings.
    AllocatedStorage: String(o.storage ?? 100),
    StorageType: 'gp3',
    StorageEncrypted: true,
    KmsKeyId: o.kmsKey.arn,
    MultiAZ: o.multiAz,
    BackupRetentionPeriod: o.backupDays,
    PreferredBackupWindow: '03:00-03:30',
    DBSubnetGroupName: o.subnetGroup,
    VPCSecurityGroups: o.securityGroups,
    PubliclyAccessible: false,
    Port: '3306',
    DeletionProtection: true,
    AutoMinorVersionUpgrade: true,
    CopyTagsToSnapshot: true,
    EnableIAMDatabaseAuthentication: false,
  };
  const observed: Record<string, unknown> = {
    DBInstanceStatus: 'available',
    DbiResourceId: `db-${lowerId(`dbi|${name}`, 26).toUpperCase()}`,
    Endpoint: { Address: `${name}.c9akciq32lbx.${place.region}.rds.amazonaws.com`, Port: 3306 },
    AvailabilityZone: o.az,
    InstanceCreateTime: daysAgo(650),
    Metrics: {
      CPUUtilization: dailyMetric(`${name}/cpu`, 'AWS/RDS', 'Average', 'Percent', 14, o.cpu, o.cpu / 4),
      DatabaseConnections: dailyMetric(`${name}/conns`, 'AWS/RDS', 'Average', 'Count', 14, 40, 15, 0),
    },
  };
  if (o.multiAz)
    observed.SecondaryAvailabilityZone = o.az.endsWith('a')
      ? o.az.replace(/a$/, 'b')
      : o.az.replace(/b$/, 'a');
  if (o.backupDays > 0) observed.LatestRestorableTime = daysAgo(0.1);
  if (o.replicaOf) {
    props.SourceDBInstanceIdentifier = o.replicaOf;
  } else {
    props.MasterUsername = 'admin';
    props.ManageMasterUserPassword = o.managedPassword;
  }
  if (o.managedPassword && !o.replicaOf) {
    const secretArn = arnOf(
      'secretsmanager',
      place,
      `secret:rds!db-${uuidOf(name)}-${lowerId(`suffix|${name}`, 6)}`,
    );
    props.MasterUserSecret = { KmsKeyId: o.kmsKey.arn };
    observed.MasterUserSecret = { SecretArn: secretArn, SecretStatus: 'active', KmsKeyId: o.kmsKey.arn };
    secret(
      inv,
      place,
      secretArn,
      `rds!db-${uuidOf(name)}`,
      `Master password of ${name}, managed and rotated by RDS`,
      o.kmsKey,
      'rds',
      7,
    );
  }
  inv.add(place, {
    type: 'AWS::RDS::DBInstance',
    id: name,
    arn,
    name,
    props,
    observed,
    problem: o.problem,
    twin: o.twin,
    tags: o.tags,
  });
  return arn;
}

/** A Secrets Manager secret (id = ARN, what Ref returns). */
export function secret(
  inv: Inventory,
  place: Place,
  arn: string,
  name: string,
  description: string,
  key: KeyRef,
  owningService?: string,
  rotatedDaysAgo?: number,
): void {
  inv.add(place, {
    type: 'AWS::SecretsManager::Secret',
    id: arn,
    arn,
    name,
    props: { Name: name, Description: description, KmsKeyId: key.arn },
    observed: {
      RotationEnabled: rotatedDaysAgo !== undefined,
      ...(rotatedDaysAgo !== undefined ? { LastRotatedDate: daysAgo(rotatedDaysAgo) } : {}),
      ...(owningService ? { OwningService: owningService } : {}),
    },
  });
}

function dbSubnetGroup(inv: Inventory, place: Place, name: string, subnets: string[]): string {
  inv.add(place, {
    type: 'AWS::RDS::DBSubnetGroup',
    id: name,
    arn: arnOf('rds', place, `subgrp:${name}`),
    name,
    props: { DBSubnetGroupName: name, DBSubnetGroupDescription: `${name} for MySQL`, SubnetIds: subnets },
  });
  return name;
}

function dbSnapshot(
  inv: Inventory,
  place: Place,
  id: string,
  instance: string,
  type: 'automated' | 'manual',
  ageDays: number,
  key: KeyRef,
  source?: string,
): void {
  inv.add(place, {
    type: 'AWS::RDS::DBSnapshot',
    id,
    arn: arnOf('rds', place, `snapshot:${id}`),
    name: id,
    props: {
      DBSnapshotIdentifier: id,
      DBInstanceIdentifier: instance,
      SnapshotType: type,
      Engine: 'mysql',
      AllocatedStorage: 100,
      Encrypted: true,
      KmsKeyId: key.arn,
      ...(source ? { SourceDBSnapshotIdentifier: source } : {}),
    },
    observed: {
      Status: 'available',
      SnapshotCreateTime: daysAgo(ageDays),
      // DescribeDBSnapshotAttributes: a manual snapshot shared with nobody has an empty restore list.
      ...(type === 'manual'
        ? { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] }
        : {}),
    },
  });
}

function addRds(inv: Inventory, net: NetworkRefs, keys: DataRefs['keys']): void {
  const prod = at(PROD);
  const prodGroup = dbSubnetGroup(inv, prod, 'prod-db-subnets', [
    net.subnets.prodPrivateA.id,
    net.subnets.prodPrivateB.id,
  ]);
  const base = {
    subnetGroup: prodGroup,
    securityGroups: [net.sgs.prodDb],
    kmsKey: keys.prodData,
    az: 'us-east-1a',
  };
  const app = dbInstance(inv, prod, 'prod-app-mysql', {
    ...base,
    instanceClass: 'db.r6g.large',
    multiAz: true,
    backupDays: 7,
    managedPassword: true,
    cpu: 34,
    twin: ['rds-automated-backups-disabled', 'rds-single-az', 'rds-master-password-not-managed'],
  });
  dbInstance(inv, prod, 'prod-orders-mysql', {
    ...base,
    instanceClass: 'db.r6g.large',
    multiAz: false,
    backupDays: 7,
    managedPassword: true,
    cpu: 41,
    problem: 'rds-single-az',
  });
  dbInstance(inv, prod, 'prod-reporting-mysql', {
    ...base,
    az: 'us-east-1b',
    instanceClass: 'db.m6g.large',
    multiAz: true,
    backupDays: 0,
    managedPassword: true,
    cpu: 18,
    problem: 'rds-automated-backups-disabled',
  });
  // RDS notifies SNS of backup, failover and failure events (the notebook's "SNS Topic + RDS Events").
  inv.add(prod, {
    type: 'AWS::RDS::EventSubscription',
    id: 'prod-db-events',
    arn: arnOf('rds', prod, 'es:prod-db-events'),
    name: 'prod-db-events',
    props: {
      SubscriptionName: 'prod-db-events',
      SnsTopicArn: arnOf('sns', prod, 'rds-events'),
      SourceType: 'db-instance',
      SourceIds: ['prod-app-mysql', 'prod-orders-mysql', 'prod-reporting-mysql'],
      EventCategories: ['backup', 'failover', 'failure', 'low storage', 'maintenance'],
      Enabled: true,
    },
  });
  dbSnapshot(
    inv,
    prod,
    'rds:prod-app-mysql-2026-11-22-03-10',
    'prod-app-mysql',
    'automated',
    0.1,
    keys.prodData,
  );
  dbSnapshot(
    inv,
    prod,
    'rds:prod-app-mysql-2026-11-21-03-10',
    'prod-app-mysql',
    'automated',
    1.1,
    keys.prodData,
  );
  dbSnapshot(
    inv,
    prod,
    'rds:prod-orders-mysql-2026-11-22-03-12',
    'prod-orders-mysql',
    'automated',
    0.1,
    keys.prodData,
  );

  // Warm standby in the DR region: a cross-region read replica and a copied snapshot.
  const prodDr = at(PROD, DR);
  const drGroup = dbSubnetGroup(inv, prodDr, 'dr-db-subnets', [
    net.subnets.drPrivateA.id,
    net.subnets.drPrivateB.id,
  ]);
  dbInstance(inv, prodDr, 'prod-app-mysql-dr', {
    subnetGroup: drGroup,
    securityGroups: [net.sgs.drDb],
    kmsKey: keys.prodDr,
    az: 'ap-southeast-1a',
    instanceClass: 'db.r6g.large',
    multiAz: false,
    backupDays: 1,
    managedPassword: false,
    replicaOf: app,
    cpu: 9,
  });
  dbSnapshot(
    inv,
    prodDr,
    'prod-app-mysql-dr-copy-2026-11-21',
    'prod-app-mysql',
    'manual',
    1,
    keys.prodDr,
    arnOf('rds', prod, 'snapshot:rds:prod-app-mysql-2026-11-21-03-10'),
  );

  const dev = at(DEV);
  const devGroup = dbSubnetGroup(inv, dev, 'dev-db-subnets', [
    net.subnets.devPrivateA.id,
    net.subnets.devPrivateB.id,
  ]);
  dbInstance(inv, dev, 'dev-app-mysql', {
    subnetGroup: devGroup,
    securityGroups: [net.sgs.devDb],
    kmsKey: keys.devData,
    az: 'us-east-1a',
    instanceClass: 'db.t4g.medium',
    multiAz: false,
    backupDays: 1,
    managedPassword: false,
    cpu: 6,
    problem: 'rds-master-password-not-managed',
  });
}

// ---------------------------------------------------------------------------------------------
// Redshift

function addRedshift(inv: Inventory, net: NetworkRefs, keys: DataRefs['keys']): void {
  const prod = at(PROD);
  inv.add(prod, {
    type: 'AWS::Redshift::ClusterSubnetGroup',
    id: 'prod-analytics-subnets',
    name: 'prod-analytics-subnets',
    props: {
      Description: 'Isolated analytics subnets',
      SubnetIds: [net.subnets.prodAnalyticsA.id, net.subnets.prodAnalyticsB.id],
    },
  });
  const cluster = (name: string, enhancedVpcRouting: boolean, copyToDr: boolean, mark: Mark) => {
    inv.add(prod, {
      type: 'AWS::Redshift::Cluster',
      id: name,
      arn: arnOf('redshift', prod, `cluster:${name}`),
      name,
      props: {
        ClusterIdentifier: name,
        ClusterType: 'multi-node',
        NodeType: 'ra3.xlplus',
        NumberOfNodes: 2,
        DBName: name.replace('-dw', ''),
        MasterUsername: 'awsuser',
        ManageMasterPassword: true,
        ClusterSubnetGroupName: 'prod-analytics-subnets',
        VpcSecurityGroupIds: [net.sgs.prodRedshift],
        Encrypted: true,
        KmsKeyId: keys.prodData.arn,
        EnhancedVpcRouting: enhancedVpcRouting,
        PubliclyAccessible: false,
        AutomatedSnapshotRetentionPeriod: 7,
        ...(copyToDr ? { DestinationRegion: DR, SnapshotCopyRetentionPeriod: 7 } : {}),
      },
      observed: {
        ClusterStatus: 'available',
        Endpoint: { Address: `${name}.cx9kqj2v0ab1.${PRIMARY}.redshift.amazonaws.com`, Port: 5439 },
        ClusterCreateTime: daysAgo(540),
        Metrics: {
          CPUUtilization: dailyMetric(`${name}/cpu`, 'AWS/Redshift', 'Average', 'Percent', 14, 28, 12),
        },
      },
      ...mark,
    });
  };
  cluster('analytics-dw', true, false, {
    problem: 'redshift-no-cross-region-snapshot-copy',
    twin: 'redshift-enhanced-vpc-routing-disabled',
  });
  cluster('finance-dw', false, true, {
    problem: 'redshift-enhanced-vpc-routing-disabled',
    twin: 'redshift-no-cross-region-snapshot-copy',
  });
}

export function addData(inv: Inventory, net: NetworkRefs): DataRefs {
  const cloudTrailEncrypt = {
    Sid: 'AllowCloudTrailEncrypt',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
    Resource: '*',
    Condition: {
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:*:trail/*' },
    },
  };
  const keys: DataRefs['keys'] = {
    logArchive: kmsKey(inv, at(SECURITY), 'log-archive', 'CloudTrail and log archive', true, {}, [
      cloudTrailEncrypt,
    ]),
    prodData: kmsKey(inv, at(PROD), 'prod-data', 'Production data at rest', true, {
      twin: 'kms-key-rotation-disabled',
    }),
    prodLegacy: kmsKey(inv, at(PROD), 'prod-legacy-app', 'Legacy worker volumes (2022)', false, {
      problem: 'kms-key-rotation-disabled',
    }),
    prodDr: kmsKey(inv, at(PROD, DR), 'prod-dr-data', 'Production data in the DR region', true),
    devData: kmsKey(inv, at(DEV), 'dev-data', 'Dev data at rest', true),
  };
  addS3(inv, keys);
  addDynamoDb(inv);
  addRds(inv, net, keys);
  addRedshift(inv, net, keys);
  return { keys };
}
