import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CloudTrailClient,
  GetTrailCommand,
  GetTrailStatusCommand,
  StartLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DeletePublicAccessBlockCommand,
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectCapturesBeforeWrites,
  openFixTestbed,
  writeRequests,
  type FixTestbed,
} from '../fix-testbed.js';
import {
  applyFixes,
  applyPlan,
  changePlanOf,
  planFixes,
  targetsOfRule,
  undoPlanFor,
} from '../../../src/change/index.js';
import { FAKE_CREDENTIALS, RECORDED_ACCOUNT_ID, recordedAccount, type LoggedRequest } from '../index.js';
import { recordTable } from './dynamodb.js';

/**
 * The fixes of bucket policies (TLS only), account-level Block Public Access, CloudTrail trail
 * settings and DynamoDB auto scaling, run end to end through the change executor against the local
 * endpoint: a dry run sends nothing, the apply sends exactly the planned writes (each after its
 * capture), the re-collected resource passes, and the undo restores the recorded state.
 */

const REGION = 'us-east-1';
const ACCOUNT = RECORDED_ACCOUNT_ID;
const SITE = 'example-public-site';
const ASSETS = 'example-prod-assets';
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/management-events`;
const REGIONAL = 'regional-audit';
const REGIONAL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${REGIONAL}`;
const TABLE = 'orders';
const TRAILS_KEY = `${REGION}/cloudtrail/DescribeTrails`;

let t: FixTestbed;

beforeEach(async () => {
  t = await openFixTestbed(recordedAccount());
});

afterEach(() => t.close());

interface Call {
  service: string;
  operation: string;
  params: Record<string, unknown>;
}

const writes = (log: readonly LoggedRequest[]): Call[] =>
  writeRequests(log).map((r) => ({ service: r.service, operation: r.operation, params: r.params }));

// ---- Recorded state, as the tests compare it -------------------------------------------------

const json = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

/** A bucket's policy text and `IsPublic`, as GetBucketPolicy and GetBucketPolicyStatus read them. */
function bucketPolicy(bucket: string) {
  const status = t.fixtures.get(`s3/${bucket}/policyStatus`);
  return {
    policy: t.fixtures.get(`s3/${bucket}/policy`),
    isPublic: status === undefined ? undefined : /<IsPublic>true<\/IsPublic>/.test(status),
  };
}

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

/** The account's Block Public Access flags as recorded, or undefined when not configured. */
function accountBlock(): Record<string, string> | undefined {
  const xml =
    t.fixtures.get(`${REGION}/s3control/GetPublicAccessBlock/${ACCOUNT}`) ??
    t.fixtures.get(`s3control/GetPublicAccessBlock/${ACCOUNT}`);
  if (xml === undefined) return undefined;
  return Object.fromEntries(FLAGS.map((f) => [f, new RegExp(`<${f}>(\\w+)</${f}>`).exec(xml)?.[1] ?? '']));
}

/** A trail's recorded settings and logging status. */
function trailState(arn: string) {
  const trails = (json(t.fixtures.get(TRAILS_KEY)) as { trailList: Array<Record<string, unknown>> })
    .trailList;
  const status =
    t.fixtures.get(`${REGION}/cloudtrail/GetTrailStatus/${arn}`) ??
    t.fixtures.get(`${REGION}/cloudtrail/GetTrailStatus`);
  return {
    trail: trails.find((t) => t.TrailARN === arn),
    isLogging: (json(status) as { IsLogging?: unknown }).IsLogging,
  };
}

/** The table's scalable targets and scaling policies as recorded. */
function scaling() {
  const items = (op: string, member: string) =>
    ((
      json(t.fixtures.get(`${REGION}/application-autoscaling/${op}`)) as Record<string, unknown[]> | undefined
    )?.[member] ?? []) as Array<Record<string, unknown>>;
  return {
    targets: items('DescribeScalableTargets', 'ScalableTargets').map((t) => [
      t.ResourceId,
      t.ScalableDimension,
      t.MinCapacity,
      t.MaxCapacity,
    ]),
    policies: items('DescribeScalingPolicies', 'ScalingPolicies').map((p) => [
      p.PolicyName,
      p.PolicyType,
      (p.TargetTrackingScalingPolicyConfiguration as { TargetValue?: unknown } | undefined)?.TargetValue,
    ]),
  };
}

// ---- Resources the recorded account lacks, added per test --------------------------------------

