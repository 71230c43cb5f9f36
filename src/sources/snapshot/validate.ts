import {
  ACCOUNT_FIELDS,
  ACCOUNT_ROLES,
  GAP_FIELDS,
  GAP_KINDS,
  ORIGIN_FIELDS,
  RESOURCE_FIELDS,
  SNAPSHOT_FILE_VERSION,
  SNAPSHOT_FORMAT,
  SOURCE_KINDS,
} from './format.js';

/*
 * Structural checks of snapshot lines, written by hand because they run once per resource on files
 * of a million lines: measured per 100,000 resources, JSON.parse takes 860 ms, a zod parse of the
 * result 650 ms more, these checks 40 ms (see bench/README.md). They check what the rest of cloudrounds relies on (the strings, the object shapes, no unknown keys);
 * `schema.ts` holds the same rules as a zod schema, and a test keeps the two in agreement.
 */

/** What is wrong with a line, and where inside it (a JSON path). */
export interface Problem {
  message: string;
  path?: string;
}

type Json = Record<string, unknown>;

/** RFC 3339 date-time, as `Date.prototype.toISOString` writes it; the offset is required. */
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

const gapKinds = new Set<string>(GAP_KINDS);
const sourceKinds = new Set<string>(SOURCE_KINDS);
const accountRoles = new Set<string>(ACCOUNT_ROLES);

export function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `string`, `number`, `array`, `null`… for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function expected(path: string, what: string, got: unknown): Problem {
  return { path, message: `\`${path}\` must be ${what}, not ${describe(got)}` };
}

function unknownKey(path: string, key: string, fields: object): Problem {
  const where = path ? `\`${path}\`` : 'the line';
  return {
    path: path ? `${path}.${key}` : key,
    message: `${where} has an unknown key ${JSON.stringify(key)} (allowed: ${Object.keys(fields).join(', ')})`,
  };
}

function missing(path: string, fields: Record<string, boolean>, value: Json): Problem | undefined {
  for (const key of Object.keys(fields)) {
    if (fields[key] && value[key] === undefined) {
      return { path: path ? `${path}.${key}` : key, message: `missing required key \`${key}\`` };
    }
  }
  return undefined;
}

/** Checks a parsed resource line. Runs once per resource: keep it free of allocation on the good path. */
export function checkResource(r: Json): Problem | undefined {
  let required = 0;
  for (const key in r) {
    const v = r[key];
    if (v === undefined) continue; // written as absent by JSON.stringify; never in a parsed line
    switch (key) {
      case 'type':
      case 'id':
        if (typeof v !== 'string' || v.length === 0) return expected(key, 'a non-empty string', v);
        required++;
        break;
      case 'account':
      case 'region':
        if (typeof v !== 'string') return expected(key, 'a string', v);
        required++;
        break;
      case 'arn':
      case 'name':
        if (typeof v !== 'string') return expected(key, 'a string', v);
        break;
      case 'props':
        if (!isPlainObject(v)) return expected(key, 'an object', v);
        required++;
        break;
      case 'tags': {
        if (!isPlainObject(v)) return expected(key, 'an object of strings', v);
        for (const tag in v) {
          if (typeof v[tag] !== 'string') return expected(`tags.${tag}`, 'a string', v[tag]);
        }
        required++;
        break;
      }
      case 'observed':
        if (!isPlainObject(v)) return expected(key, 'an object', v);
        break;
      case 'origin': {
        const problem = checkOrigin(v);
        if (problem) return problem;
        break;
      }
      default:
        return unknownKey('', key, RESOURCE_FIELDS);
    }
  }
  // type, id, account, region, tags, props
  return required === 6 ? undefined : missing('', RESOURCE_FIELDS, r);
}

function checkOrigin(o: unknown): Problem | undefined {
  if (!isPlainObject(o)) return expected('origin', 'an object', o);
  for (const key in o) {
    const v = o[key];
    if (v === undefined) continue; // written as absent by JSON.stringify; never in a parsed line
    switch (key) {
      case 'source':
        if (typeof v !== 'string' || !sourceKinds.has(v)) {
          return expected('origin.source', `one of ${SOURCE_KINDS.join(', ')}`, v);
        }
        break;
      case 'file':
      case 'logicalId':
        if (typeof v !== 'string') return expected(`origin.${key}`, 'a string', v);
        break;
      case 'line':
        if (!Number.isInteger(v) || (v as number) < 1)
          return expected('origin.line', 'a positive integer', v);
        break;
      case 'exists':
        if (typeof v !== 'boolean') return expected('origin.exists', 'a boolean', v);
        break;
      default:
        return unknownKey('origin', key, ORIGIN_FIELDS);
    }
  }
  return o.source === undefined ? missing('origin', ORIGIN_FIELDS, o) : undefined;
}

