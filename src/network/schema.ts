import { z } from 'zod';

/** Zod schemas of the `reach --json` and `exposure --json` documents (schemaVersion 1). */

export const componentRefSchema = z.object({
  type: z.string(),
  id: z.string(),
  logicalId: z.string().optional(),
  name: z.string().optional(),
});

export const hopSchema = z.object({
  component: componentRefSchema,
  kind: z.string(),
  matched: z.string().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
});

export const explanationSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  component: componentRefSchema,
  detail: z.string(),
  fix: z.string().optional(),
  path: z.enum(['forward', 'return']).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
});

export const reachAnswerSchema = z.object({
  schemaVersion: z.literal(1),
  reachable: z.boolean(),
  forward: z.array(hopSchema),
  return: z.array(hopSchema),
  explanations: z.array(explanationSchema),
  notes: z.array(z.string()).optional(),
});

const portRangeSchema = z.object({
  from: z.number().int().min(0).max(65535),
  to: z.number().int().min(0).max(65535),
});
const protocolSchema = z.enum(['tcp', 'udp', 'icmp', 'all']);
const familySchema = z.enum(['0.0.0.0/0', '::/0']);

export const exposureAnswerSchema = z.object({
  schemaVersion: z.literal(1),
  exposures: z.array(
    z.object({
      component: componentRefSchema,
      eni: z.string(),
      publicIp: z.string().optional(),
      from: familySchema,
      protocol: protocolSchema,
      ports: portRangeSchema.optional(),
      path: z.array(hopSchema),
      notes: z.array(z.string()).optional(),
    }),
  ),
  shielded: z.array(
    z.object({
      component: componentRefSchema,
      securityGroup: componentRefSchema,
      from: familySchema,
      protocol: protocolSchema,
      ports: portRangeSchema.optional(),
      explanations: z.array(explanationSchema),
      notes: z.array(z.string()).optional(),
    }),
  ),
});