/** A trail of this region only, without global service events, and stopped. */
function addRegionalTrail(): void {
  const recorded = json(t.fixtures.get(TRAILS_KEY)) as { trailList: unknown[] };
  t.fixtures.set(
    TRAILS_KEY,
    JSON.stringify({
      trailList: [
        ...recorded.trailList,
        {
          Name: REGIONAL,
          S3BucketName: 'example-logs',
          IncludeGlobalServiceEvents: false,
          IsMultiRegionTrail: false,
          HomeRegion: REGION,
          TrailARN: REGIONAL_ARN,
          LogFileValidationEnabled: true,
          HasCustomEventSelectors: false,
          HasInsightSelectors: false,
          IsOrganizationTrail: false,
        },
      ],
    }),
  );
  t.fixtures.set(
    `${REGION}/cloudtrail/GetTrailStatus/${REGIONAL_ARN}`,
    JSON.stringify({ IsLogging: false, StopLoggingTime: 1.76e9 }),
  );
}

/** A table with fixed provisioned capacity (5 read, 5 write units) and no auto scaling. */
function addProvisionedTable(): void {
  recordTable(t.fixtures, { region: REGION, account: ACCOUNT, name: TABLE, pitr: true });
  const key = `${REGION}/dynamodb/DescribeTable/${TABLE}`;
  const described = json(t.fixtures.get(key)) as { Table: Record<string, unknown> };
  described.Table.BillingModeSummary = { BillingMode: 'PROVISIONED' };
  described.Table.ProvisionedThroughput = {
    ReadCapacityUnits: 5,
    WriteCapacityUnits: 5,
    NumberOfDecreasesToday: 0,
  };
  t.fixtures.set(key, JSON.stringify(described));
}

// ---- Expected calls ----------------------------------------------------------------------------

const DENY_HTTP = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

const ALL_ON = {
  BlockPublicAcls: 'true',
  IgnorePublicAcls: 'true',
  BlockPublicPolicy: 'true',
  RestrictPublicBuckets: 'true',
};

const scalingCalls = (dimension: 'Read' | 'Write') => {
  const key = {
    ServiceNamespace: 'dynamodb',
    ResourceId: `table/${TABLE}`,
    ScalableDimension: `dynamodb:table:${dimension}CapacityUnits`,
  };
  const PolicyName = `DynamoDB${dimension}CapacityUtilization:table/${TABLE}`;
  const service = 'application-autoscaling';
  return {
    register: {
      service,
      operation: 'RegisterScalableTarget',
      params: { ...key, MinCapacity: 5, MaxCapacity: 20 },
    },
    policy: {
      service,
      operation: 'PutScalingPolicy',
      params: {
        PolicyName,
        ...key,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 70,
          PredefinedMetricSpecification: { PredefinedMetricType: `DynamoDB${dimension}CapacityUtilization` },
        },
      },
    },
    deregister: { service, operation: 'DeregisterScalableTarget', params: key },
    deletePolicy: { service, operation: 'DeleteScalingPolicy', params: { PolicyName, ...key } },
  };
};

interface Case {
  name: string;
  rule: string;
  types: string[];
  resource: string;
  /** Adds what the recorded account lacks. */
  setup?: () => void;
  /** The writes as the endpoint decoded them (S3 XML bodies arrive as text values). */
  writes: Call[];
  /** The read each write's step captures first. */
  captures: string[];
  /** The undo's writes. */
  undo: Call[];
  state: () => unknown;
  /** What the recorded state holds after the fix (partial). */
  after: unknown;
}

const read = scalingCalls('Read');
const write = scalingCalls('Write');
/** The recorded policy of the public site, as committed. */
const SITE_POLICY = recordedAccount().get(`s3/${SITE}/policy`)!;

