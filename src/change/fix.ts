/**
 * `cloudrounds fix`: from failing findings to one change plan, through the fix declared next to each
 * rule (src/rules/<service>/<rule>.fix.ts). Applying re-reads every resource first and leaves out
 * those that changed since the snapshot, runs the plan through the executor (journalled), then reads
 * the resources again and evaluates the rule on them.
 */
import { InputError, type Resource, type Snapshot } from '../model/index.js';
import { createGraph, runRules, type AnyRule } from '../engine/index.js';
import { allRules } from '../rules/index.js';
import type { AnyFix, FixStep } from '../rules/fix.js';
import { fixFor } from '../rules/fixes.js';
import type { ChangeJournal } from '../store/changes/index.js';
import { findingKey } from '../store/keys.js';
import type { AwsConnection, Dispatcher } from './dispatch.js';
import { applyPlan, type ApplyResult, type ChangePlan, type ChangeStep, type StepEvent } from './executor.js';
import {
  describeDrift,
  driftOf,
  evaluateAgain,
  recollect,
  recollectRelated,
  type Drift,
  type Related,
} from './verify.js';

/** A failing resource and the fix that closes its finding. */
export interface FixTarget {
  rule: AnyRule;
  fix: AnyFix;
  resource: Resource;
  /** The finding's key (`findingKey`): stable across runs, what `fix FINDING_ID` takes. */
  findingKey: string;
  /** The finding's sentence. */
  reason: string;
  /** The snapshot's resources, for fixes and rules that look at related resources. */
  context: readonly Resource[];
}

/** A target with its plan, or the reason the fix cannot handle this resource. */
export interface PlannedFix {
  target: FixTarget;
  steps: FixStep[];
  cannot?: string;
}

export function ruleById(ruleId: string): AnyRule {
  const rule = allRules.find((r) => r.id === ruleId);
  if (!rule) throw new InputError(`no rule ${ruleId}`);
  return rule;
}

export function fixOf(rule: AnyRule): AnyFix {
  const fix = fixFor(rule.id);
  if (!fix)
    throw new InputError(`rule ${rule.id} has no automated fix; its remediation: ${rule.remediation.text}`);
  return fix;
}

function matches(resource: Resource, ref: string): boolean {
  return resource.id === ref || resource.arn === ref || resource.name === ref || resource.tags.Name === ref;
}

/**
 * The failing findings of a rule in a snapshot, as fix targets; with `resource`, only the resource
 * with that id, ARN or name (an error when none matches or it does not fail).
 */
export function targetsOfRule(snapshot: Snapshot, ruleId: string, resource?: string): FixTarget[] {
  const rule = ruleById(ruleId);
  const fix = fixOf(rule);
  const { findings } = runRules(snapshot, { rules: [rule], keep: ['fail'] });
  const byKey = new Map(snapshot.resources.map((r) => [`${r.type}|${r.account}|${r.region}|${r.id}`, r]));
  const targets: FixTarget[] = [];
  for (const finding of findings) {
    const r = finding.resource;
    const found = byKey.get(`${r.type}|${r.account}|${r.region}|${r.id}`);
    if (!found || (resource !== undefined && !matches(found, resource))) continue;
    targets.push({
      rule,
      fix,
      resource: found,
      findingKey: findingKey(finding),
      reason: finding.reason,
      context: snapshot.resources,
    });
  }
  if (resource !== undefined && targets.length === 0) {
    const exists = snapshot.resources.some(
      (r) => rule.resourceTypes.includes(r.type) && matches(r, resource),
    );
    throw new InputError(
      exists
        ? `${resource} passes ${ruleId} (or is not evaluated by it): nothing to fix`
        : `no ${rule.resourceTypes.join(' or ')} named ${resource} in the source`,
    );
  }
  return targets;
}

/**
 * `--param k=v` values for a fix: parsed by its zod schema, first as given, then with numbers and
 * booleans read as such. Unknown names are refused.
 */
