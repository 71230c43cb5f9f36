/**
 * Executes change plans, one step at a time, journalling each before and after its call:
 *
 *   capture (read the state the step overwrites) → journal it with the undo computed from it →
 *   journal "started" → call → journal "applied" (or "failed" with the error, and stop: the steps
 *   after a failure never run).
 *
 * A dry run (the default) sends nothing at all, not even the captures: it returns the plan. A plan
 * whose destructive step has no backup step before it is refused before anything is sent.
 */
import { InputError } from '../model/index.js';
import type { AwsCall, FixStep, UndoPlan } from '../rules/fix.js';
import type { ChangeJournal, ChangeKind, JournalStepInput, JournalUndo } from '../store/changes/index.js';
import { AwsCallError, checkCall, type Dispatcher } from './dispatch.js';

/** The resource a step changes, as findings name it. */
export interface ChangeResourceRef {
  type: string;
  id: string;
  arn?: string;
  account: string;
  region: string;
}

/** A step of a change plan: a fix step plus what it is about (for the journal and the plan display). */
export interface ChangeStep extends FixStep {
  /** The rule whose finding the step closes. */
  rule?: string;
  resource?: ChangeResourceRef;
  /** The key of the finding it closes (`findingKey`), when known. */
  findingKey?: string;
}

/** An ordered list of changes, executed as one journalled change run. */
export interface ChangePlan {
  kind: ChangeKind;
  /** One line for the journal and the confirmation prompt ("Fix 3 findings of s3-bucket-versioning-enabled"). */
  title: string;
  steps: readonly ChangeStep[];
  /** For an undo: the change run it reverses. */
  undoOf?: number;
  note?: string;
}

/** A plan the executor will not run, with every reason. */
export class PlanRefused extends InputError {
  constructor(readonly problems: readonly string[]) {
    super(`the plan is refused: ${problems.join('; ')}`);
    this.name = 'PlanRefused';
  }
}

/**
 * Why a plan must not run: a destructive step with no backup step before it (in the same account).
 * Empty when the plan is acceptable.
 */
export function planProblems(plan: ChangePlan): string[] {
  const problems: string[] = [];
  plan.steps.forEach((step, i) => {
    if (!step.destructive) return;
    const backedUp = plan.steps
      .slice(0, i)
      .some((earlier) => earlier.backup && earlier.call.account === step.call.account);
    if (!backedUp)
      problems.push(`step ${i + 1} (${step.description}) destroys data and no backup step comes before it`);
  });
  return problems;
}

export type StepEvent =
  | { type: 'capturing' | 'started' | 'applied'; ordinal: number; step: ChangeStep }
  | { type: 'failed'; ordinal: number; step: ChangeStep; error: string };

export interface ApplyOptions {
  /** Default true: nothing is sent and nothing journalled; the plan is returned as it would run. */
  dryRun?: boolean;
  /** Required unless dry run. */
  dispatcher?: Dispatcher;
  /** Required unless dry run. */
  journal?: ChangeJournal;
  /** Progress, for the command's output. */
  onEvent?: (event: StepEvent) => void;
}

export interface StepOutcome {
  ordinal: number;
  description: string;
  call: AwsCall;
  status: 'applied' | 'failed' | 'not-run';
  /** The undo computed from the capture; `null` when the step has nothing to undo. */
  undo?: UndoPlan | null;
  error?: string;
}

export type ApplyResult =
  | { dryRun: true; plan: ChangePlan }
  | {
      dryRun: false;
      runId: number;
      status: 'applied' | 'failed';
      /** Who made the change, per account. */
      callers: Record<string, string>;
      steps: StepOutcome[];
    };