const CASES: Case[] = [
  {
    name: 'a bucket policy gains a TLS-only statement, keeping its own; undo puts the old policy back',
    rule: 's3-bucket-secure-transport-required',
    types: ['AWS::S3::Bucket'],
    resource: SITE,
    writes: [
      {
        service: 's3',
        operation: 'PutBucketPolicy',
        params: {
          Bucket: SITE,
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [(JSON.parse(SITE_POLICY) as { Statement: unknown[] }).Statement[0], DENY_HTTP(SITE)],
          }),
        },
      },
    ],
    captures: ['GetBucketPolicy'],
    undo: [{ service: 's3', operation: 'PutBucketPolicy', params: { Bucket: SITE, Policy: SITE_POLICY } }],
    state: () => bucketPolicy(SITE),
    // The public read stays: the fix adds the deny and changes nothing else.
    after: { policy: expect.stringContaining('"aws:SecureTransport":"false"'), isPublic: true },
  },
  {
    name: 'a bucket without a policy gets a TLS-only one; undo deletes it',
    rule: 's3-bucket-secure-transport-required',
    types: ['AWS::S3::Bucket'],
    resource: ASSETS,
    writes: [
      {
        service: 's3',
        operation: 'PutBucketPolicy',
        params: {
          Bucket: ASSETS,
          Policy: JSON.stringify({ Version: '2012-10-17', Statement: [DENY_HTTP(ASSETS)] }),
        },
      },
    ],
    captures: ['GetBucketPolicy'],
    undo: [{ service: 's3', operation: 'DeleteBucketPolicy', params: { Bucket: ASSETS } }],
    state: () => bucketPolicy(ASSETS),
    after: { policy: expect.stringContaining('DenyInsecureTransport'), isPublic: false },
  },
  {
    name: 'account Block Public Access turns all four on; undo puts the two that were off back',
    rule: 's3-account-public-access-block-enabled',
    types: ['AWS::S3::AccountPublicAccessBlock'],
    resource: ACCOUNT,
    writes: [
      {
        service: 's3control',
        operation: 'PutPublicAccessBlock',
        params: { AccountId: ACCOUNT, PublicAccessBlockConfiguration: ALL_ON },
      },
    ],
    captures: ['GetPublicAccessBlock'],
    undo: [
      {
        service: 's3control',
        operation: 'PutPublicAccessBlock',
        params: {
          AccountId: ACCOUNT,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: 'true',
            IgnorePublicAcls: 'true',
            BlockPublicPolicy: 'false',
            RestrictPublicBuckets: 'false',
          },
        },
      },
    ],
    state: accountBlock,
    after: ALL_ON,
  },
  {
    name: 'an account that never set Block Public Access gets it; undo deletes the configuration',
    rule: 's3-account-public-access-block-enabled',
    types: ['AWS::S3::AccountPublicAccessBlock'],
    resource: ACCOUNT,
    setup: () => t.fixtures.responses.delete(`s3control/GetPublicAccessBlock/${ACCOUNT}`),
    writes: [
      {
        service: 's3control',
        operation: 'PutPublicAccessBlock',
        params: { AccountId: ACCOUNT, PublicAccessBlockConfiguration: ALL_ON },
      },
    ],
    captures: ['GetPublicAccessBlock'],
    undo: [{ service: 's3control', operation: 'DeletePublicAccessBlock', params: { AccountId: ACCOUNT } }],
    state: accountBlock,
    after: ALL_ON,
  },
  {
    name: 'log file validation is turned on; undo turns it off',
    rule: 'cloudtrail-trail-log-file-validation-enabled',
    types: ['AWS::CloudTrail::Trail'],
    resource: 'management-events',
    writes: [
      {
        service: 'cloudtrail',
        operation: 'UpdateTrail',
        params: { Name: TRAIL_ARN, EnableLogFileValidation: true },
      },
    ],
    captures: ['GetTrail'],
    undo: [
      {
        service: 'cloudtrail',
        operation: 'UpdateTrail',
        params: { Name: TRAIL_ARN, EnableLogFileValidation: false },
      },
    ],
    state: () => trailState(TRAIL_ARN),
    after: { trail: { LogFileValidationEnabled: true, IsMultiRegionTrail: true }, isLogging: true },
  },
  {
    name: 'a stopped single-region trail records every region (with global events) and logs; undo stops it and makes it regional again',
    rule: 'cloudtrail-trail-multi-region-enabled',
    types: ['AWS::CloudTrail::Trail'],
    resource: REGIONAL,
    setup: addRegionalTrail,
    writes: [
      {
        service: 'cloudtrail',
        operation: 'UpdateTrail',
        params: { Name: REGIONAL_ARN, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true },
      },
      { service: 'cloudtrail', operation: 'StartLogging', params: { Name: REGIONAL_ARN } },
    ],
    captures: ['GetTrail', 'GetTrailStatus'],
    undo: [
      { service: 'cloudtrail', operation: 'StopLogging', params: { Name: REGIONAL_ARN } },
      {
        service: 'cloudtrail',
        operation: 'UpdateTrail',
        params: { Name: REGIONAL_ARN, IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false },
      },
    ],
    state: () => trailState(REGIONAL_ARN),
    after: {
      trail: { IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, LogFileValidationEnabled: true },
      isLogging: true,
    },
  },
  {
    name: 'fixed provisioned capacity comes under target tracking; undo deregisters what was added',
    rule: 'dynamodb-table-autoscaling-enabled',
    types: [
      'AWS::DynamoDB::Table',
      'AWS::ApplicationAutoScaling::ScalableTarget',
      'AWS::ApplicationAutoScaling::ScalingPolicy',
    ],
    resource: TABLE,
    setup: addProvisionedTable,
    writes: [read.register, read.policy, write.register, write.policy],
    captures: [
      'DescribeScalableTargets',
      'DescribeScalingPolicies',
      'DescribeScalableTargets',
      'DescribeScalingPolicies',
    ],
    // Last step first; each capture found nothing there, so each undo removes what its step added.
    undo: [write.deletePolicy, write.deregister, read.deletePolicy, read.deregister],
    state: scaling,
    after: {
      targets: [
        [`table/${TABLE}`, 'dynamodb:table:ReadCapacityUnits', 5, 20],
        [`table/${TABLE}`, 'dynamodb:table:WriteCapacityUnits', 5, 20],
      ],
      policies: [
        [`DynamoDBReadCapacityUtilization:table/${TABLE}`, 'TargetTrackingScaling', 70],
        [`DynamoDBWriteCapacityUtilization:table/${TABLE}`, 'TargetTrackingScaling', 70],
      ],
    },
  },
];

