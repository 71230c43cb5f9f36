/**
 * The two SQL engines the log questions run on: DuckDB (the local store) and Athena (Trino, for
 * logs that outgrow one machine). Every builder in src/logs takes a dialect and renders the same
 * logic for either; these helpers hold the differences.
 */

/** Where the SQL will run. */
export type Dialect = 'duckdb' | 'athena';

export const DIALECTS: readonly Dialect[] = ['duckdb', 'athena'];

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A SQL identifier, quoted only when it must be. */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const RESERVED = new Set([
  'end',
  'start',
  'type',
  'key',
  'version',
  'action',
  'bytes',
  'time',
  'user',
  'table',
]);

/** Escapes `%`, `_` and the escape character itself for a LIKE pattern using `\` as escape. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Case-insensitive LIKE. DuckDB has ILIKE; Trino has not, so Athena lowers both sides.
 * https://trino.io/docs/current/functions/comparison.html#like
 */
export function ilike(dialect: Dialect, expr: string, pattern: string): string {
  return dialect === 'duckdb'
    ? `${expr} ILIKE ${lit(pattern)} ESCAPE '\\'`
    : `lower(${expr}) LIKE ${lit(pattern.toLowerCase())} ESCAPE '\\'`;
}

/** JSON path `$.a.b` with every key quoted, so keys such as `x-amz-id-2` work on both engines. */
export function jsonPath(keys: readonly string[]): string {
  return (
    '$' +
    keys.map((k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `."${k.replace(/"/g, '\\"')}"`)).join('')
  );
}

/** A scalar inside a JSON document as text (NULL when absent or not a scalar). */
export function jsonText(dialect: Dialect, column: string, keys: readonly string[]): string {
  return dialect === 'duckdb'
    ? `json_extract_string(${column}, ${lit(jsonPath(keys))})`
    : `json_extract_scalar(${column}, ${lit(jsonPath(keys))})`;
}

/** A JSON value (object, array or scalar) inside a JSON document, as JSON text. */
export function jsonValueText(dialect: Dialect, column: string, keys: readonly string[]): string {
  return dialect === 'duckdb'
    ? `CAST(json_extract(${column}, ${lit(jsonPath(keys))}) AS VARCHAR)`
    : `json_format(json_extract(${column}, ${lit(jsonPath(keys))}))`;
}

/** Regular-expression match (RE2 on both engines). */
export function regexMatch(dialect: Dialect, expr: string, pattern: string): string {
  return dialect === 'duckdb'
    ? `regexp_matches(${expr}, ${lit(pattern)})`
    : `regexp_like(${expr}, ${lit(pattern)})`;
}

/** An ISO-8601 instant as a timestamp value. */
export function timestampLit(dialect: Dialect, iso: string): string {
  return dialect === 'duckdb'
    ? `TIMESTAMP ${lit(iso.replace('Z', ''))}`
    : `from_iso8601_timestamp(${lit(iso)})`;
}
