import type { Resource, Snapshot } from '../model/index.js';
import {
  Outcome,
  SEVERITIES,
  STATUSES,
  type AnyRule,
  type RuleContext,
  type RuleResult,
  type Severity,
  type Status,
} from '../rules/rule.js';
import {
  ResourceLocation,
  RuleFinding,
  type Finding,
  type FindingCounts,
  type FindingResource,
  type RunResult,
  type SuppressionNote,
} from './finding.js';
import { Graph } from './graph.js';
import { resolveParams, type ParamOverrides } from './params.js';
import { selectRules, type RuleSelection } from './select.js';
import {
  compileSuppression,
  matchSuppression,
  type CompiledSuppression,
  type Suppression,
} from './suppressions.js';

export interface RunOptions {
  rules: readonly AnyRule[];
  /** Rule id -> parameter overrides (from `.cloudrounds.yaml` `params:`). */
  params?: ParamOverrides;
  suppressions?: readonly Suppression[];
  include?: RuleSelection;
  exclude?: RuleSelection;
  /** The time rules see as `ctx.now` and suppressions expire against; defaults to the snapshot time. */
  now?: Date;
  /**
   * Statuses whose findings are returned (default: all). The others are still counted; keeping
   * only `fail` and `error` saves most of the memory on large snapshots.
   */
  keep?: readonly Status[];
}

type RuleParams = Parameters<AnyRule['evaluate']>[1]['params'];

/** One rule's work on one resource type, and the findings it keeps there. */
interface RulePass {
  rule: AnyRule;
  ctx: RuleContext<RuleParams>;
  candidates: readonly CompiledSuppression[];
  findings: Finding[];
}

/**
 * Resources per block (see `runRules`): small enough that a block's resources and what the rules
 * read of them stay in a core's cache, large enough that each rule's code stays hot across it.
 * Measured on the 1,000,000-resource organisation: 64 to 2,048 all about 10 % faster than none.
 */
const BLOCK = 256;

/** Whether a rule returned one of the four statuses (a switch: no hashing on every evaluation). */
function isStatus(status: unknown): status is Status {
  switch (status) {
    case 'pass':
    case 'fail':
    case 'not_applicable':
    case 'error':
      return true;
    default:
      return false;
  }
}

/**
 * Runs every selected rule on every resource of its types and returns one finding per pair, in
 * rule order. Resources are indexed by type once; a rule that throws or returns something that is
 * not a result yields an `error` finding naming the problem, and the run goes on.
 */
export function runRules(snapshot: Snapshot, options: RunOptions): RunResult {
  const rules = selectRules(options.rules, options.include, options.exclude);
  const params = resolveParams(rules, options.params);
  const now = options.now ?? new Date(snapshot.takenAt);
  const nowMs = now.getTime();
  const graph = new Graph(snapshot.resources, snapshot.coverage);
  const suppressions = (options.suppressions ?? []).map(compileSuppression);
  const used = new Set<CompiledSuppression>();
  const counts = emptyCounts();
  const keepSet = new Set<Status>(options.keep ?? STATUSES);
  const keep: Record<Status, boolean> = {
    pass: keepSet.has('pass'),
    fail: keepSet.has('fail'),
    not_applicable: keepSet.has('not_applicable'),
    error: keepSet.has('error'),
  };

  // The rules on each type, in rule order, each with the list its findings of that type go to.
  const passes = new Map<string, RulePass[]>();
  const kept: Finding[][] = [];
  for (const rule of rules) {
    const ctx = { graph, params: params.get(rule.id) as RuleParams, now };
    const candidates = suppressions.filter((s) => s.matchesRule(rule.id));
    for (const type of new Set(rule.resourceTypes)) {
      const findingsOfType: Finding[] = [];
      kept.push(findingsOfType);
      const onType = passes.get(type);
      const pass = { rule, ctx, candidates, findings: findingsOfType };
      if (onType) onType.push(pass);
      else passes.set(type, [pass]);
    }
  }

  // A block of resources at a time, every rule of their type over the block before the next one:
  // the block's resources stay in the processor's cache from one rule to the next, where a rule
  // walking a million resources before the next rule starts reads each of them from memory again.
  for (const [type, onType] of passes) {
    const resources = graph.byType(type);
    // Findings about the same resource share one `resource` object.
    const located = new Array<FindingResource | undefined>(resources.length);
    for (let start = 0; start < resources.length; start += BLOCK) {
      const end = Math.min(resources.length, start + BLOCK);
      for (let p = 0; p < onType.length; p++) {
        const { rule, ctx, candidates, findings: out } = onType[p]!;
        for (let i = start; i < end; i++) {
          const resource = resources[i]!;
          const result = evaluate(rule, resource, ctx, keep);
          const status = result.status;
          // Most results are not failures or no suppression names the rule: count them directly.
          if (status !== 'fail' || candidates.length === 0) {
            counts.byStatus[status]++;
            if (status === 'fail') counts.failBySeverity[rule.severity]++;
            if (!keep[status]) continue;
            const at = (located[i] ??= new ResourceLocation(resource));
            out.push(toFinding(rule, at, result, undefined, undefined));
            continue;
          }
          const match = matchSuppression(candidates, resource, nowMs);
          if (match) used.add(match.suppression);
          const suppressed = match?.kind === 'active' ? match.suppression.note : undefined;
          const expired = match?.kind === 'expired' ? match.suppression.note : undefined;
          count(counts, status, rule.severity, suppressed !== undefined, expired !== undefined);
          if (!keep[status]) continue;
          const at = (located[i] ??= new ResourceLocation(resource));
          out.push(toFinding(rule, at, result, suppressed, expired));
        }
      }
    }
  }

  // In rule order, then the order of each rule's types, then snapshot order.
  const findings = ([] as Finding[]).concat(...kept);

  return {
    findings,
    counts,
    rules,
    unusedSuppressions: suppressions.filter((s) => !used.has(s)).map((s) => s.source),
  };
}

