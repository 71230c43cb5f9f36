/**
 * The collectors whose output rules and health checks read from `observed` (CodePipeline, AWS
 * Backup, GuardDuty and Security Hub summaries, S3 storage metrics, RDS events), driven through the
 * real SDK against the local endpoint with recorded responses, and the real rule run on what they
 * collected: what the collector yields is what the rule reads.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../model/index.js';
import {
  FAKE_CREDENTIALS,
  FixtureStore,
  recordedAccount,
  startAwsEndpoint,
  type AwsEndpoint,
} from '../../../test/aws-endpoint/index.js';
import { runRules } from '../../engine/index.js';
import { createGraph } from '../../engine/graph.js';
import type { AnyRule } from '../../rules/rule.js';
import { allRules } from '../../rules/index.js';
import { healthChecks } from '../../health/checks/index.js';
import { priceWaste } from '../../cost/waste.js';
import { bundledPrices } from '../../cost/prices/index.js';
import { collectAws } from './collect.js';
import type { Collector } from './collector.js';
import { collectorsById } from './collectors/index.js';
import { actionsOf } from './collector.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const LIVE = fileURLToPath(new URL('../../../test/aws-endpoint/fixtures/live-health', import.meta.url));

let endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  endpoints = [];
});

/** The recorded account with this file's recordings on top. */
function fixtures(): FixtureStore {
  const store = recordedAccount();
  for (const [key, body] of FixtureStore.fromDirectory(LIVE).responses) store.set(key, body);
  return store;
}

async function collect(
  ids: string[],
  deny: string[] = [],
): Promise<{ snapshot: Snapshot; endpoint: AwsEndpoint }> {
  const endpoint = await startAwsEndpoint({ fixtures: fixtures(), pageSize: 1, faults: { deny } });
  endpoints.push(endpoint);
  const byId = collectorsById();
  const collectors = ids.map((id) => byId.get(id)).filter((c): c is Collector => c !== undefined);
  expect(collectors.map((c) => c.id)).toEqual(ids);
  const { snapshot } = await collectAws({
    endpointUrl: endpoint.url,
    credentials: FAKE_CREDENTIALS,
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    collectors,
    runner: { backoffBaseMs: 1, backoffMaxMs: 20, now: () => NOW },
  });
  return { snapshot, endpoint };
}