describe.each(CASES)('fix $rule against the local endpoint', (c) => {
  it(c.name, async () => {
    c.setup?.();
    const recorded = c.state();
    const snapshot = await t.snapshotOf(...c.types);
    const targets = targetsOfRule(snapshot, c.rule, c.resource);
    expect(targets.map((t) => t.resource.id)).toEqual([c.resource]);
    const planned = planFixes(targets, {});
    expect(planned.map((p) => p.cannot)).toEqual([undefined]);
    const plan = changePlanOf(planned);
    expect(plan.steps.map((s) => s.call.operation)).toEqual(c.writes.map((w) => w.operation));
    expect(plan.steps.map((s) => s.capture?.operation)).toEqual(c.captures);

    // Dry run: nothing reaches the endpoint, not even the captures.
    t.endpoint.log.length = 0;
    const dry = await applyPlan(plan);
    expect(dry.dryRun).toBe(true);
    expect(t.endpoint.log).toEqual([]);
    expect(c.state()).toEqual(recorded);

    const outcome = await applyFixes(planned, t);
    expect(outcome.refused).toEqual([]);
    expect(outcome.result?.status).toBe('applied');
    expect(writes(t.endpoint.log)).toEqual(c.writes);
    expectCapturesBeforeWrites(t.endpoint.log, c.writes, c.captures);
    expect(c.state()).toMatchObject(c.after as object);
    expect(outcome.verified.map((v) => [v.target.resource.id, v.resolved, v.status])).toEqual([
      [c.resource, true, 'pass'],
    ]);
    // A fresh collection agrees: the finding is gone.
    const fixed = await t.snapshotOf(...c.types);
    expect(() => targetsOfRule(fixed, c.rule, c.resource)).toThrow(/nothing to fix/);

    const undo = await undoPlanFor(t.journal, outcome.result!.runId);
    expect(undo.notes.map((n) => n.outcome)).toEqual(c.writes.map(() => 'reversed'));
    t.endpoint.log.length = 0;
    await applyPlan(undo.plan);
    expect(t.endpoint.log).toEqual([]);
    const undone = await applyPlan(undo.plan, {
      dryRun: false,
      dispatcher: t.dispatcher,
      journal: t.journal,
    });
    expect(undone.dryRun === false && undone.status).toBe('applied');
    expect(writes(t.endpoint.log)).toEqual(c.undo);
    expect(c.state()).toEqual(recorded);
    expect(targetsOfRule(await t.snapshotOf(...c.types), c.rule, c.resource)).toHaveLength(1);
  });
});

