/**
 * The health answer as JSON (zod schema: the definition of `health --json`) and as text (the
 * `cloudrounds health` screen).
 */
import { z } from 'zod';
import { SEVERITIES } from '../../engine/index.js';
import { HEALTH_KINDS } from '../../health/index.js';
import { HEALTH_SCHEMA_VERSION, type HealthAnswer } from '../../questions/health.js';
import { SEVERITY_SHORT } from './common.js';

export const healthJsonSchema = z.strictObject({
  schemaVersion: z.literal(HEALTH_SCHEMA_VERSION),
  takenAt: z.string(),
  checks: z.number().int().nonnegative(),
  rules: z.array(z.string()),
  failing: z.number().int().nonnegative(),
  undecided: z.number().int().nonnegative(),
  byKind: z.strictObject(
    Object.fromEntries(HEALTH_KINDS.map((k) => [k, z.number().int().nonnegative()])) as Record<
      (typeof HEALTH_KINDS)[number],
      z.ZodNumber
    >,
  ),
  items: z.array(
    z.strictObject({
      kind: z.enum(HEALTH_KINDS),
      ruleId: z.string(),
      status: z.enum(['fail', 'error']),
      severity: z.enum(SEVERITIES),
      title: z.string(),
      reason: z.string(),
      resource: z.strictObject({
        type: z.string(),
        id: z.string(),
        account: z.string(),
        region: z.string(),
        name: z.string().optional(),
        arn: z.string().optional(),
        logicalId: z.string().optional(),
        file: z.string().optional(),
        line: z.number().optional(),
      }),
    }),
  ),
});

export function renderHealthJson(answer: HealthAnswer): string {
  return JSON.stringify(answer, null, 2) + '\n';
}

export function renderHealthText(answer: HealthAnswer): string {
  const out: string[] = [];
  if (answer.checks === 0) {
    out.push('cloudrounds health — not evaluated: nothing in the source has run-time health facts');
    return out.join('\n') + '\n';
  }
  out.push(
    `cloudrounds health — ${answer.failing} failing, ${answer.undecided} undecided, ${answer.checks} checks of ${answer.rules.length} rules · snapshot ${answer.takenAt}`,
  );
  for (const kind of HEALTH_KINDS) {
    const items = answer.items.filter((i) => i.kind === kind);
    if (items.length === 0) continue;
    out.push(`── ${kind.toUpperCase()} ──`);
    for (const i of items) {
      const tag = i.status === 'error' ? 'UNDEC' : SEVERITY_SHORT[i.severity];
      out.push(
        `  ${tag.padEnd(5)} ${i.reason.replace(/\s+/g, ' ')}  [${i.ruleId} · ${i.resource.account} ${i.resource.region}]`,
      );
    }
  }
  if (answer.failing === 0 && answer.undecided === 0) out.push('  every health check passed');
  return out.join('\n') + '\n';
}
