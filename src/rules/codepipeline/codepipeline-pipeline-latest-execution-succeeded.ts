import { z } from 'zod';
import type { Resource } from '../../model/index.js';
import { defineRule, error, fail, label, notApplicable, pass } from '../rule.js';

const PIPELINE = 'AWS::CodePipeline::Pipeline';
const HOUR_MS = 3_600_000;

interface ActionState {
  ActionName?: unknown;
  LatestExecution?: {
    Status?: unknown;
    LastStatusChange?: unknown;
    ErrorDetails?: { Code?: unknown; Message?: unknown };
    Summary?: unknown;
  };
}
interface StageState {
  StageName?: unknown;
  LatestExecution?: { Status?: unknown };
  ActionStates?: ActionState[];
}

function day(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 10) : '';
}

/** `stage Deploy, action DeployToECS (JobFailed: message)` for each action in `status`. */
function where(stages: readonly StageState[], status: string): string[] {
  const out: string[] = [];
  for (const stage of stages) {
    const actions = Array.isArray(stage.ActionStates) ? stage.ActionStates : [];
    const hit = actions.filter((a) => a.LatestExecution?.Status === status);
    if (hit.length === 0 && stage.LatestExecution?.Status === status)
      out.push(`stage ${String(stage.StageName)}`);
    for (const a of hit) {
      const e = a.LatestExecution?.ErrorDetails;
      const detail =
        e && (e.Code || e.Message)
          ? ` (${[e.Code, e.Message].filter((x) => typeof x === 'string' && x !== '').join(': ')})`
          : '';
      out.push(`stage ${String(stage.StageName)}, action ${String(a.ActionName)}${detail}`);
    }
  }
  return out;
}

/** Manual approval actions the execution is waiting on. */
function awaitingApproval(pipeline: Resource, stages: readonly StageState[]): string[] {
  const declared = Array.isArray(pipeline.props.Stages)
    ? (pipeline.props.Stages as Array<Record<string, unknown>>)
    : [];
  const approvals = new Set<string>();
  for (const s of declared) {
    for (const a of Array.isArray(s.Actions) ? (s.Actions as Array<Record<string, unknown>>) : []) {
      const type = a.ActionTypeId as { Category?: unknown } | undefined;
      if (type?.Category === 'Approval' && typeof a.Name === 'string') approvals.add(a.Name);
    }
  }
  return stages.flatMap((s) =>
    (s.ActionStates ?? [])
      .filter(
        (a) =>
          a.LatestExecution?.Status === 'InProgress' &&
          typeof a.ActionName === 'string' &&
          approvals.has(a.ActionName),
      )
      .map((a) => String(a.ActionName)),
  );
}

/**
 * Compliant: the pipeline's latest execution (observed from GetPipelineState /
 * ListPipelineExecutions) succeeded, or is still in progress for less than the threshold
 * (3 hours by default). Failed, stopped and stuck executions fail with the stage, action and error.
 */
export default defineRule({
  id: 'codepipeline-pipeline-latest-execution-succeeded',
  title: 'CodePipeline pipeline’s latest execution succeeded',
  category: 'health',
  severity: 'medium',
  resourceTypes: [PIPELINE],
  rationale:
    'A pipeline whose latest run failed or hangs has not delivered the change it was started for: the fix is not in production, and the next commit queues behind it. A failed deploy action often leaves the service half-rolled-out. The morning round should see which stage and action broke and why, without opening the console.',
  remediation: {
    text: 'Read the failed action’s error, fix the cause (a missing image tag, a failing test, a permission), then retry the stage or release a new change; stop executions stuck waiting on resources or approvals.',
    cli: 'aws codepipeline get-pipeline-state --name <pipeline>\naws codepipeline retry-stage-execution --pipeline-name <pipeline> --stage-name <stage> --pipeline-execution-id <execution-id> --retry-mode FAILED_ACTIONS\naws codepipeline stop-pipeline-execution --pipeline-name <pipeline> --pipeline-execution-id <execution-id> --abandon',
  },
  controls: [],
  params: z.object({
    maxInProgressHours: z
      .number()
      .positive()
      .default(3)
      .describe('Hours after which an execution still in progress counts as stuck.'),
  }),
  references: [
    'https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-view-console.html',
    'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetPipelineState.html',
  ],
  evaluate(pipeline, ctx) {
    const who = `CodePipeline pipeline ${label(pipeline)}`;
    if (!pipeline.observed)
      return notApplicable(() => `${who} has no observed executions (known only in a live account).`);
    const latest = pipeline.observed.LatestExecution as
      { Status?: unknown; StartTime?: unknown; LastUpdateTime?: unknown } | undefined;
    if (!latest) return notApplicable(() => `${who} has never run.`);
    const stages = Array.isArray(pipeline.observed.StageStates)
      ? (pipeline.observed.StageStates as StageState[])
      : [];
    const status = latest.Status;
    const when = day(latest.LastUpdateTime ?? latest.StartTime);
    switch (status) {
      case 'Succeeded':
      case 'Superseded':
        return pass(
          () => `${who}: latest execution ${String(status).toLowerCase()}${when ? ` on ${when}` : ''}.`,
        );
      case 'Failed': {
        const failed = where(stages, 'Failed');
        const at = failed.length > 0 ? ` in ${failed.join('; ')}` : '';
        return fail(`${who}: latest execution failed${at}${when ? ` on ${when}` : ''}.`);
      }
      case 'Stopped':
      case 'Stopping':
      case 'Cancelled':
        return fail(
          `${who}: latest execution was ${String(status).toLowerCase()}${when ? ` on ${when}` : ''}, so its change was not delivered.`,
        );
      case 'InProgress': {
        const started = new Date(String(latest.StartTime ?? latest.LastUpdateTime)).getTime();
        if (!Number.isFinite(started))
          return error(`${who}: latest execution is in progress, but since when is not known.`);
        const hours = (ctx.now.getTime() - started) / HOUR_MS;
        const running = where(stages, 'InProgress');
        const at = running.length > 0 ? ` in ${running.join('; ')}` : '';
        if (hours <= ctx.params.maxInProgressHours)
          return pass(
            () => `${who}: latest execution is in progress${at} (${Math.round(hours * 60)} minutes).`,
          );
        const approval = awaitingApproval(pipeline, stages);
        const waiting = approval.length > 0 ? `, waiting for manual approval ${approval.join(', ')}` : '';
        return fail(
          `${who}: latest execution is stuck${at}${waiting}, in progress for ${Math.floor(hours)} hours.`,
        );
      }
      default:
        return error(`${who}: latest execution has an unknown status ${JSON.stringify(status)}.`);
    }
  },
});