describe('the write handlers answer as AWS does', () => {
  const config = () => ({ region: REGION, endpoint: t.endpoint.url, credentials: FAKE_CREDENTIALS });

  it('S3 bucket policies: malformed or foreign policies, public ones under BlockPublicPolicy, and deletion', async () => {
    const s3 = new S3Client({ ...config(), forcePathStyle: true });
    try {
      await expect(
        s3.send(new PutBucketPolicyCommand({ Bucket: SITE, Policy: 'not json' })),
      ).rejects.toMatchObject({
        name: 'MalformedPolicy',
      });
      const foreign = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ ...DENY_HTTP('other-bucket') }],
      });
      await expect(
        s3.send(new PutBucketPolicyCommand({ Bucket: SITE, Policy: foreign })),
      ).rejects.toMatchObject({
        name: 'MalformedPolicy',
        message: 'Policy has invalid resource',
      });
      await expect(
        s3.send(new PutBucketPolicyCommand({ Bucket: 'no-such-bucket', Policy: foreign })),
      ).rejects.toMatchObject({ name: 'NoSuchBucket' });
      // example-prod-assets blocks public policies at the bucket.
      const open = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${ASSETS}/*` },
        ],
      });
      await expect(
        s3.send(new PutBucketPolicyCommand({ Bucket: ASSETS, Policy: open })),
      ).rejects.toMatchObject({
        name: 'AccessDenied',
      });

      const tls = JSON.stringify({ Version: '2012-10-17', Statement: [DENY_HTTP(ASSETS)] });
      await s3.send(new PutBucketPolicyCommand({ Bucket: ASSETS, Policy: tls }));
      expect((await s3.send(new GetBucketPolicyCommand({ Bucket: ASSETS }))).Policy).toBe(tls);
      expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: ASSETS }))).PolicyStatus).toEqual({
        IsPublic: false,
      });
      await s3.send(new DeleteBucketPolicyCommand({ Bucket: ASSETS }));
      await expect(s3.send(new GetBucketPolicyCommand({ Bucket: ASSETS }))).rejects.toMatchObject({
        name: 'NoSuchBucketPolicy',
      });
      await expect(s3.send(new GetBucketPolicyStatusCommand({ Bucket: ASSETS }))).rejects.toMatchObject({
        name: 'NoSuchBucketPolicy',
      });
    } finally {
      s3.destroy();
    }
  });

  it('S3 Control: the account comes from x-amz-account-id; a deleted configuration reads as not found', async () => {
    // As clientConfig does: S3 Control would otherwise put the account in front of the endpoint's host.
    const control = new S3ControlClient({
      ...config(),
      endpointProvider: () => ({ url: new URL(t.endpoint.url) }),
    });
    try {
      await control.send(
        new PutPublicAccessBlockCommand({
          AccountId: ACCOUNT,
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false },
        }),
      );
      // The whole configuration is replaced: what the request leaves out is off.
      expect(
        (await control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT })))
          .PublicAccessBlockConfiguration,
      ).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      });
      await control.send(new DeletePublicAccessBlockCommand({ AccountId: ACCOUNT }));
      await expect(
        control.send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT })),
      ).rejects.toMatchObject({
        name: 'NoSuchPublicAccessBlockConfiguration',
      });
      expect(t.endpoint.log.filter((r) => r.service === 's3control').map((r) => r.params.AccountId)).toEqual([
        ACCOUNT,
        ACCOUNT,
        ACCOUNT,
        ACCOUNT,
      ]);
    } finally {
      control.destroy();
    }
  });

  it('CloudTrail: unknown trails, other home regions and multi-region trails without global events are refused', async () => {
    addRegionalTrail();
    const cloudtrail = new CloudTrailClient(config());
    const elsewhere = new CloudTrailClient({ ...config(), region: 'eu-west-1' });
    try {
      await expect(cloudtrail.send(new UpdateTrailCommand({ Name: 'nope' }))).rejects.toMatchObject({
        name: 'TrailNotFoundException',
      });
      await expect(elsewhere.send(new UpdateTrailCommand({ Name: TRAIL_ARN }))).rejects.toMatchObject({
        name: 'InvalidHomeRegionException',
      });
      await expect(
        cloudtrail.send(new UpdateTrailCommand({ Name: REGIONAL, IsMultiRegionTrail: true })),
      ).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });
      const updated = await cloudtrail.send(
        new UpdateTrailCommand({
          Name: REGIONAL,
          IsMultiRegionTrail: true,
          IncludeGlobalServiceEvents: true,
        }),
      );
      expect(updated).toMatchObject({ Name: REGIONAL, TrailARN: REGIONAL_ARN, IsMultiRegionTrail: true });
      expect((await cloudtrail.send(new GetTrailCommand({ Name: REGIONAL_ARN }))).Trail).toMatchObject({
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
      });
      await cloudtrail.send(new StartLoggingCommand({ Name: REGIONAL }));
      expect((await cloudtrail.send(new GetTrailStatusCommand({ Name: REGIONAL_ARN }))).IsLogging).toBe(true);
    } finally {
      cloudtrail.destroy();
      elsewhere.destroy();
    }
  });

  it('Application Auto Scaling: policies need a target, describes filter and page, deregistering removes the policies', async () => {
    addProvisionedTable();
    const scaling = new ApplicationAutoScalingClient(config());
    const key = (dimension: 'Read' | 'Write') => ({
      ServiceNamespace: 'dynamodb' as const,
      ResourceId: `table/${TABLE}`,
      ScalableDimension: `dynamodb:table:${dimension}CapacityUnits` as const,
    });
    const policy = (dimension: 'Read' | 'Write') => ({
      ...key(dimension),
      PolicyName: `${dimension}-tracking`,
      PolicyType: 'TargetTrackingScaling' as const,
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: {
          PredefinedMetricType: `DynamoDB${dimension}CapacityUtilization` as const,
        },
      },
    });
    try {
      await expect(scaling.send(new PutScalingPolicyCommand(policy('Read')))).rejects.toMatchObject({
        name: 'ObjectNotFoundException',
      });
      await expect(
        scaling.send(
          new RegisterScalableTargetCommand({
            ...key('Read'),
            ResourceId: 'table/missing',
            MinCapacity: 1,
            MaxCapacity: 2,
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(
        scaling.send(new RegisterScalableTargetCommand({ ...key('Read'), MinCapacity: 9, MaxCapacity: 2 })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      for (const dimension of ['Read', 'Write'] as const) {
        const { ScalableTargetARN } = await scaling.send(
          new RegisterScalableTargetCommand({ ...key(dimension), MinCapacity: 5, MaxCapacity: 50 }),
        );
        expect(ScalableTargetARN).toMatch(
          /^arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target\//,
        );
        const put = await scaling.send(new PutScalingPolicyCommand(policy(dimension)));
        expect(put.PolicyARN).toMatch(/:scalingPolicy:.*:resource\/dynamodb\/table\/orders:policyName\//);
        expect(put.Alarms).toHaveLength(2);
      }
      const onlyWrite = await scaling.send(
        new DescribeScalableTargetsCommand({
          ServiceNamespace: 'dynamodb',
          ResourceIds: [`table/${TABLE}`],
          ScalableDimension: 'dynamodb:table:WriteCapacityUnits',
        }),
      );
      expect(
        onlyWrite.ScalableTargets?.map((t) => [t.ScalableDimension, t.MinCapacity, t.MaxCapacity]),
      ).toEqual([['dynamodb:table:WriteCapacityUnits', 5, 50]]);
      const first = await scaling.send(
        new DescribeScalingPoliciesCommand({ ServiceNamespace: 'dynamodb', MaxResults: 1 }),
      );
      expect(first.ScalingPolicies?.map((p) => p.PolicyName)).toEqual(['Read-tracking']);
      const second = await scaling.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'dynamodb',
          MaxResults: 1,
          NextToken: first.NextToken,
        }),
      );
      expect(second.ScalingPolicies?.map((p) => p.PolicyName)).toEqual(['Write-tracking']);
      expect(second.NextToken).toBeUndefined();

      await scaling.send(new DeregisterScalableTargetCommand(key('Read')));
      const left = await scaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'dynamodb' }));
      expect(left.ScalingPolicies?.map((p) => p.PolicyName)).toEqual(['Write-tracking']);
      await expect(scaling.send(new DeregisterScalableTargetCommand(key('Read')))).rejects.toMatchObject({
        name: 'ObjectNotFoundException',
      });
      await expect(
        scaling.send(new DeleteScalingPolicyCommand({ ...key('Read'), PolicyName: 'Read-tracking' })),
      ).rejects.toMatchObject({ name: 'ObjectNotFoundException' });
    } finally {
      scaling.destroy();
    }
  });
});