export function fixParams(fix: AnyFix, raw: Readonly<Record<string, string>>): Record<string, unknown> {
  const schema = fix.params;
  const known = schema ? Object.keys(schema.shape) : [];
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new InputError(
      `the fix of ${fix.rule} takes ${known.length ? `--param ${known.join(', ')}` : 'no --param'}; unknown: ${unknown.join(', ')}`,
    );
  }
  if (!schema) return {};
  const asGiven = schema.safeParse(raw);
  if (asGiven.success) return asGiven.data as Record<string, unknown>;
  const typed = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [
      k,
      /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v,
    ]),
  );
  const parsed = schema.safeParse(typed);
  if (!parsed.success) {
    throw new InputError(
      `--param for the fix of ${fix.rule}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data as Record<string, unknown>;
}

/** Plans every target (pure: the fix declarations' `plan`). */
export function planFixes(
  targets: readonly FixTarget[],
  params: Readonly<Record<string, string>>,
): PlannedFix[] {
  const parsed = new Map<AnyFix, Record<string, unknown>>();
  return targets.map((target) => {
    let p = parsed.get(target.fix);
    if (!p) parsed.set(target.fix, (p = fixParams(target.fix, params)));
    const plan = target.fix.plan(target.resource, { params: p, graph: createGraph([...target.context]) });
    return 'cannot' in plan ? { target, steps: [], cannot: plan.cannot } : { target, steps: plan.steps };
  });
}

/** The change plan of the planned fixes that have steps, each step tagged with its finding. */
export function changePlanOf(planned: readonly PlannedFix[]): ChangePlan {
  const fixable = planned.filter((p) => p.steps.length > 0);
  const rules = [...new Set(fixable.map((p) => p.target.rule.id))];
  const steps: ChangeStep[] = fixable.flatMap((p) =>
    p.steps.map((step) => ({
      ...step,
      rule: p.target.rule.id,
      resource: {
        type: p.target.resource.type,
        id: p.target.resource.id,
        ...(p.target.resource.arn ? { arn: p.target.resource.arn } : {}),
        account: p.target.resource.account,
        region: p.target.resource.region,
      },
      findingKey: p.target.findingKey,
    })),
  );
  const n = fixable.length;
  return {
    kind: 'fix',
    title: `Fix ${n} finding${n === 1 ? '' : 's'} of ${rules.join(', ') || 'no rule'}`,
    steps,
  };
}

/** A target left out of the apply because the account no longer matches the snapshot. */
export interface Refusal {
  target: FixTarget;
  reason: string;
  drift: Drift[];
}

/** The rule's verdict on a fixed resource, read again from the account. */
export interface Verification {
  target: FixTarget;
  resolved: boolean;
  status: string;
  reason: string;
}

export interface FixApplyResult {
  refused: Refusal[];
  /** Absent when every target was refused (nothing ran). */
  result?: Extract<ApplyResult, { dryRun: false }>;
  verified: Verification[];
}

export interface ApplyFixesOptions {
  connection: AwsConnection;
  dispatcher: Dispatcher;
  journal: ChangeJournal;
  onEvent?: (event: StepEvent) => void;
  /** Progress lines ("re-reading …"). */
  onNote?: (line: string) => void;
}

/**
 * Applies the planned fixes: drift check per target, one journalled change run for those that
 * passed, then the re-read and re-evaluation of each target whose steps all applied.
 */
export async function applyFixes(
  planned: readonly PlannedFix[],
  options: ApplyFixesOptions,
): Promise<FixApplyResult> {
  const note = options.onNote ?? (() => undefined);
  const refused: Refusal[] = [];
  const go: PlannedFix[] = [];
  for (const p of planned.filter((x) => x.steps.length > 0)) {
    const r = p.target.resource;
    note(`re-reading ${r.type} ${r.id} in ${r.account} ${r.region}`);
    const now = await recollect(r, options.connection);
    if (!now.found) {
      refused.push({ target: p.target, reason: now.reason, drift: [] });
      continue;
    }
    const drift = driftOf(r, now.resource);
    if (drift.length > 0) {
      refused.push({
        target: p.target,
        reason: `${r.type} ${r.id} changed since the snapshot: ${drift.map(describeDrift).join('; ')}`,
        drift,
      });
      continue;
    }
    go.push(p);
  }
  if (go.length === 0) return { refused, verified: [] };

  const plan = changePlanOf(go);
  const result = await applyPlan(plan, {
    dryRun: false,
    dispatcher: options.dispatcher,
    journal: options.journal,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  if (result.dryRun) throw new Error('unreachable: applyPlan ran dry');

  const verified: Verification[] = [];
  const relatedReads = new Map<string, Promise<Related>>();
  for (const p of go) {
    const r = p.target.resource;
    const own = result.steps.filter(
      (s, i) => plan.steps[i]!.findingKey === p.target.findingKey && s.call === plan.steps[i]!.call,
    );
    if (!own.every((s) => s.status === 'applied')) continue;
    note(`re-reading ${r.type} ${r.id} to evaluate ${p.target.rule.id} again`);
    const now = await recollect(r, options.connection);
    if (!now.found) {
      verified.push({ target: p.target, resolved: false, status: 'error', reason: now.reason });
      continue;
    }
    // What the fix may have changed beside the resource (an account setting, auto scaling targets).
    const related = await recollectRelated(
      r,
      p.steps.map((s) => s.call.client),
      options.connection,
      relatedReads,
    );
    const context = [...p.target.context.filter((x) => !related.replaces(x)), ...related.resources];
    const verdict = evaluateAgain(p.target.rule, now.resource, context);
    verified.push({ target: p.target, resolved: verdict.status === 'pass', ...verdict });
  }
  return { refused, result, verified };
}
