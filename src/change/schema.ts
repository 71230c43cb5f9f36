/**
 * The `--json` answers of `cloudrounds fix` and `cloudrounds undo`, versioned. Tests validate the
 * command's output against these schemas.
 */
import { z } from 'zod';

export const CHANGE_SCHEMA_VERSION = 1;

const call = z.object({
  client: z.string(),
  operation: z.string(),
  input: z.record(z.string(), z.unknown()),
  action: z.string(),
  account: z.string(),
  region: z.string(),
});

const resource = z.object({
  type: z.string(),
  id: z.string(),
  arn: z.string().optional(),
  account: z.string(),
  region: z.string(),
});

const plannedStep = z.object({
  description: z.string(),
  call,
  capture: call.optional(),
  destructive: z.boolean(),
  backup: z.boolean(),
  reversible: z
    .boolean()
    .describe('whether the step declares an undo (computed from the capture when applied)'),
});

const stepOutcome = z.object({
  ordinal: z.number().int(),
  description: z.string(),
  status: z.enum(['applied', 'failed', 'not-run']),
  undo: z.union([z.object({ call }), z.object({ irreversible: z.string() }), z.null()]).optional(),
  error: z.string().optional(),
});

const applied = z.object({
  runId: z.number().int(),
  status: z.enum(['applied', 'failed']),
  callers: z.record(z.string(), z.string()),
  steps: z.array(stepOutcome),
});

export const fixAnswerSchema = z.object({
  schemaVersion: z.literal(CHANGE_SCHEMA_VERSION),
  dryRun: z.boolean(),
  fixes: z.array(
    z.object({
      findingKey: z.string(),
      rule: z.string(),
      fix: z.string(),
      resource,
      reason: z.string(),
      cannot: z.string().optional(),
      steps: z.array(plannedStep),
    }),
  ),
  refused: z.array(
    z.object({
      findingKey: z.string(),
      resource,
      reason: z.string(),
      drift: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  applied: applied.optional(),
  verified: z.array(
    z.object({
      findingKey: z.string(),
      resource,
      resolved: z.boolean(),
      status: z.string(),
      reason: z.string(),
    }),
  ),
});
export type FixAnswer = z.infer<typeof fixAnswerSchema>;

export const undoAnswerSchema = z.object({
  schemaVersion: z.literal(CHANGE_SCHEMA_VERSION),
  dryRun: z.boolean(),
  runId: z.number().int(),
  title: z.string(),
  notes: z.array(
    z.object({
      ordinal: z.number().int(),
      description: z.string(),
      outcome: z.enum(['reversed', 'irreversible', 'nothing-to-undo', 'not-applied']),
      call: call.optional(),
      reason: z.string().optional(),
      uncertain: z.string().optional(),
      partial: z.string().optional(),
    }),
  ),
  applied: applied.optional(),
});
export type UndoAnswer = z.infer<typeof undoAnswerSchema>;
