/**
 * Detections as data: the built-in pack (CloudTrail conditions written in Sigma's detection
 * syntax, compiled by the same code as user rules; flow-log thresholds as aggregate specs), and
 * the SQL each one runs as, on DuckDB or Athena.
 */
import { type Dialect, lit } from './dialect.js';
import { type Cond, renderCond } from './condition.js';
import {
  CLOUDTRAIL_TABLE,
  eventTimeText,
  eventTimeValue,
  fieldExpr,
  fieldJsonExpr,
  principalExpr,
} from './cloudtrail.js';
import { FLOW_TABLE } from './flowlogs.js';
import { compileDetection, type SigmaDetection, type SigmaLevel } from './sigma.js';

/** A detection over CloudTrail records: one match per event. */
export interface CloudTrailDetection {
  source: 'cloudtrail';
  id: string;
  title: string;
  level: SigmaLevel;
  description?: string;
  cond: Cond;
  /** Where it came from: `builtin` or the Sigma file. */
  origin: string;
}

/**
 * A detection over VPC flow records: sources whose records in one window pass `threshold`, counted
 * as distinct `distinct` values (ports) or as records.
 */
export interface FlowDetection {
  source: 'flow';
  id: string;
  title: string;
  level: SigmaLevel;
  description: string;
  /** Only records matching these columns count (e.g. `{ action: 'REJECT' }`, `{ dstport: 22 }`). */
  where: Readonly<Record<string, string | number>>;
  /** Columns identifying one actor, e.g. `srcaddr`. */
  groupBy: readonly string[];
  /** Count distinct values of this column; records when absent. */
  distinct?: string;
  threshold: number;
  windowMinutes: number;
  origin: string;
}

export type Detection = CloudTrailDetection | FlowDetection;

/** The match shape of `logs detect --json`. */
export interface DetectionMatch {
  eventID: string;
  eventName: string | null;
  eventSource: string | null;
  eventTime: string | null;
  principal: string | null;
}

interface BuiltinCloudTrail {
  id: string;
  title: string;
  level: SigmaLevel;
  description: string;
  detection: SigmaDetection;
}

/** Write calls that change another user's credentials or permissions. */
const USER_CHANGES = [
  'CreateAccessKey',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'DeleteLoginProfile',
  'AttachUserPolicy',
  'DetachUserPolicy',
  'PutUserPolicy',
  'DeleteUserPolicy',
  'PutUserPermissionsBoundary',
  'AddUserToGroup',
  'DeactivateMFADevice',
];

/** Grantees of a bucket ACL or policy that make it public. */
const PUBLIC_MARKERS = [
  '*acs.amazonaws.com/groups/global/AllUsers*',
  '*acs.amazonaws.com/groups/global/AuthenticatedUsers*',
  '*"Principal":"\\*"*',
  '*"Principal":{"AWS":"\\*"}*',
  '*"AWS":["\\*"]*',
  '*"Principal":\\*,*',
];

/**
 * The built-in CloudTrail detections. Event names and parameters follow the API references cited
 * in each description; the conditions are plain Sigma, so they read like any other rule.
 */
