/**
 * CloudTrail records as a table: the columns, how DuckDB reads them from `{"Records":[...]}` files,
 * and how a field name as CloudTrail (and Sigma) spells it — `userIdentity.arn`,
 * `requestParameters.bucketName` — becomes a SQL expression on DuckDB or Athena.
 *
 * Record contents: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
import { type Dialect, ident, jsonPath, jsonText, lit } from './dialect.js';

/** The table name, the same on DuckDB and Athena so one query text serves both. */
export const CLOUDTRAIL_TABLE = 'cloudtrail_logs';

/**
 * Top-level record fields in the order of the record-contents page, with how DuckDB reads them.
 * Auto-detection fails on real trails (every API has its own `requestParameters` shape), so every
 * column is declared; per-event shapes stay JSON. Booleans are read as text: older records carry
 * `"readOnly": "true"`.
 */
export const CLOUDTRAIL_FIELDS: ReadonlyArray<readonly [field: string, readType: 'VARCHAR' | 'JSON']> = [
  ['eventVersion', 'VARCHAR'],
  ['userIdentity', 'JSON'],
  ['eventTime', 'VARCHAR'],
  ['eventSource', 'VARCHAR'],
  ['eventName', 'VARCHAR'],
  ['awsRegion', 'VARCHAR'],
  ['sourceIPAddress', 'VARCHAR'],
  ['userAgent', 'VARCHAR'],
  ['errorCode', 'VARCHAR'],
  ['errorMessage', 'VARCHAR'],
  ['requestParameters', 'JSON'],
  ['responseElements', 'JSON'],
  ['additionalEventData', 'JSON'],
  ['requestID', 'VARCHAR'],
  ['eventID', 'VARCHAR'],
  ['eventType', 'VARCHAR'],
  ['apiVersion', 'VARCHAR'],
  ['managementEvent', 'VARCHAR'],
  ['readOnly', 'VARCHAR'],
  ['resources', 'JSON'],
  ['recipientAccountId', 'VARCHAR'],
  ['serviceEventDetails', 'JSON'],
  ['sharedEventID', 'VARCHAR'],
  ['vpcEndpointId', 'VARCHAR'],
  ['vpcEndpointAccountId', 'VARCHAR'],
  ['eventCategory', 'VARCHAR'],
  ['addendum', 'JSON'],
  ['sessionCredentialFromConsole', 'VARCHAR'],
  ['edgeDeviceDetails', 'JSON'],
  ['tlsDetails', 'JSON'],
  ['insightDetails', 'JSON'],
  ['eventContext', 'JSON'],
];

/**
 * `userIdentity` fields copied into their own columns on DuckDB, because nearly every question
 * filters or groups on them; the whole object stays in `useridentity` as JSON.
 */
export const USER_IDENTITY_COLUMNS: ReadonlyArray<readonly [column: string, path: readonly string[]]> = [
  ['useridentity_type', ['type']],
  ['useridentity_arn', ['arn']],
  ['useridentity_principalid', ['principalId']],
  ['useridentity_accountid', ['accountId']],
  ['useridentity_accesskeyid', ['accessKeyId']],
  ['useridentity_username', ['userName']],
  ['useridentity_invokedby', ['invokedBy']],
  ['sessionissuer_arn', ['sessionContext', 'sessionIssuer', 'arn']],
  ['sessionissuer_type', ['sessionContext', 'sessionIssuer', 'type']],
  ['sourceidentity', ['sessionContext', 'sourceIdentity']],
  ['mfaauthenticated', ['sessionContext', 'attributes', 'mfaAuthenticated']],
];

const BOOLEAN_FIELDS = new Set(['managementEvent', 'readOnly']);

/** DuckDB type of each stored column. */
function storedType(field: string, readType: string): string {
  if (field === 'eventTime') return 'TIMESTAMP';
  if (BOOLEAN_FIELDS.has(field)) return 'BOOLEAN';
  return readType;
}

