import { describe, expect, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './codepipeline-pipeline-latest-execution-succeeded.js';

const PIPELINE = 'AWS::CodePipeline::Pipeline';
const action = (ActionName: string, Status: string, extra: Record<string, unknown> = {}) => ({
  ActionName,
  LatestExecution: { Status, LastStatusChange: '2026-06-01T05:00:00Z', ...extra },
});
const stage = (StageName: string, Status: string, actions: unknown[]) => ({
  StageName,
  LatestExecution: { Status },
  ActionStates: actions,
});
const run = (Status: string, StartTime: string, StageStates: unknown[] = []) => ({
  observed: {
    LatestExecution: { PipelineExecutionId: 'e-1', Status, StartTime, LastUpdateTime: StartTime },
    StageStates,
  },
});
const withApproval = {
  Stages: [
    { Name: 'Source', Actions: [{ Name: 'Checkout', ActionTypeId: { Category: 'Source' } }] },
    {
      Name: 'Approve',
      Actions: [
        { Name: 'ReleaseManager', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual' } },
      ],
    },
  ],
};

describe('codepipeline-pipeline-latest-execution-succeeded', () => {
  it('names the failed stage, action and error', () => {
    const findings = expectResources(rule, [
      resource(
        PIPELINE,
        'FailDeployFailed',
        {},
        run('Failed', '2026-06-01T02:00:00Z', [
          stage('Source', 'Succeeded', [action('Checkout', 'Succeeded')]),
          stage('Build', 'Succeeded', [action('BuildImage', 'Succeeded')]),
          stage('Deploy', 'Failed', [
            action('DeployToECS', 'Failed', {
              ErrorDetails: {
                Code: 'JobFailed',
                Message: 'CannotPullContainerError: orders-worker:1.43.0: not found',
              },
            }),
          ]),
        ]),
      ),
      resource(PIPELINE, 'PassSucceeded', {}, run('Succeeded', '2026-05-30T12:00:00Z')),
      resource(
        PIPELINE,
        'PassJustStarted',
        {},
        run('InProgress', '2026-06-01T11:30:00Z', [
          stage('Build', 'InProgress', [action('BuildImage', 'InProgress')]),
        ]),
      ),
      resource(
        PIPELINE,
        'FailStuckOnApproval',
        withApproval,
        run('InProgress', '2026-05-29T09:00:00Z', [
          stage('Approve', 'InProgress', [action('ReleaseManager', 'InProgress')]),
        ]),
      ),
      resource(PIPELINE, 'FailStopped', {}, run('Stopped', '2026-05-31T09:00:00Z')),
      resource(PIPELINE, 'NotApplicableTemplate', withApproval),
      resource(PIPELINE, 'NotApplicableNeverRan', {}, { observed: {} }),
      resource(PIPELINE, 'ErrorUnknownStatus', {}, run('Exploded', '2026-05-31T09:00:00Z')),
    ]);
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailDeployFailed')).toBe(
      'CodePipeline pipeline FailDeployFailed: latest execution failed in stage Deploy, action DeployToECS (JobFailed: CannotPullContainerError: orders-worker:1.43.0: not found) on 2026-06-01.',
    );
    expect(reason('FailStuckOnApproval')).toContain(
      'waiting for manual approval ReleaseManager, in progress for 75 hours',
    );
  });
});
