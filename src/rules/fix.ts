/**
 * The declaration of an automated fix, written next to the rule it closes
 * (`src/rules/<service>/<rule-id>.fix.ts`). A fix is pure data and pure functions: it plans the
 * exact AWS API calls (for `cloudrounds fix` on a live account) and the property patches (for
 * `cloudrounds scan TEMPLATE --fix`). Nothing here calls AWS; src/change/ executes plans, captures
 * the previous state, journals every call and reverses what can be reversed.
 */
import type { z } from 'zod';
import type { Resource } from '../model/index.js';
import type { GraphView } from './context.js';

/** One AWS API call, exactly as the SDK v3 takes it. */
export interface AwsCall {
  /** The SDK v3 client package without its `@aws-sdk/client-` prefix: `s3`, `ec2`, `s3-control`. */
  client: string;
  /** The command name without `Command`: `PutBucketVersioning` for `PutBucketVersioningCommand`. */
  operation: string;
  /** The command input, as the SDK takes it. */
  input: Record<string, unknown>;
  /** The IAM action the call needs (`s3:PutBucketVersioning`), for `cloudrounds policy --fix`. */
  action: string;
  account: string;
  region: string;
}

/**
 * How a step is reversed, computed from what the capture read before the step ran. `partial` says
 * what the undo call cannot restore when AWS allows only a nearby state (a bucket that was never
 * versioned can only be suspended).
 */
export type UndoPlan = { call: AwsCall; partial?: string } | { irreversible: string };

/** One change of a plan. */
export interface FixStep {
  /** What the step does, in words ("Turn on versioning of bucket logs-prod"). */
  description: string;
  call: AwsCall;
  /** A read-only call whose answer is the state the step overwrites; journalled before the step. */
  capture?: AwsCall;
  /**
   * The call that restores the captured state, or why it cannot be restored. Absent means the
   * step is its own kind of reversal-free change (a backup, a tag) with nothing to undo.
   */
  undo?: (captured: unknown) => UndoPlan;
  /** The step destroys data (a delete); a plan must back the data up in an earlier step. */
  destructive?: boolean;
  /** The step is a backup (a snapshot, an AMI copy) that a later destructive step relies on. */
  backup?: boolean;
}

/** A change to one template resource's properties, by CloudFormation property path. */
export type TemplatePatch =
  | { op: 'set'; path: readonly (string | number)[]; value: unknown }
  | { op: 'remove'; path: readonly (string | number)[] }
  /** Appends to the list at `path`, creating the list if it is absent. */
  | { op: 'append'; path: readonly (string | number)[]; value: unknown }
  /** A new resource next to the fixed one (a bucket policy for a bucket), by logical id and type. */
  | { op: 'add-resource'; logicalId: string; type: string; properties: Record<string, unknown> };

export interface FixContext<P> {
  params: P;
  graph: GraphView;
}

/** A plan, or the reason this resource cannot be fixed automatically. */
export type FixPlan = { steps: FixStep[] } | { cannot: string };
export type TemplateFix = { patches: TemplatePatch[] } | { cannot: string };

/** Everything a fix file declares. */
export interface FixDefinition<S extends z.ZodObject = z.ZodObject> {
  /** The rule id this fix closes. */
  rule: string;
  /** The fix in words, shown in plans ("Turn on bucket versioning"). */
  title: string;
  /** Every IAM write action the plans may use, for `cloudrounds policy --fix`. */
  actions: readonly string[];
  /** Options a user gives on the command line (`--param cidr=203.0.113.0/24`); defaults where sensible. */
  params?: S;
  /** The live plan for one failing resource. Pure. */
  plan(resource: Resource, ctx: FixContext<z.output<S>>): FixPlan;
  /** The template patches for one failing resource. Pure. Absent when templates cannot express the fix. */
  template?(resource: Resource, ctx: FixContext<z.output<S>>): TemplateFix;
}

export type Fix<S extends z.ZodObject = z.ZodObject> = Readonly<FixDefinition<S>>;
export type AnyFix = Fix<z.ZodObject>;

export function defineFix<S extends z.ZodObject = z.ZodObject>(definition: FixDefinition<S>): Fix<S> {
  return Object.freeze({ ...definition });
}
