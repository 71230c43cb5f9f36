/**
 * `cloudrounds undo RUN_ID`: the undo calls journalled with a change run, applied in reverse order
 * as a change run of their own. What AWS does not let us reverse (a deleted volume, a rotated key
 * that was already used) is said plainly, step by step.
 */
import { InputError } from '../model/index.js';
import type { AwsCall } from '../rules/fix.js';
import type { ChangeJournal, JournalRun, JournalStep } from '../store/changes/index.js';
import type { ChangePlan, ChangeStep } from './executor.js';

/** What undo does with one step of the original run. */
export type UndoNote =
  | {
      ordinal: number;
      description: string;
      outcome: 'reversed';
      call: AwsCall;
      uncertain?: string;
      /** What the undo cannot restore exactly. */
      partial?: string;
    }
  | { ordinal: number; description: string; outcome: 'irreversible'; reason: string }
  | { ordinal: number; description: string; outcome: 'nothing-to-undo' | 'not-applied'; reason: string };

export interface UndoPlan {
  run: JournalRun;
  plan: ChangePlan;
  /** One note per step of the original run, in the original order. */
  notes: UndoNote[];
}

function noteOf(step: JournalStep): UndoNote {
  const base = { ordinal: step.ordinal, description: step.description };
  if (step.status === 'planned' || step.status === 'not-run' || step.status === 'failed') {
    return {
      ...base,
      outcome: 'not-applied',
      reason:
        step.status === 'failed'
          ? `the step failed (${step.error ?? 'no error recorded'}); AWS made no change`
          : 'the step never ran',
    };
  }
  // `started`: the call was sent and the process stopped before its answer was journalled.
  const uncertain =
    step.status === 'started'
      ? 'the run was interrupted after this call was sent; the change may or may not have happened, and the undo restores the captured state either way'
      : undefined;
  if (step.undo === undefined) {
    return { ...base, outcome: 'irreversible', reason: 'no previous state was captured before the call' };
  }
  if (step.undo === null) {
    return {
      ...base,
      outcome: 'nothing-to-undo',
      reason: 'the step declares nothing to undo (a backup or a tag)',
    };
  }
  if ('irreversible' in step.undo)
    return { ...base, outcome: 'irreversible', reason: step.undo.irreversible };
  const partial = step.undo.partial;
  return {
    ...base,
    outcome: 'reversed',
    call: step.undo.call,
    ...(uncertain ? { uncertain } : {}),
    ...(partial ? { partial } : {}),
  };
}

/** The undo of a journalled run: its reversible steps' undo calls, last step first. */
export function planUndo(run: JournalRun): UndoPlan {
  const notes = run.steps.map(noteOf);
  const steps: ChangeStep[] = [];
  for (const note of [...notes].reverse()) {
    if (note.outcome !== 'reversed') continue;
    const original = run.steps[note.ordinal]!;
    const step: ChangeStep = {
      description: `Undo step ${note.ordinal + 1} of change run ${run.id}: ${original.description}`,
      call: note.call,
    };
    if (original.ruleId) step.rule = original.ruleId;
    if (original.resourceType && original.resourceId) {
      step.resource = {
        type: original.resourceType,
        id: original.resourceId,
        account: note.call.account,
        region: original.call.region,
      };
    }
    if (original.findingKey) step.findingKey = original.findingKey;
    steps.push(step);
  }
  return {
    run,
    notes,
    plan: { kind: 'undo', title: `Undo change run ${run.id} (${run.title})`, steps, undoOf: run.id },
  };
}

/** Reads a run and plans its undo; refuses runs that do not exist, are undo runs, or were undone already. */
export async function undoPlanFor(journal: ChangeJournal, runId: number): Promise<UndoPlan> {
  const run = await journal.getRun(runId);
  if (!run) throw new InputError(`no change run ${runId} in the journal (${journal.path})`);
  if (run.kind === 'undo') {
    throw new InputError(
      `change run ${runId} is itself an undo (of run ${run.undoOf ?? '?'}); it recorded no previous state to go back to`,
    );
  }
  const undone = (await journal.listRuns(10_000)).find((r) => r.undoOf === runId && r.status === 'applied');
  if (undone) throw new InputError(`change run ${runId} was already undone by change run ${undone.id}`);
  return planUndo(run);
}
