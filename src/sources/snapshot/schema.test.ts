import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../test/corpora.js';
import { generateScaledOrganisation } from '../demo/scale/index.js';
import { RESOURCE_FIELDS } from './format.js';
import {
  endLineSchema,
  gapLineSchema,
  headerLineSchema,
  resourceLineSchema,
  snapshotLineJsonSchema,
} from './schema.js';
import { checkEnd, checkGap, checkHeader, checkResource, isPlainObject } from './validate.js';
import { writeSnapshot } from './writer.js';

const committedPath = join(projectRoot, 'schema', 'snapshot-v1.schema.json');
let dir: string;
let committed: JsonSchema;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cloudrounds-schema-'));
  committed = JSON.parse(await readFile(committedPath, 'utf8')) as JsonSchema;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type LineKind = 'headerLine' | 'resourceLine' | 'gapLine' | 'endLine';

const zodSchemas = {
  headerLine: headerLineSchema,
  resourceLine: resourceLineSchema,
  gapLine: gapLineSchema,
  endLine: endLineSchema,
};

/** The reader's hand-written checks, by line kind. */
function readerAccepts(kind: LineKind, value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (kind) {
    case 'headerLine':
      return checkHeader(value) === undefined;
    case 'resourceLine':
      return checkResource(value) === undefined;
    case 'gapLine':
      return Object.keys(value).length === 1 && checkGap(value.gap) === undefined;
    case 'endLine':
      return value.end === true && checkEnd(value) === undefined;
  }
}

describe('schema/snapshot-v1.schema.json', () => {
  it('is what the zod schema generates (run `npm run schema:snapshot` after changing schema.ts)', () => {
    expect(committed).toEqual(snapshotLineJsonSchema());
  });

  it('uses only the keywords the validator in this test implements', () => {
    const used = new Set<string>();
    const walk = (node: unknown, inMap: boolean): void => {
      if (Array.isArray(node)) node.forEach((n) => walk(n, false));
      else if (isPlainObject(node)) {
        for (const [key, value] of Object.entries(node)) {
          if (!inMap) used.add(key);
          walk(value, !inMap && (key === 'properties' || key === '$defs'));
        }
      }
    };
    walk(committed, false);
    expect([...used].filter((k) => !KEYWORDS.has(k))).toEqual([]);
  });

  it('covers every field of the model Resource', () => {
    const resource = committed.$defs!.resourceLine!;
    expect(Object.keys(resource.properties!).sort()).toEqual(Object.keys(RESOURCE_FIELDS).sort());
  });
});

