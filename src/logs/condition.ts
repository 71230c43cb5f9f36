/**
 * A small boolean language over log fields, rendered to SQL for DuckDB or Athena. Sigma rules and
 * the built-in detections both compile to it, so one renderer decides what a match means.
 *
 * Matching follows Sigma: string comparisons ignore case unless `cased`; a missing field matches
 * nothing, and `not` of a missing field is true (two-valued logic: every leaf is coalesced to false).
 */
import { type Dialect, ilike, lit, regexMatch } from './dialect.js';

/** A condition over the fields of one record. */
export type Cond =
  | { kind: 'and'; all: Cond[] }
  | { kind: 'or'; any: Cond[] }
  | { kind: 'not'; cond: Cond }
  | { kind: 'atleast'; n: number; of: Cond[] }
  | { kind: 'const'; value: boolean }
  /** `pattern` is a LIKE pattern, `\` escapes. */
  | { kind: 'like'; field: string; pattern: string; cased?: boolean; json?: boolean }
  | { kind: 're'; field: string; pattern: string; flags?: string }
  | { kind: 'cidr'; field: string; cidr: string }
  | { kind: 'exists'; field: string; exists: boolean }
  | { kind: 'cmp'; field: string; op: '<' | '<=' | '>' | '>='; value: number }
  /** Compares two fields of the same record. */
  | { kind: 'fieldref'; field: string; other: string; op: 'eq' | 'contains' | 'startswith' | 'endswith' };

/** Turns a field name into a SQL expression (text); `json` asks for a sub-document as JSON text. */
export type FieldResolver = (name: string, json: boolean) => string;

/** Thrown when a condition cannot be expressed in SQL (e.g. an IPv6 CIDR). */
export class UnsupportedCondition extends Error {}

export function renderCond(dialect: Dialect, cond: Cond, field: FieldResolver): string {
  const r = (c: Cond) => renderCond(dialect, c, field);
  switch (cond.kind) {
    case 'and':
      return cond.all.length === 0 ? 'TRUE' : `(${cond.all.map(r).join(' AND ')})`;
    case 'or':
      return cond.any.length === 0 ? 'FALSE' : `(${cond.any.map(r).join(' OR ')})`;
    case 'not':
      return `(NOT ${r(cond.cond)})`;
    case 'atleast':
      return `((${cond.of.map((c) => `CASE WHEN ${r(c)} THEN 1 ELSE 0 END`).join(' + ')}) >= ${cond.n})`;
    case 'const':
      return cond.value ? 'TRUE' : 'FALSE';
    case 'like': {
      const expr = field(cond.field, cond.json ?? false);
      const test = cond.cased
        ? `${expr} LIKE ${lit(cond.pattern)} ESCAPE '\\'`
        : ilike(dialect, expr, cond.pattern);
      return leaf(test);
    }
    case 're': {
      const flags = cond.flags ? `(?${cond.flags})` : '';
      return leaf(regexMatch(dialect, field(cond.field, false), flags + cond.pattern));
    }
    case 'cidr':
      return leaf(cidrTest(field(cond.field, false), cond.cidr));
    case 'exists':
      return `(${field(cond.field, true)} IS ${cond.exists ? 'NOT ' : ''}NULL)`;
    case 'cmp':
      return leaf(`TRY_CAST(${field(cond.field, false)} AS DOUBLE) ${cond.op} ${cond.value}`);
    case 'fieldref': {
      const a = `lower(${field(cond.field, false)})`;
      const b = `lower(${field(cond.other, false)})`;
      switch (cond.op) {
        case 'eq':
          return leaf(`${a} = ${b}`);
        case 'contains':
          return leaf(`strpos(${a}, ${b}) > 0`);
        case 'startswith':
          return leaf(`strpos(${a}, ${b}) = 1`);
        case 'endswith':
          return leaf(`substr(${a}, greatest(length(${a}) - length(${b}) + 1, 1)) = ${b}`);
      }
    }
  }
}

/** A comparison that is false, not NULL, when a field is missing. */
function leaf(test: string): string {
  return `coalesce(${test}, FALSE)`;
}

/**
 * IPv4 CIDR membership by arithmetic on the dotted quad, which both engines can do without an
 * extension (DuckDB's inet extension is not bundled). IPv6 only for the all-addresses `::/0`.
 */
function cidrTest(expr: string, cidr: string): string {
  if (cidr.trim() === '::/0') return `strpos(${expr}, ':') > 0`;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) throw new UnsupportedCondition(`CIDR '${cidr}' is not an IPv4 CIDR`);
  const bits = Number(m[5]);
  const base = [1, 2, 3, 4].reduce((n, i) => n * 256 + Number(m[i]), 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  const num = [1, 2, 3, 4]
    .map((i) => `TRY_CAST(split_part(${expr}, '.', ${i}) AS BIGINT) * ${256 ** (4 - i)}`)
    .join(' + ');
  return `(${regexMatchAny(expr)} AND (${num}) BETWEEN ${start} AND ${start + size - 1})`;
}

function regexMatchAny(expr: string): string {
  // The same spelling works on both engines only through LIKE; a dotted quad has three dots.
  return `${expr} LIKE '%.%.%.%'`;
}
