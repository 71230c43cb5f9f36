import { z } from 'zod';
import {
  ACCOUNT_ROLES,
  GAP_KINDS,
  SNAPSHOT_FILE_VERSION,
  SNAPSHOT_FORMAT,
  SOURCE_KINDS,
  type SnapshotEndLine,
  type SnapshotGapLine,
  type SnapshotHeader,
} from './format.js';
import type { Origin, Resource } from '../../model/index.js';

/*
 * The snapshot file format as a zod schema: the reference definition, from which
 * schema/snapshot-v1.schema.json is generated (`npm run schema:snapshot`). The reader does not use
 * it (a zod parse per line would add three quarters to the cost of the JSON.parse); its hand-written checks in
 * validate.ts follow the same rules, and schema.test.ts holds both to every line of generated files.
 */

const objectOf = z.record(z.string(), z.unknown());

export const accountSchema = z
  .object({
    id: z.string().describe('12-digit account id, or `unknown`'),
    name: z.string().optional(),
    role: z.enum(ACCOUNT_ROLES).optional(),
    ouPath: z.string().optional().describe('Organizational unit path, e.g. `Root/Workloads/Prod`'),
  })
  .strict();

export const headerLineSchema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    schemaVersion: z.literal(SNAPSHOT_FILE_VERSION),
    takenAt: z.iso.datetime({ offset: true }).describe('ISO 8601 time the state was read'),
    accounts: z.array(accountSchema).describe('Accounts with names and roles; resources may name others'),
    regions: z.array(z.string()).describe('Regions read; resources may name others'),
  })
  .strict()
  .meta({ id: 'headerLine', title: 'Header line', description: 'Line 1 of every snapshot file.' });

export const originSchema = z
  .object({
    source: z.enum(SOURCE_KINDS),
    file: z.string().optional(),
    logicalId: z.string().optional(),
    line: z.number().int().min(1).optional(),
    exists: z.boolean().optional(),
  })
  .strict();

export const resourceLineSchema = z
  .object({
    type: z.string().min(1).describe('CloudFormation type name, e.g. `AWS::EC2::SecurityGroup`'),
    id: z.string().min(1).describe('Physical id, or the logical id / Terraform address for IaC'),
    arn: z.string().optional(),
    account: z.string(),
    region: z.string(),
    name: z.string().optional(),
    tags: z.record(z.string(), z.string()),
    props: objectOf.describe('CloudFormation-shaped properties'),
    observed: objectOf.optional().describe('Runtime-only facts: state, metrics, key ages'),
    origin: originSchema
      .optional()
      .describe('Where the resource came from; a reader fills in the snapshot file and line when absent'),
  })
  .strict()
  .meta({ id: 'resourceLine', title: 'Resource line', description: 'One resource of the model.' });

export const gapSchema = z
  .object({
    kind: z.enum(GAP_KINDS),
    message: z.string(),
    account: z.string().optional(),
    region: z.string().optional(),
    resourceType: z.string().optional(),
    resourceId: z.string().optional(),
    file: z.string().optional(),
    line: z.number().int().min(1).optional(),
    path: z.string().optional(),
  })
  .strict();

export const gapLineSchema = z.object({ gap: gapSchema }).strict().meta({
  id: 'gapLine',
  title: 'Coverage gap line',
  description: 'Something the snapshot does not know, and why.',
});

export const endLineSchema = z
  .object({
    end: z.literal(true),
    resources: z.number().int().min(0).describe('Number of resource lines in the file'),
    gaps: z.number().int().min(0).describe('Number of gap lines in the file'),
  })
  .strict()
  .meta({
    id: 'endLine',
    title: 'End line',
    description: 'The last line; a file without it, or whose counts differ, is truncated or damaged.',
  });

/** Any line of a snapshot file. Line 1 must be a header line and the last an end line. */
export const snapshotLineSchema = z
  .union([headerLineSchema, resourceLineSchema, gapLineSchema, endLineSchema])
  .meta({
    title: 'cloudrounds snapshot file, schema version 1: one line',
    description:
      'A snapshot file is JSON Lines (UTF-8, optionally gzip): a header line, then resource and gap lines, then an end line. Each line validates against this schema. See docs/snapshot-format.md.',
  });

/** The JSON Schema (draft 2020-12) of a snapshot line, as committed in schema/snapshot-v1.schema.json. */
export function snapshotLineJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(snapshotLineSchema, { target: 'draft-2020-12' });
}

// The zod types must describe exactly the model's types, so that the schema cannot drift from them.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// `origin` may be left out of a file: the reader then records the snapshot file and line.
const _resource: Same<
  z.infer<typeof resourceLineSchema>,
  Omit<Resource, 'origin'> & { origin?: Origin }
> = true;
const _header: Same<
  z.infer<typeof headerLineSchema>,
  Omit<SnapshotHeader, 'schemaVersion'> & { schemaVersion: 1 }
> = true;
const _gap: Same<z.infer<typeof gapLineSchema>, SnapshotGapLine> = true;
const _end: Same<z.infer<typeof endLineSchema>, SnapshotEndLine> = true;
void [_resource, _header, _gap, _end];
