import {
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
} from '@aws-sdk/client-codepipeline';
import type { Collector, Json } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, str } from '../helpers.js';

/**
 * CodePipeline's API speaks lower camel case (`actionTypeId`, `runOrder`); CloudFormation and the
 * demo source use the same names capitalised. Configuration values are the action's own keys
 * (`ProjectName`, `BranchName`) and stay as they are.
 */
function pascal(value: unknown, keep: ReadonlySet<string> = new Set(['configuration'])): unknown {
  if (Array.isArray(value)) return value.map((v) => pascal(v, keep));
  if (!isJson(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    out[key.charAt(0).toUpperCase() + key.slice(1)] = keep.has(key) ? v : pascal(v, keep);
  }
  return out;
}

/**
 * `codepipeline list-pipelines` + `get-pipeline`, `get-pipeline-state` and the latest of
 * `list-pipeline-executions` → `AWS::CodePipeline::Pipeline` (id = name). The declaration goes to
 * props (`Stages`, `ArtifactStore(s)`, `RoleArn`); the run-time state to `observed.LatestExecution`
 * (`PipelineExecutionId`, `Status`, `StartTime`, `LastUpdateTime`, `Trigger`) and
 * `observed.StageStates` (GetPipelineState's `stageStates`, capitalised), which
 * `codepipeline-pipeline-latest-execution-succeeded` reads.
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GetPipelineState.html
 */
export const pipelines: Collector = {
  id: 'codepipeline/pipelines',
  service: 'codepipeline',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  list: [
    {
      command: ListPipelinesCommand,
      action: 'codepipeline:ListPipelines',
      items: ['pipelines'],
      paginate: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: ['maxResults', 1000] },
    },
  ],
  details: [
    {
      name: 'pipeline',
      command: GetPipelineCommand,
      action: 'codepipeline:GetPipeline',
      input: (p) => (typeof p.name === 'string' ? { name: p.name } : undefined),
    },
    {
      name: 'state',
      command: GetPipelineStateCommand,
      action: 'codepipeline:GetPipelineState',
      input: (p) => (typeof p.name === 'string' ? { name: p.name } : undefined),
    },
    {
      // Newest first: one summary is the latest execution (GetPipelineState only names its id).
      name: 'executions',
      command: ListPipelineExecutionsCommand,
      action: 'codepipeline:ListPipelineExecutions',
      input: (p) => (typeof p.name === 'string' ? { pipelineName: p.name, maxResults: 1 } : undefined),
    },
  ],
  mapping: {
    kind: 'resources',
    map: (data, ctx) =>
      (data.items.pipelines ?? []).flatMap((p) => {
        const name = str(p.name);
        const got = detailOf(p, 'pipeline');
        const declaration = isJson(got?.pipeline) ? got.pipeline : undefined;
        if (!name || !declaration) return [];
        const metadata = isJson(got?.metadata) ? got.metadata : {};
        const state = detailOf(p, 'state');
        const executions = detailOf(p, 'executions');
        const summaries = Array.isArray(executions?.pipelineExecutionSummaries)
          ? executions.pipelineExecutionSummaries.filter(isJson)
          : undefined;
        const latest = summaries?.[0];
        const props = pascal(declaration) as Json;
        delete props.Version;
        const observed: Json = {
          Version: declaration.version,
          Created: metadata.created,
          Updated: metadata.updated,
        };
        // Absent when not read (the runner recorded a gap); absent LatestExecution = never ran.
        if (summaries && latest) {
          const summary = pascal(latest) as Json;
          observed.LatestExecution = {
            PipelineExecutionId: summary.PipelineExecutionId,
            Status: summary.Status,
            StartTime: summary.StartTime,
            LastUpdateTime: summary.LastUpdateTime,
            ...(summary.Trigger ? { Trigger: summary.Trigger } : {}),
            ...(summary.StatusSummary ? { StatusSummary: summary.StatusSummary } : {}),
          };
        }
        if (state) observed.StageStates = pascal(state.stageStates ?? []);
        return [
          {
            type: 'AWS::CodePipeline::Pipeline',
            id: name,
            arn:
              str(metadata.pipelineArn) ??
              `arn:${ctx.partition}:codepipeline:${ctx.region}:${ctx.account}:${name}`,
            name,
            props,
            observed,
          },
        ];
      }),
  },
};
