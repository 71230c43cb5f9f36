/**
 * The rule-authoring API: `defineRule`, results, value readers and the context types. It sits in
 * rules/ because rules may not import engine/ (docs/architecture.md); engine/index.ts re-exports it
 * for the callers of the engine.
 */
import { z } from 'zod';
import type { ControlId } from '../frameworks/index.js';
import type { Resource } from '../model/index.js';
import type { RuleContext } from './context.js';
import type { RuleResult } from './result.js';

export type { ControlId } from '../frameworks/index.js';
export type { GraphView, RuleContext } from './context.js';
export { type Known, prop, known, describeUnresolved, asBoolean, asNumber, asString } from './known.js';
export { label } from './label.js';
export { isPlanned } from './planned.js';
export {
  type Reason,
  type RuleResult,
  type Status,
  Outcome,
  STATUSES,
  pass,
  fail,
  notApplicable,
  error,
} from './result.js';

export const CATEGORIES = ['security', 'compliance', 'dr', 'cost', 'health', 'reliability'] as const;
/** What question of the daily rounds a rule answers. `dr` is disaster recovery. */
export type Category = (typeof CATEGORIES)[number];

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How to reach the compliant state; code snippets are shown as written. */
export interface Remediation {
  /** One or two sentences a person can act on. */
  text: string;
  /** An AWS CLI command, with `<placeholders>`. */
  cli?: string;
  /** The CloudFormation properties to set (YAML). */
  cloudformation?: string;
  /** The Terraform resource or arguments to set (HCL). */
  terraform?: string;
}

/** A zod object of parameters, every one with a default (`z.number().default(90)`). */
export type ParamsSchema = z.ZodObject;

const NO_PARAMS = z.object({});
type NoParams = typeof NO_PARAMS;

/** Everything a rule file declares. */
export interface RuleDefinition<S extends ParamsSchema = NoParams> {
  /** `<service>-<resource>-<good-state>`, kebab-case, equal to the file name; never reused. */
  id: string;
  /** The good state in our words ("S3 bucket has versioning enabled"), never "Ensure ...". */
  title: string;
  category: Category;
  severity: Severity;
  /** CloudFormation type names (or model-only types) the rule evaluates, one finding per resource. */
  resourceTypes: readonly string[];
  /** Why the state matters: the risk, in a short paragraph. */
  rationale: string;
  remediation: Remediation;
  /** Equivalent external controls; may be empty when no standard has one. */
  controls: readonly ControlId[];
  /** AWS documentation the rule's logic follows. */
  references?: readonly string[];
  /** Thresholds and lists a user may override per rule from configuration. */
  params?: S;
  /**
   * Decides for one resource. Pure: reads only the resource, `ctx.graph`, `ctx.params` and
   * `ctx.now`; no I/O, no clock, no console. Throwing is reported as an `error` finding.
   */
  evaluate(resource: Resource, ctx: RuleContext<z.output<S>>): RuleResult;
}

/** A defined rule: the definition with its parameter schema and defaults filled in. */
export interface Rule<S extends ParamsSchema = ParamsSchema> extends RuleDefinition<S> {
  readonly params: S;
  readonly defaults: Readonly<z.output<S>>;
}

/** Any rule, whatever its parameters: what registries and the engine hold. */
export type AnyRule = Rule<ParamsSchema>;

/**
 * Declares a rule. Parameter defaults are computed here, so a parameter without a default fails
 * when the rule module is loaded rather than at run time.
 */
export function defineRule<S extends ParamsSchema = NoParams>(definition: RuleDefinition<S>): Rule<S> {
  const params = (definition.params ?? NO_PARAMS) as S;
  const parsed = params.safeParse({});
  if (!parsed.success) {
    throw new Error(`rule ${definition.id}: every parameter needs a default (${parsed.error.message})`);
  }
  return Object.freeze({ ...definition, params, defaults: parsed.data });
}