/**
 * One evaluation, never throwing. A reason given as a function is written here, inside the
 * `try`, when the result will be kept (a rule that throws while writing it still yields an
 * `error`); a dropped result's reason is never written, which is most of a large run's work.
 */
function evaluate(
  rule: AnyRule,
  resource: Resource,
  ctx: RuleContext<RuleParams>,
  keep: Readonly<Record<Status, boolean>>,
): RuleResult {
  try {
    const result = rule.evaluate(resource, ctx);
    if (result instanceof Outcome) {
      // Only a kept result's reason is read; reading it again later costs nothing.
      if (keep[result.status]) void result.reason;
      return result;
    }
    if (result && isStatus(result.status) && typeof result.reason === 'string') return result;
    return { status: 'error', reason: `rule ${rule.id} returned no valid result for ${resource.id}` };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { status: 'error', reason: `rule ${rule.id} failed on ${resource.id}: ${message}` };
  }
}

/**
 * The reason as one flat string. A sentence built from a template is a rope of several string
 * pieces in V8; a kept finding holds it through every collection of a large run, where each piece
 * is copied on its own. Converting a string to a number makes V8 flatten it in place (and the
 * collector then drops the rope): 1.3 million kept findings cost about 1 s less CPU.
 */
function flat(reason: string): string {
  void Number(reason);
  return reason;
}

function toFinding(
  rule: AnyRule,
  resource: FindingResource,
  result: RuleResult,
  suppressed: SuppressionNote | undefined,
  suppressionExpired: SuppressionNote | undefined,
): Finding {
  return new RuleFinding(rule, result.status, flat(result.reason), resource, suppressed, suppressionExpired);
}

function emptyCounts(): FindingCounts {
  return {
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
    failBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as FindingCounts['failBySeverity'],
    suppressed: 0,
    suppressionExpired: 0,
  };
}

/** Adds one result to the totals; a suppressed failure counts only as suppressed. */
function count(
  counts: FindingCounts,
  status: Status,
  severity: Severity,
  suppressed: boolean,
  expired: boolean,
) {
  if (suppressed) {
    counts.suppressed++;
    return;
  }
  if (expired) counts.suppressionExpired++;
  counts.byStatus[status]++;
  if (status === 'fail') counts.failBySeverity[severity]++;
}

/** Totals over findings (e.g. after filtering them), leaving suppressed findings out of all but `suppressed`. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts = emptyCounts();
  for (const f of findings) count(counts, f.status, f.severity, !!f.suppressed, !!f.suppressionExpired);
  return counts;
}
