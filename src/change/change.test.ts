import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFixTestbed, writeRequests, type FixTestbed } from '../../test/aws-endpoint/fix-testbed.js';
import {
  FAKE_CREDENTIALS,
  ORGANISATION,
  RECORDED_ACCOUNT_ID,
  recordedAccount,
  recordedOrganisation,
  roleArnIn,
  startAwsEndpoint,
  type LoggedRequest,
} from '../../test/aws-endpoint/index.js';
import { recordTable } from '../../test/aws-endpoint/writes/dynamodb.js';
import {
  applyFixes,
  applyPlan,
  changePlanOf,
  createDispatcher,
  fixAnswer,
  fixAnswerSchema,
  planFixes,
  PlanRefused,
  targetsOfRule,
  undoAnswer,
  undoAnswerSchema,
  undoPlanFor,
  type ChangePlan,
} from './index.js';

const REGION = 'us-east-1';
const BUCKET = 'example-public-site';
const INSTANCE = 'i-0a1b2c3d4e5f60072';
const TABLE = 'orders';

let t: FixTestbed;

beforeEach(async () => {
  const fixtures = recordedAccount();
  recordTable(fixtures, { region: REGION, account: RECORDED_ACCOUNT_ID, name: TABLE, pitr: false });
  t = await openFixTestbed(fixtures);
});

afterEach(() => t.close());

const writes = (log: readonly LoggedRequest[]) =>
  writeRequests(log).map((r) => ({ service: r.service, operation: r.operation, params: r.params }));

interface Case {
  rule: string;
  type: string;
  resource: string;
  write: { service: string; operation: string; params: Record<string, unknown> };
  capture: string;
  /** The setting as the endpoint's recorded state holds it now. */
  state: () => string | undefined;
  before: RegExp;
  after: RegExp;
}

const CASES: Case[] = [
  {
    rule: 's3-bucket-versioning-enabled',
    type: 'AWS::S3::Bucket',
    resource: BUCKET,
    write: {
      service: 's3',
      operation: 'PutBucketVersioning',
      params: { Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } },
    },
    capture: 'GetBucketVersioning',
    state: () => t.fixtures.get(`s3/${BUCKET}/versioning`),
    before: /<Status>Suspended<\/Status>/,
    after: /<Status>Enabled<\/Status>/,
  },
  {
    rule: 'ec2-instance-imdsv2-required',
    type: 'AWS::EC2::Instance',
    resource: INSTANCE,
    write: {
      service: 'ec2',
      operation: 'ModifyInstanceMetadataOptions',
      params: { InstanceId: INSTANCE, HttpTokens: 'required' },
    },
    capture: 'DescribeInstances',
    state: () => t.fixtures.get(`${REGION}/ec2/DescribeInstances`),
    before: /<httpTokens>optional<\/httpTokens>/,
    after: /<httpTokens>required<\/httpTokens>/,
  },
  {
    rule: 'dynamodb-table-pitr-enabled',
    type: 'AWS::DynamoDB::Table',
    resource: TABLE,
    write: {
      service: 'dynamodb',
      operation: 'UpdateContinuousBackups',
      params: { TableName: TABLE, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
    },
    capture: 'DescribeContinuousBackups',
    state: () => t.fixtures.get(`${REGION}/dynamodb/DescribeContinuousBackups/${TABLE}`),
    before: /"PointInTimeRecoveryStatus":"DISABLED"/,
    after: /"PointInTimeRecoveryStatus":"ENABLED"/,
  },
];