describe('generated snapshot files, line by line', () => {
  it('every line validates against the zod schema, the JSON Schema and the reader checks', async () => {
    const org = generateScaledOrganisation({ accounts: 4, resourcesPerAccount: 400 });
    org.coverage.push(
      {
        kind: 'access-denied',
        message: 'denied',
        account: org.accounts[0]!.id,
        resourceType: 'AWS::S3::Bucket',
      },
      { kind: 'parse-error', message: 'bad', file: 'x.json', line: 3, path: 'a.b' },
    );
    const file = join(dir, 'org.jsonl');
    await writeSnapshot(org, file);
    const lines = (await readFile(file, 'utf8')).split('\n').slice(0, -1);
    expect(lines).toHaveLength(1 + 1600 + 2 + 1);
    lines.forEach((text, index) => {
      const kind: LineKind =
        index === 0
          ? 'headerLine'
          : index === lines.length - 1
            ? 'endLine'
            : index > 1600
              ? 'gapLine'
              : 'resourceLine';
      const value: unknown = JSON.parse(text);
      const where = `line ${index + 1} (${kind})`;
      expect(zodSchemas[kind].safeParse(value).error, where).toBeUndefined();
      expect(jsonSchemaErrors(committed, { $ref: `#/$defs/${kind}` }, value), where).toEqual([]);
      expect(jsonSchemaErrors(committed, committed, value), where).toEqual([]);
      expect(readerAccepts(kind, value), where).toBe(true);
    });
  });

  // Each bad line must be refused by all three: the schemas and the reader agree.
  const resource = {
    type: 'AWS::S3::Bucket',
    id: 'b',
    account: '111122223333',
    region: 'eu-west-1',
    tags: { Name: 'b' },
    props: { BucketName: 'b' },
    origin: { source: 'aws', line: 3 },
  };
  const header = {
    format: 'cloudrounds-snapshot',
    schemaVersion: 1,
    takenAt: '2026-01-15T06:00:00Z',
    accounts: [],
    regions: [],
  };
  const bad: Array<[string, LineKind, unknown]> = [
    ['resource without id', 'resourceLine', { ...resource, id: undefined }],
    ['resource with empty type', 'resourceLine', { ...resource, type: '' }],
    ['resource with numeric account', 'resourceLine', { ...resource, account: 1 }],
    ['resource with props array', 'resourceLine', { ...resource, props: [] }],
    ['resource with null observed', 'resourceLine', { ...resource, observed: null }],
    ['resource with numeric tag', 'resourceLine', { ...resource, tags: { n: 1 } }],
    ['resource with unknown key', 'resourceLine', { ...resource, extra: 1 }],
    ['resource with unknown origin source', 'resourceLine', { ...resource, origin: { source: 'ftp' } }],
    ['resource with origin line 0', 'resourceLine', { ...resource, origin: { source: 'aws', line: 0 } }],
    ['gap with unknown kind', 'gapLine', { gap: { kind: 'nope', message: 'm' } }],
    ['gap without message', 'gapLine', { gap: { kind: 'throttled' } }],
    ['gap with extra key', 'gapLine', { gap: { kind: 'throttled', message: 'm', when: 'now' } }],
    ['gap line with extra key', 'gapLine', { gap: { kind: 'throttled', message: 'm' }, x: 1 }],
    ['header of another format', 'headerLine', { ...header, format: 'other' }],
    ['header of version 2', 'headerLine', { ...header, schemaVersion: 2 }],
    ['header with a date only', 'headerLine', { ...header, takenAt: '2026-01-15' }],
    ['header with a bad account role', 'headerLine', { ...header, accounts: [{ id: '1', role: 'boss' }] }],
    ['header with numeric region', 'headerLine', { ...header, regions: [1] }],
    ['end with negative count', 'endLine', { end: true, resources: -1, gaps: 0 }],
    ['end with fractional count', 'endLine', { end: true, resources: 1.5, gaps: 0 }],
    ['end with extra key', 'endLine', { end: true, resources: 1, gaps: 0, bytes: 9 }],
  ];
  it.each(bad)('%s is refused by zod, JSON Schema and the reader', (_name, kind, value) => {
    const parsed: unknown = JSON.parse(JSON.stringify(value));
    expect(zodSchemas[kind].safeParse(parsed).success).toBe(false);
    expect(jsonSchemaErrors(committed, { $ref: `#/$defs/${kind}` }, parsed)).not.toEqual([]);
    expect(readerAccepts(kind, parsed)).toBe(false);
  });

  it('the good lines of those cases are accepted by all three', () => {
    for (const [kind, value] of [
      ['resourceLine', resource],
      ['headerLine', header],
      ['gapLine', { gap: { kind: 'throttled', message: 'm' } }],
      ['endLine', { end: true, resources: 0, gaps: 0 }],
    ] as Array<[LineKind, unknown]>) {
      expect(zodSchemas[kind].safeParse(value).success).toBe(true);
      expect(jsonSchemaErrors(committed, { $ref: `#/$defs/${kind}` }, value)).toEqual([]);
      expect(readerAccepts(kind, value)).toBe(true);
    }
  });
});

/*
 * A JSON Schema (draft 2020-12) validator for the keywords the committed schema uses, so that the
 * test checks the published file itself rather than trusting the generator. A keyword outside this
 * set fails the keyword test above instead of being silently ignored.
 */
interface JsonSchema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}
const KEYWORDS = new Set([
  '$schema',
  '$ref',
  '$defs',
  'anyOf',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minLength',
  'minimum',
  'maximum',
  'pattern',
  // Annotations: no effect on validity (format is an annotation by default in 2020-12).
  'title',
  'description',
  'format',
]);

function jsonSchemaErrors(root: JsonSchema, schema: JsonSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace('#/$defs/', '');
    errors.push(...jsonSchemaErrors(root, root.$defs![name]!, value, path));
  }
  if (schema.anyOf && !schema.anyOf.some((s) => jsonSchemaErrors(root, s, value, path).length === 0)) {
    errors.push(`${path}: matches none of anyOf`);
  }
  if (schema.type !== undefined && !hasType(schema.type, value)) errors.push(`${path}: not ${schema.type}`);
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    errors.push(`${path}: not const`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not in enum`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: too short`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: pattern`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => errors.push(...jsonSchemaErrors(root, schema.items!, item, `${path}[${i}]`)));
  }
  if (isPlainObject(value)) {
    for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${path}: missing ${key}`);
    for (const [key, item] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) errors.push(...jsonSchemaErrors(root, property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${key}`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...jsonSchemaErrors(root, schema.additionalProperties, item, `${path}.${key}`));
      }
      if (schema.propertyNames)
        errors.push(...jsonSchemaErrors(root, schema.propertyNames, key, `${path}{${key}}`));
    }
  }
  return errors;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}