/** `CREATE TABLE` for the DuckDB store. `file_id` points into `log_files`. */
export function cloudtrailTableDdl(): string {
  const columns = [
    ...CLOUDTRAIL_FIELDS.map(([f, t]) => `${ident(f.toLowerCase())} ${storedType(f, t)}`),
    ...USER_IDENTITY_COLUMNS.map(([c]) => `${c} VARCHAR`),
    'file_id BIGINT',
  ];
  return `CREATE TABLE IF NOT EXISTS ${CLOUDTRAIL_TABLE} (\n  ${columns.join(',\n  ')}\n)`;
}

/** The `columns=` struct type of one record, for `read_json`. */
export function recordStructType(): string {
  return `STRUCT(${CLOUDTRAIL_FIELDS.map(([f, t]) => `"${f}" ${t}`).join(', ')})`;
}

/**
 * The SELECT turning raw records `r` (of {@link recordStructType}) from `source` into table
 * columns, in table order, with `fileIdExpr` as `file_id`. The `userIdentity` columns are read
 * with one call over a list of paths, which parses each document once instead of once per column
 * (a quarter of the time to read the benchmark's trail into a table).
 */
export function recordSelect(r: string, fileIdExpr: string, source: string): string {
  const inner = CLOUDTRAIL_FIELDS.map(([f]) => {
    const v = `${r}."${f}"`;
    const as = ` AS ${ident(f.toLowerCase())}`;
    if (f === 'eventTime') return `TRY_CAST(${v} AS TIMESTAMP)${as}`;
    if (BOOLEAN_FIELDS.has(f)) return `TRY_CAST(${v} AS BOOLEAN)${as}`;
    return v + as;
  });
  const paths = USER_IDENTITY_COLUMNS.map(([, path]) => lit(jsonPath(path))).join(', ');
  const identity = `json_extract_string(${r}."userIdentity", [${paths}]) AS identity_fields`;
  const outer = [
    ...CLOUDTRAIL_FIELDS.map(([f]) => ident(f.toLowerCase())),
    ...USER_IDENTITY_COLUMNS.map(([c], i) => `identity_fields[${i + 1}] AS ${c}`),
    'file_id',
  ];
  return `SELECT ${outer.join(', ')}
FROM (SELECT ${[...inner, identity, `${fileIdExpr} AS file_id`].join(', ')}
      FROM ${source})`;
}

// ---------------------------------------------------------------------------------------------
// Field names -> SQL
// ---------------------------------------------------------------------------------------------

const TOP_LEVEL = new Map(CLOUDTRAIL_FIELDS.map(([f, t]) => [f.toLowerCase(), { field: f, type: t }]));
/** Columns that hold JSON documents on Athena (AWS's DDL types them STRING). */
const ATHENA_JSON_STRINGS = new Set([
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'serviceeventdetails',
]);
/** The `useridentity` struct of AWS's Athena DDL, lower-cased paths. */
const ATHENA_USER_IDENTITY = new Set([
  'type',
  'principalid',
  'arn',
  'accountid',
  'invokedby',
  'accesskeyid',
  'username',
  'sessioncontext.attributes.mfaauthenticated',
  'sessioncontext.attributes.creationdate',
  'sessioncontext.sessionissuer.type',
  'sessioncontext.sessionissuer.principalid',
  'sessioncontext.sessionissuer.arn',
  'sessioncontext.sessionissuer.accountid',
  'sessioncontext.sessionissuer.username',
  'sessioncontext.sourceidentity',
  'sessioncontext.ec2roledelivery',
  'onbehalfof.userid',
  'onbehalfof.identitystorearn',
]);

/** Why a field cannot be expressed, for the Sigma support report. */
export class UnsupportedField extends Error {}

/**
 * The SQL expression for a CloudTrail field as text (or NULL when absent). Top-level names are
 * matched ignoring case (Sigma rules write `eventname` and `eventName`); nested names walk the
 * JSON of `requestParameters`, `responseElements`, `userIdentity`, ...
 */
