/**
 * The named log questions as SQL, for DuckDB or Athena: who changed a resource, what an identity
 * did (following its assumed-role sessions), rejected flows, top talkers, and denied-call bursts.
 * One builder per question; the dialect decides only spelling (see dialect.ts).
 */
import { CLOUDTRAIL_TABLE, eventTimeText, eventTimeValue, fieldExpr, principalExpr } from './cloudtrail.js';
import { type Dialect, lit } from './dialect.js';
import { FLOW_TABLE } from './flowlogs.js';

/** Events that change nothing, when a record has no `readOnly` flag. */
const READ_PREFIX = '^(Get|Describe|List|Head|Lookup|Search|Scan|Query|BatchGet|Select)';

/** `readOnly` is a BOOLEAN column locally and a STRING in AWS's Athena DDL. */
function isWrite(dialect: Dialect): string {
  const guess =
    dialect === 'duckdb'
      ? `regexp_matches(eventname, ${lit(READ_PREFIX)})`
      : `regexp_like(eventname, ${lit(READ_PREFIX)})`;
  return dialect === 'duckdb'
    ? `NOT coalesce(readonly, ${guess})`
    : `NOT coalesce(lower(readonly) = 'true', ${guess})`;
}

function epoch(dialect: Dialect): string {
  return dialect === 'duckdb' ? 'epoch(eventtime)' : 'to_unixtime(from_iso8601_timestamp(eventtime))';
}

function contains(dialect: Dialect, expr: string, needle: string): string {
  return `coalesce(strpos(${expr}, ${lit(needle)}) > 0, FALSE)`;
}

const EVENT_COLUMNS = (
  d: Dialect,
) => `${eventTimeText(d)} AS "eventTime", eventname AS "eventName", eventsource AS "eventSource",
  ${principalExpr(d)} AS "principal", sourceipaddress AS "sourceIPAddress", useragent AS "userAgent",
  awsregion AS "awsRegion", errorcode AS "errorCode", eventid AS "eventID"`;

/**
 * Who changed a resource: write events whose request, response or `resources` list mention it
 * (an id, a name or an ARN), oldest first.
 */
export function whoSql(dialect: Dialect, resource: string, limit = 1000): string {
  const mention = ['requestParameters', 'responseElements', 'resources']
    .map((f) => contains(dialect, fieldExpr(dialect, f), resource))
    .join(' OR ');
  return `SELECT ${EVENT_COLUMNS(dialect)}
FROM ${CLOUDTRAIL_TABLE}
WHERE ${isWrite(dialect)}
  AND (${mention})
ORDER BY ${eventTimeValue(dialect)}, eventid
LIMIT ${limit}`;
}

/** Calls that hand out temporary credentials for another identity. */
const SESSION_EVENTS = [
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetFederationToken',
  'AssumeRoot',
];

/** Columns that name who acted, matched against a set of identities. */
function actorIn(dialect: Dialect, set: string): string {
  const cols = [
    'userIdentity.arn',
    'userIdentity.accessKeyId',
    'userIdentity.userName',
    'userIdentity.principalId',
    'userIdentity.sessionContext.sessionIssuer.arn',
  ];
  return `(${cols.map((c) => `${fieldExpr(dialect, c)} IN (SELECT id FROM ${set})`).join(' OR ')})`;
}

/**
 * Everything an identity did, with the sessions it started: AssumeRole (and similar) calls made by
 * the identity yield the session's ARN (`responseElements.assumedRoleUser.arn`) and access key
 * (`responseElements.credentials.accessKeyId`), whose calls are the identity's too; three hops of
 * role chaining are followed. Events carrying the identity as `sourceIdentity` are included.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#cloudtrail-integration_examples-sts-api
 */
export function timelineSql(dialect: Dialect, principal: string, limit = 10000, hops = 3): string {
  const arn = fieldExpr(dialect, 'responseElements.assumedRoleUser.arn');
  const key = fieldExpr(dialect, 'responseElements.credentials.accessKeyId');
  const ctes = [`ids0 AS (SELECT ${lit(principal)} AS id)`];
  for (let i = 1; i <= hops; i++) {
    ctes.push(`sessions${i} AS (
  SELECT ${arn} AS arn, ${key} AS keyid FROM ${CLOUDTRAIL_TABLE}
  WHERE eventname IN (${SESSION_EVENTS.map(lit).join(', ')}) AND errorcode IS NULL AND ${actorIn(dialect, `ids${i - 1}`)}
)`);
    ctes.push(`ids${i} AS (
  SELECT id FROM ids${i - 1}
  UNION SELECT arn FROM sessions${i} WHERE arn IS NOT NULL
  UNION SELECT keyid FROM sessions${i} WHERE keyid IS NOT NULL
)`);
  }
  const sourceIdentity = fieldExpr(dialect, 'userIdentity.sessionContext.sourceIdentity');
  return `WITH ${ctes.join(',\n')}
SELECT ${EVENT_COLUMNS(dialect)},
  CASE WHEN ${fieldExpr(dialect, 'userIdentity.arn')} = ${lit(principal)} OR ${fieldExpr(dialect, 'userIdentity.userName')} = ${lit(principal)} THEN 'direct'
       WHEN ${sourceIdentity} = ${lit(principal)} THEN 'sourceIdentity'
       ELSE 'session' END AS "via"
FROM ${CLOUDTRAIL_TABLE}
WHERE ${actorIn(dialect, `ids${hops}`)} OR coalesce(${sourceIdentity} = ${lit(principal)}, FALSE)
ORDER BY ${eventTimeValue(dialect)}, eventid
LIMIT ${limit}`;
}