const BUILTIN_CLOUDTRAIL: readonly BuiltinCloudTrail[] = [
  {
    id: 'root-account-use',
    title: 'Root account used',
    level: 'high',
    description:
      'The root user made a call. AWS-initiated events on the root identity (eventType AwsServiceEvent) are left out. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    detection: {
      selection: { 'userIdentity.type': 'Root' },
      filter_service: { eventType: 'AwsServiceEvent' },
      filter_invoked: { 'userIdentity.invokedBy|exists': true },
      condition: 'selection and not 1 of filter_*',
    },
  },
  {
    id: 'console-login-without-mfa',
    title: 'Console sign-in without MFA',
    level: 'medium',
    description:
      'A successful ConsoleLogin whose additionalEventData.MFAUsed is No. https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html',
    detection: {
      selection: {
        eventName: 'ConsoleLogin',
        'additionalEventData.MFAUsed': 'No',
        'responseElements.ConsoleLogin': 'Success',
      },
      condition: 'selection',
    },
  },
  {
    id: 'cloudtrail-tampering',
    title: 'CloudTrail logging stopped, deleted or changed',
    level: 'high',
    description:
      'StopLogging, DeleteTrail, UpdateTrail or PutEventSelectors on a trail. https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Operations.html',
    detection: {
      selection: {
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
      },
      condition: 'selection',
    },
  },
  {
    id: 'security-group-open-to-world',
    title: 'Security group ingress opened to 0.0.0.0/0 or ::/0',
    level: 'high',
    description:
      'AuthorizeSecurityGroupIngress whose request names the all-addresses range. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html',
    detection: {
      selection: {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'AuthorizeSecurityGroupIngress',
        'requestParameters|contains': ['"0.0.0.0/0"', '"::/0"'],
      },
      filter_failed: { 'errorCode|exists': true },
      condition: 'selection and not filter_failed',
    },
  },
  {
    id: 'iam-other-user-credentials-changed',
    title: 'IAM policy or access key changed on another user',
    level: 'medium',
    description:
      "A user's keys, password, MFA, groups or policies changed by a different identity. https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html",
    detection: {
      selection: {
        eventSource: 'iam.amazonaws.com',
        eventName: USER_CHANGES,
        'requestParameters.userName|exists': true,
      },
      filter_self: { 'userIdentity.arn|fieldref|endswith': 'requestParameters.userName' },
      filter_failed: { 'errorCode|exists': true },
      condition: 'selection and not 1 of filter_*',
    },
  },
  {
    id: 'kms-key-disabled-or-deleted',
    title: 'KMS key disabled or scheduled for deletion',
    level: 'high',
    description:
      'DisableKey or ScheduleKeyDeletion. https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html',
    detection: {
      selection: { eventSource: 'kms.amazonaws.com', eventName: ['DisableKey', 'ScheduleKeyDeletion'] },
      condition: 'selection',
    },
  },
  {
    id: 's3-bucket-made-public',
    title: 'S3 bucket policy or ACL made public',
    level: 'high',
    description:
      'PutBucketPolicy or PutBucketAcl granting everyone (Principal "*", AllUsers or AuthenticatedUsers, or a public canned ACL). https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    detection: {
      selection: { eventSource: 's3.amazonaws.com', eventName: ['PutBucketPolicy', 'PutBucketAcl'] },
      public_grant: { requestParameters: PUBLIC_MARKERS },
      public_canned: {
        'requestParameters.x-amz-acl': ['public-read', 'public-read-write', 'authenticated-read'],
      },
      filter_failed: { 'errorCode|exists': true },
      condition: 'selection and 1 of public_* and not filter_failed',
    },
  },
  {
    id: 'security-monitoring-disabled',
    title: 'GuardDuty detector deleted or Config recording stopped',
    level: 'high',
    description:
      'GuardDuty DeleteDetector, Config StopConfigurationRecorder or DeleteDeliveryChannel. https://docs.aws.amazon.com/config/latest/APIReference/API_StopConfigurationRecorder.html',
    detection: {
      guardduty: { eventSource: 'guardduty.amazonaws.com', eventName: 'DeleteDetector' },
      config: {
        eventSource: 'config.amazonaws.com',
        eventName: ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigurationRecorder'],
      },
      condition: 'guardduty or config',
    },
  },
];

/** The built-in flow-log detections; thresholds are per source address and window. */
export const BUILTIN_FLOW: readonly FlowDetection[] = [
  {
    source: 'flow',
    id: 'flow-port-scan',
    title: 'Port scan: one source rejected on many ports',
    level: 'medium',
    description:
      'A source address with REJECT records to at least 20 distinct destination ports within 10 minutes.',
    where: { action: 'REJECT' },
    groupBy: ['srcaddr'],
    distinct: 'dstport',
    threshold: 20,
    windowMinutes: 10,
    origin: 'builtin',
  },
  {
    source: 'flow',
    id: 'flow-ssh-brute-force',
    title: 'SSH brute force: many connection attempts to port 22',
    level: 'medium',
    description:
      'A source address with at least 30 flow records to TCP port 22 of one destination within 10 minutes.',
    where: { dstport: 22, protocol: 6 },
    groupBy: ['srcaddr', 'dstaddr'],
    threshold: 30,
    windowMinutes: 10,
    origin: 'builtin',
  },
];