describe.each(CASES)('fix $rule against the local endpoint', (c) => {
  it('dry run makes no AWS call at all; apply makes exactly the planned call, journals it, resolves the finding; undo restores the state', async () => {
    const snapshot = await t.snapshotOf(c.type);
    const targets = targetsOfRule(snapshot, c.rule, c.resource);
    expect(targets.map((t) => t.resource.id)).toEqual([c.resource]);
    const planned = planFixes(targets, {});
    const plan = changePlanOf(planned);
    expect(plan.steps.map((s) => ({ operation: s.call.operation, input: s.call.input }))).toEqual([
      { operation: c.write.operation, input: c.write.params },
    ]);
    expect(fixAnswerSchema.parse(fixAnswer(planned))).toBeTruthy();

    // Dry run: nothing reaches the endpoint, not even the capture.
    t.endpoint.log.length = 0;
    const dry = await applyPlan(plan);
    expect(dry.dryRun).toBe(true);
    expect(t.endpoint.log).toEqual([]);
    expect(c.state()).toMatch(c.before);

    const outcome = await applyFixes(planned, t);
    expect(outcome.refused).toEqual([]);
    expect(writes(t.endpoint.log)).toEqual([c.write]);
    // The capture ran before the write.
    const ops = t.endpoint.log.map((r) => r.operation);
    expect(ops.lastIndexOf(c.capture)).toBeGreaterThanOrEqual(0);
    expect(ops.lastIndexOf(c.capture, ops.indexOf(c.write.operation))).toBeGreaterThanOrEqual(0);
    expect(c.state()).toMatch(c.after);
    expect(outcome.verified.map((v) => [v.target.resource.id, v.resolved, v.status])).toEqual([
      [c.resource, true, 'pass'],
    ]);
    const answer = fixAnswer(planned, outcome);
    expect(fixAnswerSchema.parse(answer).applied?.status).toBe('applied');

    const runId = outcome.result!.runId;
    const run = (await t.journal.getRun(runId))!;
    expect(run).toMatchObject({
      kind: 'fix',
      status: 'applied',
      callerArn: `arn:aws:iam::${RECORDED_ACCOUNT_ID}:user/collector`,
    });
    expect(run.steps).toHaveLength(1);
    expect(run.steps[0]).toMatchObject({
      status: 'applied',
      ruleId: c.rule,
      resourceId: c.resource,
      findingKey: targets[0]!.findingKey,
      call: { operation: c.write.operation, input: c.write.params, account: RECORDED_ACCOUNT_ID },
      capture: { operation: c.capture },
    });
    expect(run.steps[0]!.captured).toBeTruthy();
    expect(run.steps[0]!.undo).toHaveProperty('call');

    // Undo: dry first (no call), then applied; the endpoint state reads back as before the fix.
    const undo = await undoPlanFor(t.journal, runId);
    expect(undo.notes.map((n) => n.outcome)).toEqual(['reversed']);
    t.endpoint.log.length = 0;
    await applyPlan(undo.plan);
    expect(t.endpoint.log).toEqual([]);
    const undone = await applyPlan(undo.plan, {
      dryRun: false,
      dispatcher: t.dispatcher,
      journal: t.journal,
    });
    expect(undone.dryRun === false && undone.status).toBe('applied');
    expect(c.state()).toMatch(c.before);
    expect(undoAnswerSchema.parse(undoAnswer(undo, undone)).applied?.status).toBe('applied');
    const undoRun = await t.journal.getRun(undone.dryRun ? -1 : undone.runId);
    expect(undoRun).toMatchObject({ kind: 'undo', undoOf: runId, status: 'applied' });
    // The re-collected resource fails the rule again.
    const again = await t.snapshotOf(c.type);
    expect(targetsOfRule(again, c.rule, c.resource)).toHaveLength(1);
    // A run is undone once.
    await expect(undoPlanFor(t.journal, runId)).rejects.toThrow(/already undone/);
  });
});