/** Error codes that mean "not allowed" (not throttling or a missing resource). */
export const DENIAL_PATTERNS = [
  'AccessDenied%',
  '%UnauthorizedOperation',
  '%NotAuthorized%',
  'UnauthorizedAccess%',
  '%AccessDeniedException',
];

/**
 * Denied calls grouped by principal and API: how many, when first and last, and the most in any
 * five minutes (a burst is what a stolen key trying its luck looks like).
 */
export function deniedSql(dialect: Dialect, minCount = 1, limit = 1000): string {
  const denied = DENIAL_PATTERNS.map((p) => `errorcode LIKE ${lit(p)}`).join(' OR ');
  return `WITH denied AS (
  SELECT ${principalExpr(dialect)} AS principal, eventsource, eventname, errorcode,
    ${eventTimeValue(dialect)} AS t, floor(${epoch(dialect)} / 300) AS bucket
  FROM ${CLOUDTRAIL_TABLE}
  WHERE ${denied}
),
per_bucket AS (
  SELECT principal, eventsource, eventname, bucket, count(*) AS n FROM denied GROUP BY principal, eventsource, eventname, bucket
),
bursts AS (
  SELECT principal, eventsource, eventname, max(n) AS max5 FROM per_bucket GROUP BY principal, eventsource, eventname
)
SELECT d.principal AS "principal", d.eventsource AS "eventSource", d.eventname AS "eventName",
  count(*) AS "count", max(b.max5) AS "maxIn5Minutes", min(d.errorcode) AS "errorCode",
  ${timeText(dialect, 'min(d.t)')} AS "firstSeen", ${timeText(dialect, 'max(d.t)')} AS "lastSeen"
FROM denied d JOIN bursts b ON b.principal = d.principal AND b.eventsource = d.eventsource AND b.eventname = d.eventname
GROUP BY d.principal, d.eventsource, d.eventname
HAVING count(*) >= ${minCount}
ORDER BY count(*) DESC, 1, 2, 3
LIMIT ${limit}`;
}

function timeText(dialect: Dialect, expr: string): string {
  return dialect === 'duckdb' ? `strftime(${expr}, '%Y-%m-%dT%H:%M:%SZ')` : `to_iso8601(${expr})`;
}

function flowTime(dialect: Dialect, expr: string): string {
  return dialect === 'duckdb'
    ? `strftime(to_timestamp(${expr}), '%Y-%m-%dT%H:%M:%SZ')`
    : `to_iso8601(from_unixtime(${expr}))`;
}

/** Rejected flows to or from an address or network interface, grouped by 5-tuple without source port. */
export function rejectedSql(dialect: Dialect, target: { ip?: string; eni?: string }, limit = 1000): string {
  const where: string[] = [];
  if (target.ip) {
    const ip = lit(target.ip);
    where.push(`srcaddr = ${ip} OR dstaddr = ${ip} OR pkt_srcaddr = ${ip} OR pkt_dstaddr = ${ip}`);
  }
  if (target.eni) where.push(`interface_id = ${lit(target.eni)}`);
  return `SELECT interface_id AS "interfaceId", srcaddr AS "srcaddr", dstaddr AS "dstaddr", dstport AS "dstport",
  protocol AS "protocol", count(*) AS "records", sum(packets) AS "packets",
  ${flowTime(dialect, 'min("start")')} AS "firstSeen", ${flowTime(dialect, 'max("end")')} AS "lastSeen"
FROM ${FLOW_TABLE}
WHERE action = 'REJECT'${where.length ? ` AND (${where.join(') AND (')})` : ''}
GROUP BY interface_id, srcaddr, dstaddr, dstport, protocol
ORDER BY count(*) DESC, 2, 3, 4
LIMIT ${limit}`;
}

/** Address pairs (or sources) by bytes sent, accepted and rejected alike. */
export function topTalkersSql(dialect: Dialect, by: 'pair' | 'source' = 'pair', limit = 20): string {
  const keys = by === 'pair' ? ['srcaddr', 'dstaddr'] : ['srcaddr'];
  return `SELECT ${keys.map((k) => `${k} AS "${k}"`).join(', ')}, sum(bytes) AS "bytes", sum(packets) AS "packets", count(*) AS "records",
  count(DISTINCT dstport) AS "ports", ${flowTime(dialect, 'min("start")')} AS "firstSeen", ${flowTime(dialect, 'max("end")')} AS "lastSeen"
FROM ${FLOW_TABLE}
WHERE bytes IS NOT NULL
GROUP BY ${keys.join(', ')}
ORDER BY sum(bytes) DESC, ${keys.join(', ')}
LIMIT ${limit}`;
}