/** Runs (or, by default, only shows) a plan. Throws {@link PlanRefused} before sending anything. */
export async function applyPlan(plan: ChangePlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const problems = planProblems(plan);
  if (problems.length > 0) throw new PlanRefused(problems);
  // Every call must name a real client and command; checked locally, so even a dry run catches a typo.
  for (const step of plan.steps) {
    await checkCall(step.call);
    if (step.capture) await checkCall(step.capture);
  }
  if (options.dryRun ?? true) return { dryRun: true, plan };

  const { dispatcher, journal } = options;
  if (!dispatcher || !journal) throw new Error('applyPlan: applying needs a dispatcher and a journal');
  const emit = options.onEvent ?? (() => undefined);

  // Who: one read-only sts:GetCallerIdentity per account, before anything changes.
  const callers: Record<string, string> = {};
  for (const account of new Set(plan.steps.map((s) => s.call.account))) {
    try {
      callers[account] = (await dispatcher.identity(account)).arn;
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      // Nothing was changed: a change nobody can be named for is not made.
      throw new InputError(`cannot tell who would make the change in ${account}: ${error.message}`);
    }
  }
  const firstAccount = plan.steps[0]?.call.account;
  const runId = await journal.startRun({
    kind: plan.kind,
    title: plan.title,
    ...(firstAccount ? { callerArn: callers[firstAccount]! } : {}),
    ...(plan.undoOf !== undefined ? { undoOf: plan.undoOf } : {}),
    ...(plan.note ? { note: plan.note } : {}),
    steps: plan.steps.map((step) => journalStep(step, callers[step.call.account])),
  });

  const outcomes: StepOutcome[] = plan.steps.map((step, ordinal) => ({
    ordinal,
    description: step.description,
    call: step.call,
    status: 'not-run',
  }));
  for (const [ordinal, step] of plan.steps.entries()) {
    const outcome = outcomes[ordinal]!;
    const fail = async (error: unknown): Promise<ApplyResult> => {
      const message = errorText(error);
      outcome.status = 'failed';
      outcome.error = message;
      await journal.markFailed(runId, ordinal, message);
      await journal.finishRun(runId, 'failed', `step ${ordinal + 1} failed: ${message}`);
      emit({ type: 'failed', ordinal, step, error: message });
      return { dryRun: false, runId, status: 'failed', callers, steps: outcomes };
    };

    let captured: unknown;
    if (step.capture) {
      emit({ type: 'capturing', ordinal, step });
      try {
        captured = await dispatcher.send(step.capture);
      } catch (error) {
        if (!(error instanceof AwsCallError)) throw error;
        // "Not configured" (no bucket policy, no public access block) is a state: the absent one.
        if (error.error.class === 'not-configured') captured = null;
        else return fail(`reading the previous state (${step.capture.action}) failed: ${error.message}`);
      }
    }
    let undo: UndoPlan | null;
    try {
      undo = step.undo ? step.undo(captured) : null;
    } catch (error) {
      // A capture the undo cannot read: the change would not be reversible, so it is not made.
      return fail(`the undo could not be computed from the previous state: ${errorText(error)}`);
    }
    outcome.undo = undo;
    await journal.recordCapture(runId, ordinal, captured, undo as JournalUndo | null);

    await journal.markStarted(runId, ordinal);
    emit({ type: 'started', ordinal, step });
    let output: Record<string, unknown>;
    try {
      output = await dispatcher.send(step.call);
    } catch (error) {
      if (!(error instanceof AwsCallError)) throw error;
      return fail(error);
    }
    await journal.markApplied(runId, ordinal, output);
    outcome.status = 'applied';
    emit({ type: 'applied', ordinal, step });
  }
  await journal.finishRun(runId, 'applied');
  return { dryRun: false, runId, status: 'applied', callers, steps: outcomes };
}

function journalStep(step: ChangeStep, callerArn: string | undefined): JournalStepInput {
  const out: JournalStepInput = { description: step.description, call: step.call };
  if (step.destructive) out.destructive = true;
  if (step.backup) out.backup = true;
  if (step.capture) out.capture = step.capture;
  if (step.rule) out.ruleId = step.rule;
  if (step.resource) {
    out.resourceType = step.resource.type;
    out.resourceId = step.resource.id;
  }
  if (step.findingKey) out.findingKey = step.findingKey;
  if (callerArn) out.callerArn = callerArn;
  return out;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
