/**
 * Athena tables over the logs where AWS delivers them, with partition projection so queries scan
 * only the days they ask for and no `MSCK REPAIR` / crawler is needed. Column names are the ones
 * the questions and detections use locally, so their Athena SQL runs unchanged.
 *
 * CloudTrail: https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 * VPC flow:   https://docs.aws.amazon.com/athena/latest/ug/vpc-flow-logs-create-table-statement.html
 * S3 access:  https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 * ALB:        https://docs.aws.amazon.com/athena/latest/ug/create-alb-access-logs-table-partition-projection.html
 */
import { CLOUDTRAIL_TABLE } from './cloudtrail.js';
import { FLOW_FIELDS, FLOW_TABLE, flowColumn } from './flowlogs.js';
import { ALB, S3_ACCESS } from './textlogs.js';

export interface AthenaDdlOptions {
  /** `s3://bucket[/prefix]` above `AWSLogs/` (CloudTrail, flow, ALB) or the access-log prefix. */
  location: string;
  /** Account whose logs the tables read. */
  account: string;
  /** Regions to project (default: us-east-1). */
  regions?: readonly string[];
  /** First day of data, `yyyy/MM/dd` (default 2020/01/01). */
  since?: string;
  /** Flow-log custom format (default: every documented field, v2 to v11, in AWS order). */
  flowFields?: readonly string[];
  /** Organization id for an organization trail (adds `<o-id>/` after `AWSLogs/`). */
  organizationId?: string;
  /** ALB name path segment is part of the object key; access logs use a separate location. */
  s3AccessLocation?: string;
  albLocation?: string;
}

function trim(location: string): string {
  return location.replace(/\/+$/, '');
}

function projection(options: AthenaDdlOptions): string {
  const since = options.since ?? '2020/01/01';
  const regions = (options.regions ?? ['us-east-1']).join(',');
  return `  'projection.enabled'='true',
  'projection.region.type'='enum',
  'projection.region.values'='${regions}',
  'projection.timestamp.type'='date',
  'projection.timestamp.format'='yyyy/MM/dd',
  'projection.timestamp.interval'='1',
  'projection.timestamp.interval.unit'='DAYS',
  'projection.timestamp.range'='${since},NOW'`;
}

function awsLogs(options: AthenaDdlOptions): string {
  const org = options.organizationId ? `${options.organizationId}/` : '';
  return `${trim(options.location)}/AWSLogs/${org}${options.account}`;
}

export function cloudtrailAthenaDdl(options: AthenaDdlOptions): string {
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${CLOUDTRAIL_TABLE} (
  eventversion STRING,
  useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING,
    accesskeyid: STRING, username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING,STRING>>,
      sourceidentity: STRING>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
PARTITIONED BY (region STRING, timestamp STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${awsLogs(options)}/CloudTrail/'
TBLPROPERTIES (
${projection(options)},
  'storage.location.template'='${awsLogs(options)}/CloudTrail/\${region}/\${timestamp}'
);`;
}

const ATHENA_TYPE: Record<string, string> = { INTEGER: 'INT', BIGINT: 'BIGINT', VARCHAR: 'STRING' };

export function flowAthenaDdl(options: AthenaDdlOptions): string {
  const fields = options.flowFields ?? FLOW_FIELDS.map(([n]) => n);
  const types = new Map(FLOW_FIELDS.map(([n, t]) => [n, ATHENA_TYPE[t]!]));
  // `region` is both a flow field (v4) and the partition key; the field keeps its name with an underscore suffix.
  const cols = fields.map(
    (f) => `  \`${flowColumn(f) === 'region' ? 'region_' : flowColumn(f)}\` ${types.get(f) ?? 'STRING'}`,
  );
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${FLOW_TABLE} (
${cols.join(',\n')}
)
PARTITIONED BY (region STRING, timestamp STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '
LOCATION '${awsLogs(options)}/vpcflowlogs/'
TBLPROPERTIES (
  'skip.header.line.count'='1',
  'serialization.null.format'='-',
${projection(options)},
  'storage.location.template'='${awsLogs(options)}/vpcflowlogs/\${region}/\${timestamp}'
);`;
}

const REGEX_TYPES: Record<string, string> = {
  INTEGER: 'INT',
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  TIMESTAMP: 'STRING',
  VARCHAR: 'STRING',
};

export function s3AccessAthenaDdl(options: AthenaDdlOptions): string {
  const location = trim(options.s3AccessLocation ?? options.location);
  const cols = S3_ACCESS.columns.map(([n, t]) => `  \`${n}\` ${REGEX_TYPES[t] ?? 'STRING'}`);
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${S3_ACCESS.table} (
${cols.join(',\n')}
)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
WITH SERDEPROPERTIES ('input.regex'='${S3_ACCESS.pattern.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${location}/';`;
}

export function albAthenaDdl(options: AthenaDdlOptions): string {
  const cols = ALB.columns.map(([n, t]) => `  \`${n}\` ${REGEX_TYPES[t] ?? 'STRING'}`);
  const base = options.albLocation ? trim(options.albLocation) : `${awsLogs(options)}/elasticloadbalancing`;
  return `CREATE EXTERNAL TABLE IF NOT EXISTS ${ALB.table} (
${cols.join(',\n')}
)
PARTITIONED BY (region STRING, day STRING)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
WITH SERDEPROPERTIES ('serialization.format'='1', 'input.regex'='${ALB.pattern.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')
LOCATION '${base}/'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.region.type'='enum',
  'projection.region.values'='${(options.regions ?? ['us-east-1']).join(',')}',
  'projection.day.type'='date',
  'projection.day.format'='yyyy/MM/dd',
  'projection.day.interval'='1',
  'projection.day.interval.unit'='DAYS',
  'projection.day.range'='${options.since ?? '2020/01/01'},NOW',
  'storage.location.template'='${base}/\${region}/\${day}'
);`;
}

/** Every table, separated by blank lines. */
export function athenaDdl(options: AthenaDdlOptions): string {
  return (
    [
      cloudtrailAthenaDdl(options),
      flowAthenaDdl(options),
      s3AccessAthenaDdl(options),
      albAthenaDdl(options),
    ].join('\n\n') + '\n'
  );
}