describe('safety', () => {
  it('refuses a resource that changed since the snapshot, naming the property, and sends no write', async () => {
    const snapshot = await t.snapshotOf('AWS::EC2::Instance');
    const planned = planFixes(targetsOfRule(snapshot, 'ec2-instance-imdsv2-required', INSTANCE), {});
    const key = `${REGION}/ec2/DescribeInstances`;
    t.fixtures.set(
      key,
      t.fixtures
        .get(key)!
        .replace(/<instanceType>[^<]*<\/instanceType>/, '<instanceType>m7g.large</instanceType>'),
    );
    t.endpoint.log.length = 0;
    const outcome = await applyFixes(planned, t);
    expect(outcome.result).toBeUndefined();
    expect(outcome.refused).toHaveLength(1);
    expect(outcome.refused[0]!.drift.map((d) => d.path)).toEqual(['props.InstanceType']);
    expect(outcome.refused[0]!.reason).toMatch(
      /changed since the snapshot: props\.InstanceType: "[^"]+" → "m7g\.large"/,
    );
    expect(writes(t.endpoint.log)).toEqual([]);
    expect(await t.journal.listRuns()).toEqual([]);
  });

  it('a failing step stops the plan: the steps after it never run, and the journal says so', async () => {
    const snapshot = await t.snapshotOf('AWS::S3::Bucket', 'AWS::EC2::Instance', 'AWS::DynamoDB::Table');
    const planned = [
      ...planFixes(targetsOfRule(snapshot, 's3-bucket-versioning-enabled', BUCKET), {}),
      ...planFixes(targetsOfRule(snapshot, 'ec2-instance-imdsv2-required', INSTANCE), {}),
      ...planFixes(targetsOfRule(snapshot, 'dynamodb-table-pitr-enabled', TABLE), {}),
    ];
    t.endpoint.faults.deny = ['ec2:ModifyInstanceMetadataOptions'];
    t.endpoint.log.length = 0;
    const outcome = await applyFixes(planned, t);
    expect(outcome.refused.map((r) => r.reason)).toEqual([]);
    expect(outcome.result?.status).toBe('failed');
    expect(outcome.result?.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'not-run']);
    expect(writes(t.endpoint.log).map((w) => w.operation)).toEqual([
      'PutBucketVersioning',
      'ModifyInstanceMetadataOptions',
    ]);
    expect(t.endpoint.log.some((r) => r.operation === 'UpdateContinuousBackups')).toBe(false);
    // Only the steps that applied are verified.
    expect(outcome.verified.map((v) => v.target.resource.id)).toEqual([BUCKET]);

    const run = (await t.journal.getRun(outcome.result!.runId))!;
    expect(run.status).toBe('failed');
    expect(run.note).toMatch(/step 2 failed/);
    expect(run.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'not-run']);
    expect(run.steps[1]!.error).toMatch(/UnauthorizedOperation/);

    // Undo reverses what applied and says the rest made no change.
    const undo = await undoPlanFor(t.journal, run.id);
    expect(undo.notes.map((n) => n.outcome)).toEqual(['reversed', 'not-applied', 'not-applied']);
    expect(undo.plan.steps.map((s) => s.call.operation)).toEqual(['PutBucketVersioning']);
  });

  it('refuses a destructive step without an earlier backup, before any call', async () => {
    const call = (operation: string) => ({
      client: 'ec2',
      operation,
      input: { VolumeId: 'vol-0example' },
      action: `ec2:${operation}`,
      account: RECORDED_ACCOUNT_ID,
      region: REGION,
    });
    const unsafe: ChangePlan = {
      kind: 'cleanup',
      title: 'Delete a volume',
      steps: [{ description: 'Delete volume vol-0example', call: call('DeleteVolume'), destructive: true }],
    };
    t.endpoint.log.length = 0;
    await expect(
      applyPlan(unsafe, { dryRun: false, dispatcher: t.dispatcher, journal: t.journal }),
    ).rejects.toBeInstanceOf(PlanRefused);
    await expect(applyPlan(unsafe)).rejects.toThrow(/no backup step comes before it/);
    expect(t.endpoint.log).toEqual([]);
    const safe: ChangePlan = {
      ...unsafe,
      steps: [
        { description: 'Snapshot volume vol-0example', call: call('CreateSnapshot'), backup: true },
        ...unsafe.steps,
      ],
    };
    const result = await applyPlan(safe, { dryRun: false, dispatcher: t.dispatcher, journal: t.journal });
    expect(result.dryRun === false && result.status).toBe('applied');
    expect(writes(t.endpoint.log).map((w) => w.operation)).toEqual(['CreateSnapshot', 'DeleteVolume']);
    const undo = await undoPlanFor(t.journal, result.dryRun ? -1 : result.runId);
    expect(undo.notes.map((n) => n.outcome)).toEqual(['nothing-to-undo', 'nothing-to-undo']);
  });

  it('says plainly what cannot be reversed', async () => {
    const plan: ChangePlan = {
      kind: 'cleanup',
      title: 'Release an address',
      steps: [
        {
          description: 'Release Elastic IP eipalloc-0example',
          call: {
            client: 'ec2',
            operation: 'ReleaseAddress',
            input: { AllocationId: 'eipalloc-0example' },
            action: 'ec2:ReleaseAddress',
            account: RECORDED_ACCOUNT_ID,
            region: REGION,
          },
          undo: () => ({ irreversible: 'a released Elastic IP address cannot be claimed back' }),
        },
      ],
    };
    const result = await applyPlan(plan, { dryRun: false, dispatcher: t.dispatcher, journal: t.journal });
    const undo = await undoPlanFor(t.journal, result.dryRun ? -1 : result.runId);
    expect(undo.notes).toEqual([
      expect.objectContaining({
        outcome: 'irreversible',
        reason: 'a released Elastic IP address cannot be claimed back',
      }),
    ]);
    expect(undo.plan.steps).toEqual([]);
  });

  it('reads the state back through the real SDK after undo', async () => {
    const snapshot = await t.snapshotOf('AWS::S3::Bucket');
    const outcome = await applyFixes(
      planFixes(targetsOfRule(snapshot, 's3-bucket-versioning-enabled'), {}),
      t,
    );
    const s3 = new S3Client({
      region: REGION,
      endpoint: t.endpoint.url,
      forcePathStyle: true,
      credentials: FAKE_CREDENTIALS,
    });
    try {
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Enabled');
      const undo = await undoPlanFor(t.journal, outcome.result!.runId);
      await applyPlan(undo.plan, { dryRun: false, dispatcher: t.dispatcher, journal: t.journal });
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Suspended');
    } finally {
      s3.destroy();
    }
  });
});

describe('the dispatcher with --org-role', () => {
  it('assumes the role in a member account through --endpoint-url, as collect does', async () => {
    const at = await startAwsEndpoint({ fixtures: recordedOrganisation() });
    const dispatcher = createDispatcher({
      endpointUrl: at.url,
      credentials: FAKE_CREDENTIALS,
      homeRegion: REGION,
      orgRole: ORGANISATION.role,
    });
    try {
      await dispatcher.identity(ORGANISATION.workloads);
      const roles = at.log.filter((l) => l.operation === 'AssumeRole').map((l) => l.params.RoleArn);
      expect(roles.length).toBeGreaterThan(0);
      expect(new Set(roles)).toEqual(new Set([roleArnIn(ORGANISATION.workloads)]));
    } finally {
      dispatcher.destroy();
      await at.close();
    }
  });
});