export function fieldExpr(dialect: Dialect, name: string): string {
  const [head = '', ...rest] = name.split('.');
  const top = TOP_LEVEL.get(head.toLowerCase());
  if (!top) throw new UnsupportedField(`unknown CloudTrail field '${name}'`);
  const column = ident(top.field.toLowerCase());
  if (top.field === 'userIdentity') return userIdentityExpr(dialect, rest);
  if (rest.length === 0) {
    if (top.field === 'eventTime') return eventTimeText(dialect);
    if (top.type === 'JSON') {
      if (dialect === 'duckdb') return `CAST(${column} AS VARCHAR)`;
      return ATHENA_JSON_STRINGS.has(column) ? column : `json_format(CAST(${column} AS JSON))`;
    }
    if (BOOLEAN_FIELDS.has(top.field)) return `CAST(${column} AS VARCHAR)`;
    return column;
  }
  if (top.type !== 'JSON')
    throw new UnsupportedField(`'${top.field}' has no nested field '${rest.join('.')}'`);
  if (dialect === 'athena' && !ATHENA_JSON_STRINGS.has(column)) {
    return `json_extract_scalar(json_format(CAST(${column} AS JSON)), ${lit(pathOf(rest))})`;
  }
  return jsonText(dialect, column, rest);
}

/**
 * A field as text whether it holds a scalar or a sub-document (as JSON text), for "contains" over
 * a whole object such as `requestParameters`. DuckDB's `json_extract_string` already returns
 * objects as JSON text; Trino's `json_extract_scalar` returns NULL for them.
 */
export function fieldJsonExpr(dialect: Dialect, name: string): string {
  const [head = '', ...rest] = name.split('.');
  const top = TOP_LEVEL.get(head.toLowerCase());
  if (
    dialect === 'duckdb' ||
    !top ||
    top.type !== 'JSON' ||
    rest.length === 0 ||
    top.field === 'userIdentity'
  ) {
    return fieldExpr(dialect, name);
  }
  const column = ident(top.field.toLowerCase());
  const doc = ATHENA_JSON_STRINGS.has(column) ? column : `json_format(CAST(${column} AS JSON))`;
  return `coalesce(json_extract_scalar(${doc}, ${lit(pathOf(rest))}), json_format(json_extract(${doc}, ${lit(pathOf(rest))})))`;
}

function pathOf(keys: readonly string[]): string {
  return '$' + keys.map((k) => `["${k}"]`).join('');
}

function userIdentityExpr(dialect: Dialect, rest: readonly string[]): string {
  if (rest.length === 0) {
    return dialect === 'duckdb' ? 'CAST(useridentity AS VARCHAR)' : 'json_format(CAST(useridentity AS JSON))';
  }
  const lower = rest.map((k) => k.toLowerCase()).join('.');
  if (dialect === 'duckdb') {
    const flat = USER_IDENTITY_COLUMNS.find(([, path]) => path.join('.').toLowerCase() === lower);
    return flat ? flat[0] : jsonText('duckdb', 'useridentity', rest);
  }
  if (!ATHENA_USER_IDENTITY.has(lower)) {
    throw new UnsupportedField(
      `userIdentity.${rest.join('.')} is not in the Athena table's useridentity struct`,
    );
  }
  return `useridentity.${lower}`;
}

/** `eventTime` as ISO-8601 text with `Z`. */
export function eventTimeText(dialect: Dialect): string {
  return dialect === 'duckdb' ? `strftime(eventtime, '%Y-%m-%dT%H:%M:%SZ')` : 'eventtime';
}

/** `eventTime` as a timestamp, for ordering and windows. */
export function eventTimeValue(dialect: Dialect): string {
  return dialect === 'duckdb' ? 'eventtime' : 'from_iso8601_timestamp(eventtime)';
}

/** Who acted, as one string: the ARN when there is one, else the principal id or invoking service. */
export function principalExpr(dialect: Dialect): string {
  return dialect === 'duckdb'
    ? 'coalesce(useridentity_arn, useridentity_principalid, useridentity_invokedby, useridentity_type)'
    : 'coalesce(useridentity.arn, useridentity.principalid, useridentity.invokedby, useridentity.type)';
}
