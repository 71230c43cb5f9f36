/**
 * The change layer: executes planned changes to AWS accounts (fix, cleanup, rotate, undo), with a
 * dry run by default, a backup before any destructive step, a drift check before and a re-read
 * after, and a journal in the store written before and after every call. See docs/fix.md.
 */
export {
  createDispatcher,
  checkCall,
  AwsCallError,
  type AwsConnection,
  type CallerIdentity,
  type Dispatcher,
} from './dispatch.js';
export {
  applyPlan,
  planProblems,
  PlanRefused,
  type ApplyOptions,
  type ApplyResult,
  type ChangePlan,
  type ChangeResourceRef,
  type ChangeStep,
  type StepEvent,
  type StepOutcome,
} from './executor.js';
export {
  recollect,
  driftOf,
  describeDrift,
  evaluateAgain,
  type Drift,
  type Recollected,
  type ResourceKey,
} from './verify.js';
export {
  applyFixes,
  changePlanOf,
  fixOf,
  fixParams,
  planFixes,
  ruleById,
  targetsOfRule,
  type ApplyFixesOptions,
  type FixApplyResult,
  type FixTarget,
  type PlannedFix,
  type Refusal,
  type Verification,
} from './fix.js';
export { planUndo, undoPlanFor, type UndoNote, type UndoPlan } from './undo.js';
export {
  registerWriteActions,
  changeWriteActions,
  allChangeWriteActions,
  writePolicy,
  COMMAND_WRITE_ACTIONS,
  EXECUTOR_ACTIONS,
  type WritePolicy,
} from './actions.js';
export { fixAnswer, undoAnswer, renderFixText, renderUndoText, callLine } from './render.js';
export {
  fixAnswerSchema,
  undoAnswerSchema,
  CHANGE_SCHEMA_VERSION,
  type FixAnswer,
  type UndoAnswer,
} from './schema.js';