/** Checks the object inside a `{"gap": …}` line. */
export function checkGap(g: unknown): Problem | undefined {
  if (!isPlainObject(g)) return expected('gap', 'an object', g);
  for (const key in g) {
    const v = g[key];
    if (v === undefined) continue; // written as absent by JSON.stringify; never in a parsed line
    switch (key) {
      case 'kind':
        if (typeof v !== 'string' || !gapKinds.has(v))
          return expected('gap.kind', `one of ${GAP_KINDS.join(', ')}`, v);
        break;
      case 'line':
        if (!Number.isInteger(v) || (v as number) < 1) return expected('gap.line', 'a positive integer', v);
        break;
      default:
        if (!(key in GAP_FIELDS)) return unknownKey('gap', key, GAP_FIELDS);
        if (typeof v !== 'string') return expected(`gap.${key}`, 'a string', v);
    }
  }
  return missing('gap', GAP_FIELDS, g);
}

/** Checks line 1. A wrong format or version gets its own message, since it is the likeliest mistake. */
export function checkHeader(h: Json): Problem | undefined {
  if (h.format !== SNAPSHOT_FORMAT) {
    return {
      path: 'format',
      message: `not a cloudrounds snapshot: line 1 must be the header {"format":"${SNAPSHOT_FORMAT}","schemaVersion":${SNAPSHOT_FILE_VERSION},…}`,
    };
  }
  const version = h.schemaVersion;
  if (!Number.isInteger(version) || (version as number) < 1) {
    return expected('schemaVersion', 'a positive integer', version);
  }
  if (version !== SNAPSHOT_FILE_VERSION) {
    const advice =
      (version as number) > SNAPSHOT_FILE_VERSION
        ? 'it was written by a newer cloudrounds; upgrade cloudrounds to read it'
        : 'it was written by an older cloudrounds; collect the snapshot again';
    return {
      path: 'schemaVersion',
      message: `snapshot schemaVersion ${String(version)} is not supported (this cloudrounds reads schemaVersion ${SNAPSHOT_FILE_VERSION}): ${advice}`,
    };
  }
  for (const key in h) {
    if (
      key !== 'format' &&
      key !== 'schemaVersion' &&
      key !== 'takenAt' &&
      key !== 'accounts' &&
      key !== 'regions'
    ) {
      return unknownKey('', key, { format: 1, schemaVersion: 1, takenAt: 1, accounts: 1, regions: 1 });
    }
  }
  if (
    typeof h.takenAt !== 'string' ||
    !ISO_DATE_TIME.test(h.takenAt) ||
    Number.isNaN(Date.parse(h.takenAt))
  ) {
    return expected('takenAt', 'an ISO 8601 date-time with a time zone (2026-01-15T06:00:00Z)', h.takenAt);
  }
  if (!Array.isArray(h.accounts)) return expected('accounts', 'an array', h.accounts);
  for (let i = 0; i < h.accounts.length; i++) {
    const problem = checkAccount(h.accounts[i], `accounts[${i}]`);
    if (problem) return problem;
  }
  if (!Array.isArray(h.regions)) return expected('regions', 'an array', h.regions);
  for (let i = 0; i < h.regions.length; i++) {
    if (typeof h.regions[i] !== 'string') return expected(`regions[${i}]`, 'a string', h.regions[i]);
  }
  return undefined;
}

function checkAccount(a: unknown, path: string): Problem | undefined {
  if (!isPlainObject(a)) return expected(path, 'an object', a);
  for (const key in a) {
    const v = a[key];
    if (v === undefined) continue;
    if (!(key in ACCOUNT_FIELDS)) return unknownKey(path, key, ACCOUNT_FIELDS);
    if (key === 'role') {
      if (typeof v !== 'string' || !accountRoles.has(v))
        return expected(`${path}.role`, `one of ${ACCOUNT_ROLES.join(', ')}`, v);
    } else if (typeof v !== 'string') {
      return expected(`${path}.${key}`, 'a string', v);
    }
  }
  return missing(path, ACCOUNT_FIELDS, a);
}

/** Checks the end line `{"end":true,"resources":N,"gaps":M}`. */
export function checkEnd(e: Json): Problem | undefined {
  for (const key in e) {
    if (key !== 'end' && key !== 'resources' && key !== 'gaps') {
      return unknownKey('', key, { end: 1, resources: 1, gaps: 1 });
    }
  }
  for (const key of ['resources', 'gaps'] as const) {
    const v = e[key];
    if (!Number.isInteger(v) || (v as number) < 0) return expected(key, 'a non-negative integer', v);
  }
  return undefined;
}
