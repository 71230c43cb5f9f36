/**
 * Line formats read with a regular expression: S3 server access logs and Application Load
 * Balancer access logs. Each line is matched by one RE2 pattern (DuckDB's `regexp_extract` with a
 * list of names returns every group at once); lines that do not match are reported, not guessed.
 * Both formats may grow trailing fields, which are tolerated.
 */
import { ident } from './dialect.js';

export interface LineFormat {
  kind: 's3-access' | 'alb';
  table: string;
  /** RE2 pattern over a whole line; one group per column of `columns`. */
  pattern: string;
  columns: ReadonlyArray<readonly [name: string, type: string, transform?: 'unquote' | 's3time' | 'isotime']>;
}

const Q = '("(?:[^"\\\\]|\\\\.)*"|-)'; // a quoted field, or `-`
const F = '(\\S+)';

/**
 * S3 server access log records.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html — fields are separated by
 * spaces; Request-URI, Referer and User-Agent are quoted, Time is bracketed; "we might add new
 * fields to the end of each record", so anything after the known fields is ignored.
 */
export const S3_ACCESS: LineFormat = {
  kind: 's3-access',
  table: 's3_access_logs',
  pattern:
    `^${F} ${F} \\[([^\\]]*)\\] ${F} ${F} ${F} ${F} ${F} ${Q} ${F} ${F} ${F} ${F} ${F} ${F} ${Q} ${Q} ${F}` +
    `(?: ${F})?`.repeat(9) +
    '(?: .*)?$',
  columns: [
    ['bucketowner', 'VARCHAR'],
    ['bucket_name', 'VARCHAR'],
    ['requestdatetime', 'TIMESTAMP', 's3time'],
    ['remoteip', 'VARCHAR'],
    ['requester', 'VARCHAR'],
    ['requestid', 'VARCHAR'],
    ['operation', 'VARCHAR'],
    ['key', 'VARCHAR'],
    ['request_uri', 'VARCHAR', 'unquote'],
    ['httpstatus', 'INTEGER'],
    ['errorcode', 'VARCHAR'],
    ['bytessent', 'BIGINT'],
    ['objectsize', 'BIGINT'],
    ['totaltime', 'BIGINT'],
    ['turnaroundtime', 'BIGINT'],
    ['referrer', 'VARCHAR', 'unquote'],
    ['useragent', 'VARCHAR', 'unquote'],
    ['versionid', 'VARCHAR'],
    ['hostid', 'VARCHAR'],
    ['sigv', 'VARCHAR'],
    ['ciphersuite', 'VARCHAR'],
    ['authtype', 'VARCHAR'],
    ['endpoint', 'VARCHAR'],
    ['tlsversion', 'VARCHAR'],
    ['accesspointarn', 'VARCHAR'],
    ['aclrequired', 'VARCHAR'],
    ['sourceregion', 'VARCHAR'],
  ],
};

/**
 * Application Load Balancer access log entries.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html
 * — `client:port` may be IPv6 without brackets (split on the last colon); the target is `-` for
 * WAF blocks and Lambda targets; "new fields may be added at the end".
 */
export const ALB: LineFormat = {
  kind: 'alb',
  table: 'alb_logs',
  pattern:
    `^${F} ${F} ${F} (\\S+):(\\d+) (?:(\\S+):(\\d+)|-) ${F} ${F} ${F} ${F} ${F} ${F} ${F} ` +
    `"(\\S*) (.*) (\\S*)" ${Q} ${F} ${F} ${F} ${Q} ${Q} ${Q} ${F} ${F} ${Q} ${Q} ${Q}` +
    `(?: ${Q})?`.repeat(4) +
    `(?: ${F})?(?: ${Q})?(?: ${Q})?` +
    '(?: .*)?$',
  columns: [
    ['type', 'VARCHAR'],
    ['time', 'TIMESTAMP', 'isotime'],
    ['elb', 'VARCHAR'],
    ['client_ip', 'VARCHAR'],
    ['client_port', 'INTEGER'],
    ['target_ip', 'VARCHAR'],
    ['target_port', 'INTEGER'],
    ['request_processing_time', 'DOUBLE'],
    ['target_processing_time', 'DOUBLE'],
    ['response_processing_time', 'DOUBLE'],
    ['elb_status_code', 'INTEGER'],
    ['target_status_code', 'VARCHAR'],
    ['received_bytes', 'BIGINT'],
    ['sent_bytes', 'BIGINT'],
    ['request_verb', 'VARCHAR'],
    ['request_url', 'VARCHAR'],
    ['request_proto', 'VARCHAR'],
    ['user_agent', 'VARCHAR', 'unquote'],
    ['ssl_cipher', 'VARCHAR'],
    ['ssl_protocol', 'VARCHAR'],
    ['target_group_arn', 'VARCHAR'],
    ['trace_id', 'VARCHAR', 'unquote'],
    ['domain_name', 'VARCHAR', 'unquote'],
    ['chosen_cert_arn', 'VARCHAR', 'unquote'],
    ['matched_rule_priority', 'VARCHAR'],
    ['request_creation_time', 'VARCHAR'],
    ['actions_executed', 'VARCHAR', 'unquote'],
    ['redirect_url', 'VARCHAR', 'unquote'],
    ['lambda_error_reason', 'VARCHAR', 'unquote'],
    ['target_port_list', 'VARCHAR', 'unquote'],
    ['target_status_code_list', 'VARCHAR', 'unquote'],
    ['classification', 'VARCHAR', 'unquote'],
    ['classification_reason', 'VARCHAR', 'unquote'],
    ['conn_trace_id', 'VARCHAR'],
    ['transformed_host', 'VARCHAR', 'unquote'],
    ['transformed_uri', 'VARCHAR', 'unquote'],
  ],
};

export const LINE_FORMATS: readonly LineFormat[] = [S3_ACCESS, ALB];

/** `CREATE TABLE` for the DuckDB store. */
export function lineTableDdl(format: LineFormat): string {
  const cols = [
    ...format.columns.map(([n, t]) => `${ident(n)} ${t}`),
    'file_id BIGINT',
    'line_number BIGINT',
  ];
  return `CREATE TABLE IF NOT EXISTS ${format.table} (\n  ${cols.join(',\n  ')}\n)`;
}

/**
 * The SELECT list from `m` (the struct `regexp_extract(line, pattern, names)` returned) to the
 * table's columns. Empty groups and `-` are NULL; quoted fields lose their quotes and `\"` escapes.
 */
export function lineProjection(format: LineFormat, m: string): string {
  return format.columns
    .map(([, type, transform], i) => {
      const raw = `nullif(nullif(${m}.g${i}, ''), '-')`;
      if (transform === 'unquote') {
        return `nullif(replace(regexp_replace(${raw}, '^"|"$', '', 'g'), '\\"', '"'), '-')`;
      }
      if (transform === 's3time') return `CAST(try_strptime(${raw}, '%d/%b/%Y:%H:%M:%S %z') AS TIMESTAMP)`;
      if (transform === 'isotime') return `TRY_CAST(${raw} AS TIMESTAMP)`;
      return type === 'VARCHAR' ? raw : `TRY_CAST(${raw} AS ${type})`;
    })
    .join(', ');
}

/** The name list for `regexp_extract`: g0, g1, ... one per column. */
export function groupNames(format: LineFormat): string {
  return `[${format.columns.map((_, i) => `'g${i}'`).join(', ')}]`;
}