function rule(id: string): AnyRule {
  const found = [...allRules, ...healthChecks].find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Rule id → resource id → status. */
function statuses(snapshot: Snapshot, ids: string[]): Record<string, Record<string, string>> {
  const { findings } = runRules(snapshot, { rules: ids.map(rule), now: NOW });
  const out: Record<string, Record<string, string>> = {};
  for (const f of findings) (out[f.ruleId] ??= {})[f.resource.id] = f.status;
  return out;
}

const one = (snapshot: Snapshot, type: string, id: string): Resource => {
  const r = snapshot.resources.find((x) => x.type === type && x.id === id);
  if (!r) throw new Error(`${type} ${id} not collected`);
  return r;
};

describe('CodePipeline', () => {
  it('yields the demo-shaped latest execution and stage states the health rule reads', async () => {
    const { snapshot, endpoint } = await collect(['codepipeline/pipelines']);
    expect(snapshot.coverage).toEqual([]);
    const orders = one(snapshot, 'AWS::CodePipeline::Pipeline', 'orders-service-pipeline');
    expect(orders.arn).toBe('arn:aws:codepipeline:us-east-1:111122223333:orders-service-pipeline');
    expect(orders.props).toMatchObject({
      Name: 'orders-service-pipeline',
      PipelineType: 'V2',
      RoleArn: 'arn:aws:iam::111122223333:role/codepipeline-orders',
      ArtifactStore: { Type: 'S3', Location: 'example-pipeline-artifacts', EncryptionKey: { Type: 'KMS' } },
    });
    const stages = orders.props.Stages as Array<{ Name: string; Actions: Array<Record<string, unknown>> }>;
    expect(stages[1]!.Actions[0]).toMatchObject({
      Name: 'DeployToECS',
      ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' },
      Configuration: { ClusterName: 'prod-apps', ServiceName: 'orders-worker' },
      InputArtifacts: [{ Name: 'SourceOutput' }],
      RunOrder: 1,
    });
    expect(orders.observed?.LatestExecution).toEqual({
      PipelineExecutionId: '3f1c2b4a-0000-4000-8000-000000000118',
      Status: 'Failed',
      StartTime: '2026-11-21T14:10:00.000Z',
      LastUpdateTime: '2026-11-21T17:50:00.000Z',
      Trigger: {
        TriggerType: 'CodeStarSourceConnection',
        TriggerDetail: 'example/orders-worker@main 9c41e2f',
      },
    });
    expect((orders.observed?.StageStates as unknown[])[1]).toMatchObject({
      StageName: 'Deploy',
      LatestExecution: { Status: 'Failed' },
      ActionStates: [
        {
          ActionName: 'DeployToECS',
          LatestExecution: { Status: 'Failed', ErrorDetails: { Code: 'JobFailed' } },
        },
      ],
    });
    // The latest execution only: one summary asked for, per pipeline.
    const executions = endpoint.log.filter((l) => l.operation === 'ListPipelineExecutions');
    expect(executions.map((l) => l.params.maxResults)).toEqual([1, 1]);

    const result = statuses(snapshot, ['codepipeline-pipeline-latest-execution-succeeded']);
    expect(result['codepipeline-pipeline-latest-execution-succeeded']).toEqual({
      'orders-service-pipeline': 'fail',
      'website-pipeline': 'pass',
    });
    const { findings } = runRules(snapshot, {
      rules: [rule('codepipeline-pipeline-latest-execution-succeeded')],
      now: NOW,
    });
    expect(findings.find((f) => f.status === 'fail')?.reason).toContain(
      'stage Deploy, action DeployToECS (JobFailed: Deployment of ECS service orders-worker failed',
    );
  });
});

describe('AWS Backup', () => {
  it('yields plans, selections and vaults the backup rules read, and last backups on resources', async () => {
    const { snapshot } = await collect([
      'rds/db-instances',
      'backup/plans',
      'backup/vaults',
      'backup/protected-resources',
    ]);
    expect(snapshot.coverage).toEqual([]);
    const plan = one(snapshot, 'AWS::Backup::BackupPlan', '8f3e1a2b-0000-4000-8000-000000000001');
    expect(plan.props.BackupPlan).toMatchObject({
      BackupPlanName: 'daily-35d',
      BackupPlanRule: [
        { RuleName: 'daily', TargetBackupVault: 'prod-vault', Lifecycle: { DeleteAfterDays: 35 } },
      ],
    });
    const selection = one(snapshot, 'AWS::Backup::BackupSelection', 'c4d5e6f7-0000-4000-8000-000000000001');
    expect(selection.props.BackupPlanId).toBe(plan.id);
    const vault = one(snapshot, 'AWS::Backup::BackupVault', 'prod-vault');
    expect(vault.props.LockConfiguration).toEqual({ MinRetentionDays: 7, MaxRetentionDays: 365 });
    expect(vault.props.AccessPolicy).toMatchObject({ Statement: [{ Sid: 'DenyDelete', Effect: 'Deny' }] });
    expect(one(snapshot, 'AWS::Backup::BackupVault', 'Default').props.AccessPolicy).toBeUndefined();
    expect(one(snapshot, 'AWS::RDS::DBInstance', 'orders-db').observed?.Backup).toEqual({
      LastBackupTime: '2026-11-22T00:10:00.000Z',
      LastBackupVaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:prod-vault',
      LastRecoveryPointArn:
        'arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-0a1b2c3d-0000-4000-8000-000000000001',
    });

    const result = statuses(snapshot, [
      'backup-vault-lock-enabled',
      'backup-plan-selection-assigned',
      'backup-plan-retention-sufficient',
      'backup-plan-cross-region-copy-enabled',
      'backup-resource-protected-by-plan',
    ]);
    expect(result['backup-vault-lock-enabled']).toEqual({ 'prod-vault': 'pass', Default: 'fail' });
    expect(result['backup-plan-selection-assigned']).toEqual({
      '8f3e1a2b-0000-4000-8000-000000000001': 'pass',
      '8f3e1a2b-0000-4000-8000-000000000002': 'fail',
    });
    expect(result['backup-plan-retention-sufficient']?.['8f3e1a2b-0000-4000-8000-000000000001']).toBe('pass');
    expect(result['backup-plan-retention-sufficient']?.['8f3e1a2b-0000-4000-8000-000000000002']).toBe('fail');
    expect(result['backup-plan-cross-region-copy-enabled']?.['8f3e1a2b-0000-4000-8000-000000000001']).toBe(
      'pass',
    );
    // orders-db carries the selection's tag backup=daily; reports-db has no tag.
    expect(result['backup-resource-protected-by-plan']).toMatchObject({
      'orders-db': 'pass',
      'reports-db': 'fail',
    });
  });
});

describe('GuardDuty and Security Hub finding summaries', () => {
  it('yields counts by severity on the detector and the hub, not the findings', async () => {
    const { snapshot, endpoint } = await collect(['guardduty/detectors', 'securityhub/hub']);
    expect(snapshot.coverage).toEqual([]);
    const detector = one(snapshot, 'AWS::GuardDuty::Detector', '12abc34d567e8fa901bc2d34e56789f0');
    expect(detector.observed?.FindingCounts).toEqual({
      Critical: 1,
      High: 2,
      Medium: 3,
      Low: 5,
      Total: 11,
      BySeverity: { '2.0': 5, '5.0': 3, '8.0': 2, '9.0': 1 },
    });
    const stats = endpoint.log.find((l) => l.operation === 'GetFindingsStatistics');
    expect(stats?.params).toMatchObject({
      findingStatisticTypes: ['COUNT_BY_SEVERITY'],
      findingCriteria: { criterion: { 'service.archived': { eq: ['false'] } } },
    });
    const hub = one(
      snapshot,
      'AWS::SecurityHub::Hub',
      'arn:aws:securityhub:us-east-1:111122223333:hub/default',
    );
    expect(hub.observed?.FindingCounts).toEqual({
      CRITICAL: 1,
      HIGH: 2,
      MEDIUM: 3,
      LOW: 1,
      INFORMATIONAL: 1,
      Total: 8,
    });
    const pages = endpoint.log.filter((l) => l.operation === 'GetFindings');
    expect(pages.length).toBe(8); // page size 1: every page followed
    expect(pages[0]?.params.Filters).toEqual({
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      WorkflowStatus: [
        { Value: 'NEW', Comparison: 'EQUALS' },
        { Value: 'NOTIFIED', Comparison: 'EQUALS' },
      ],
    });
    expect(JSON.stringify(snapshot.resources)).not.toContain('security-control/S3.1/finding');

    const result = statuses(snapshot, [
      'guardduty-detector-enabled',
      'guardduty-detector-findings-addressed',
      'securityhub-account-enabled-all-regions',
    ]);
    expect(result['guardduty-detector-enabled']).toEqual({ '12abc34d567e8fa901bc2d34e56789f0': 'pass' });
    // The findings rule reads the counts: 1 Critical, 2 High and 3 Medium findings are open.
    expect(result['guardduty-detector-findings-addressed']).toEqual({
      '12abc34d567e8fa901bc2d34e56789f0': 'fail',
    });
  });
});

describe('S3 storage metrics', () => {
  it('asks the bucket region for BucketSizeBytes and NumberOfObjects, and the cost engine prices them', async () => {
    const { snapshot, endpoint } = await collect(['s3/buckets', 'cloudwatch/bucket-metrics']);
    const assets = one(snapshot, 'AWS::S3::Bucket', 'example-prod-assets');
    const size = (assets.observed?.Metrics as Record<string, Record<string, unknown>>).BucketSizeBytes;
    expect(size).toMatchObject({
      Namespace: 'AWS/S3',
      Statistic: 'Average',
      Unit: 'Bytes',
      PeriodSeconds: 86400,
      Dimensions: { StorageType: 'StandardStorage' },
    });
    expect((size!.Values as number[]).at(-1)).toBe(65_000_000_000);
    expect((assets.observed?.Metrics as Record<string, unknown>).NumberOfObjects).toMatchObject({
      Dimensions: { StorageType: 'AllStorageTypes' },
    });
    // example-public-site lives in eu-west-1: not asked in us-east-1.
    expect(one(snapshot, 'AWS::S3::Bucket', 'example-public-site').observed?.Metrics).toBeUndefined();
    const call = endpoint.log.find((l) => l.operation === 'GetMetricData');
    expect(JSON.stringify(call?.params)).toContain('"BucketName","Value":"example-prod-assets"');

    // The cost engine's reader of BucketSizeBytes (the lifecycle saving), on the collected bucket:
    // the recorded bucket has a lifecycle, so the finding is given rather than produced.
    const waste = priceWaste({
      findings: [
        {
          ruleId: 's3-bucket-lifecycle-configured',
          status: 'fail',
          suppressed: false,
          reason: 'no lifecycle',
          resource: { id: assets.id, type: assets.type, account: assets.account, region: assets.region },
        },
      ],
      graph: createGraph(snapshot.resources),
      prices: bundledPrices(),
    });
    expect(waste.items[0]?.basis).toMatch(/^60\.54 GB × /);
  });
});

describe('RDS events', () => {
  it('yields a week of events per DB instance, and the failure-events check reads them', async () => {
    const { snapshot, endpoint } = await collect(['rds/db-instances', 'rds/events']);
    expect(snapshot.coverage).toEqual([]);
    const orders = one(snapshot, 'AWS::RDS::DBInstance', 'orders-db');
    expect(orders.observed?.Events).toHaveLength(3);
    expect((orders.observed?.Events as unknown[])[1]).toEqual({
      Date: '2026-11-21T18:02:11.000Z',
      SourceIdentifier: 'orders-db',
      EventCategories: ['failover'],
      Message: 'Multi-AZ instance failover started.',
    });
    expect(one(snapshot, 'AWS::RDS::DBInstance', 'reports-db').observed?.Events).toHaveLength(1);
    const calls = endpoint.log.filter((l) => l.operation === 'DescribeEvents');
    expect(calls[0]?.params).toMatchObject({ SourceType: 'db-instance', Duration: '10080' });
    // RDS lists `<Event>` elements, which the endpoint serves whole (it pages `<member>` lists).
    expect(calls.length).toBe(1);

    const result = statuses(snapshot, ['rds-instance-no-failure-events']);
    expect(result['rds-instance-no-failure-events']).toEqual({ 'orders-db': 'fail', 'reports-db': 'pass' });
  });
});

describe('a failed extra step', () => {
  it('leaves the property it adds unknown, not the resources unlisted', async () => {
    const { snapshot } = await collect(
      ['rds/db-instances', 'rds/events', 's3/buckets', 'cloudwatch/bucket-metrics'],
      ['rds:DescribeEvents', 'monitoring:GetMetricData'],
    );
    const gaps = snapshot.coverage.map((g) => ({ type: g.resourceType, path: g.path, kind: g.kind }));
    expect(gaps).toEqual(
      expect.arrayContaining([
        { type: 'AWS::RDS::DBInstance', path: 'observed.Events', kind: 'access-denied' },
        { type: 'AWS::S3::Bucket', path: 'observed.Metrics', kind: 'access-denied' },
      ]),
    );
    expect(one(snapshot, 'AWS::RDS::DBInstance', 'orders-db').observed?.Events).toBeUndefined();
    // The instances and buckets were listed: rules that conclude from their listing still judge.
    const graph = createGraph(snapshot.resources, snapshot.coverage);
    expect(graph.unread('AWS::RDS::DBInstance', orders(snapshot).account, 'us-east-1')).toBeUndefined();
    expect(graph.unread('AWS::S3::Bucket', orders(snapshot).account)).toBeUndefined();
    // The failure-events check has no events to read: an error, neither a pass nor "not applicable".
    const result = statuses(snapshot, ['rds-instance-no-failure-events']);
    expect(new Set(Object.values(result['rds-instance-no-failure-events'] ?? {}))).toEqual(
      new Set(['error']),
    );
  });
});

const orders = (snapshot: Snapshot) => one(snapshot, 'AWS::RDS::DBInstance', 'orders-db');

it('declares only read-only actions for the new collectors', () => {
  const byId = collectorsById();
  const actions = [
    'codepipeline/pipelines',
    'backup/plans',
    'backup/vaults',
    'backup/protected-resources',
    'rds/events',
  ].flatMap((id) => actionsOf(byId.get(id)!));
  for (const a of actions) expect(a).toMatch(/^[a-z0-9-]+:(List|Get|Describe)/);
  expect(actions).toContain('backup:GetBackupVaultAccessPolicy');
});