/** Every built-in detection, CloudTrail first. */
export function builtinDetections(): Detection[] {
  const cloudtrail = BUILTIN_CLOUDTRAIL.map((b): CloudTrailDetection => ({
    source: 'cloudtrail',
    id: b.id,
    title: b.title,
    level: b.level,
    description: b.description,
    cond: compileDetection(b.detection),
    origin: 'builtin',
  }));
  return [...cloudtrail, ...BUILTIN_FLOW];
}

/** The resolver that maps Sigma / CloudTrail field names to columns. */
export function cloudtrailResolver(dialect: Dialect) {
  return (name: string, json: boolean) => (json ? fieldJsonExpr(dialect, name) : fieldExpr(dialect, name));
}

/** The WHERE clause of a CloudTrail detection. */
export function detectionWhere(dialect: Dialect, cond: Cond): string {
  return renderCond(dialect, cond, cloudtrailResolver(dialect));
}

/**
 * The query returning a detection's matches as {@link DetectionMatch} rows, oldest first. Flow
 * matches name the window: eventID `flow:<group>:<window start>`, eventName the detection id,
 * eventSource `vpc-flow-logs`, principal the source address.
 */
export function detectionSql(dialect: Dialect, detection: Detection, limit?: number): string {
  const tail = limit === undefined ? '' : `\nLIMIT ${limit}`;
  if (detection.source === 'cloudtrail') {
    return `SELECT eventid AS "eventID", eventname AS "eventName", eventsource AS "eventSource",
  ${eventTimeText(dialect)} AS "eventTime", ${principalExpr(dialect)} AS "principal"
FROM ${CLOUDTRAIL_TABLE}
WHERE ${detectionWhere(dialect, detection.cond)}
ORDER BY ${eventTimeValue(dialect)}, eventid${tail}`;
  }
  return flowDetectionSql(dialect, detection) + tail;
}

function flowDetectionSql(dialect: Dialect, d: FlowDetection): string {
  const seconds = d.windowMinutes * 60;
  const where = Object.entries(d.where)
    .map(([col, v]) => `${flowCol(col)} = ${typeof v === 'number' ? String(v) : lit(v)}`)
    .join(' AND ');
  const window = `(${flowCol('start')} - ${flowCol('start')} % ${seconds})`;
  const measure = d.distinct ? `count(DISTINCT ${flowCol(d.distinct)})` : 'count(*)';
  const group = d.groupBy.map(flowCol);
  const label = group.map((g) => `coalesce(CAST(${g} AS VARCHAR), '-')`).join(` || '>' || `);
  const time =
    dialect === 'duckdb'
      ? `strftime(to_timestamp(window_start), '%Y-%m-%dT%H:%M:%SZ')`
      : `to_iso8601(from_unixtime(window_start))`;
  return `WITH windows AS (
  SELECT ${group.join(', ')}, ${window} AS window_start, ${measure} AS n
  FROM ${FLOW_TABLE}
  WHERE ${where || 'TRUE'}
  GROUP BY ${group.join(', ')}, ${window}
  HAVING ${measure} >= ${d.threshold}
)
SELECT 'flow:' || ${label} || ':' || CAST(window_start AS VARCHAR) AS "eventID", ${lit(d.id)} AS "eventName",
  'vpc-flow-logs' AS "eventSource", ${time} AS "eventTime", CAST(${group[0]} AS VARCHAR) AS "principal"
FROM windows
ORDER BY window_start, 1`;
}

function flowCol(name: string): string {
  return name === 'start' || name === 'end' ? `"${name}"` : name;
}
