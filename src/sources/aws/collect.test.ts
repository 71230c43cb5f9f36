import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../model/index.js';
import {
  FAKE_CREDENTIALS,
  ORGANISATION,
  recordedAccount,
  recordedOrganisation,
  RECORDED_ACCOUNT_ID,
  roleArnIn,
  startAwsEndpoint,
  type AwsEndpoint,
  type Faults,
} from '../../../test/aws-endpoint/index.js';
import { collectAws, phasesOf, type CollectOptions } from './collect.js';
import { COLLECTORS } from './collectors/index.js';
import type { Collector } from './collector.js';

let endpoints: AwsEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.map((e) => e.close()));
  endpoints = [];
});

/**
 * Fast outer retries: the endpoint answers at once, so waits need not be real seconds. The clock is
 * fixed where the recorded metrics end (2026-11-22).
 */
const FAST: CollectOptions['runner'] = {
  backoffBaseMs: 1,
  backoffMaxMs: 20,
  retryRounds: 8,
  now: () => new Date('2026-11-22T00:30:00Z'),
};

async function endpoint(faults: Faults = {}): Promise<AwsEndpoint> {
  const started = await startAwsEndpoint({ fixtures: recordedAccount(), pageSize: 2, faults });
  endpoints.push(started);
  return started;
}

function collect(at: AwsEndpoint, extra: Partial<CollectOptions> = {}) {
  return collectAws({
    endpointUrl: at.url,
    credentials: FAKE_CREDENTIALS,
    homeRegion: 'us-east-1',
    runner: FAST,
    // Few SDK attempts, so the runner's own backoff is exercised too.
    client: { maxAttempts: 2 },
    ...extra,
  });
}

/** The snapshot without what legitimately differs between two runs. */
function comparable(snapshot: Snapshot, dropTypes: (type: string) => boolean = () => false) {
  return {
    accounts: snapshot.accounts,
    resources: snapshot.resources.filter((r) => !dropTypes(r.type)),
    coverage: snapshot.coverage.filter((g) => g.kind !== 'access-denied' && !dropTypes(g.resourceType ?? '')),
  };
}

describe('collectAws against the local endpoint', () => {
  it('attaches daily CloudWatch series to the listed resources in a second phase', async () => {
    const at = await endpoint();
    const { snapshot } = await collect(at, { regions: ['us-east-1'] });
    const metricsOf = (type: string, id: string) =>
      snapshot.resources.find((r) => r.type === type && r.id === id)?.observed?.Metrics as Record<
        string,
        { Namespace: string; Statistic: string; Unit: string; PeriodSeconds: number; Values: number[] }
      >;
    const instance = metricsOf('AWS::EC2::Instance', 'i-0a1b2c3d4e5f60072');
    expect(instance.CPUUtilization).toEqual({
      Namespace: 'AWS/EC2',
      Statistic: 'Average',
      Unit: 'Percent',
      PeriodSeconds: 86400,
      Values: [3.1, 2.8, 2.5, 4.0, 3.3, 2.9, 2.2, 1.9, 2.4, 3.0, 2.7, 2.6, 2.1, 1.8],
    });
    // No datapoint on two days: nothing was counted, so those sums are 0, and days stay aligned.
    expect(instance.NetworkIn!.Values).toHaveLength(14);
    expect([instance.NetworkIn!.Values[3], instance.NetworkIn!.Values[9]]).toEqual([0, 0]);
    expect(instance.CPUCreditBalance!.Values).toHaveLength(14);
    const nat = metricsOf('AWS::EC2::NatGateway', 'nat-0a1b2c3d4e5f60034');
    expect(nat.BytesOutToDestination!.Values).toHaveLength(32);
    expect(nat.BytesOutToDestination!.Values.slice(-5)).toEqual([1200, 0, 800, 950, 400]);
    expect(nat.BytesInFromSource!.Values).toEqual(Array<number>(32).fill(0));
    // A maximum has no value for a day without data: the series is the run of days ending today.
    expect(nat.ActiveConnectionCount).toMatchObject({ Statistic: 'Maximum', Values: [2, 1, 0] });
    const thumbnailer = metricsOf('AWS::Lambda::Function', 'thumbnailer');
    expect(thumbnailer.Errors!.Values.slice(-3)).toEqual([0, 4, 7]);
    expect(thumbnailer.Throttles!.Values).toEqual(Array<number>(14).fill(0));
    // 12 queries over 14 days (2 of them the us-east-1 bucket's storage) and 5 over 32: one window
    // per call, each served two results a page.
    const calls = at.log.filter((l) => l.operation === 'GetMetricData');
    expect(calls).toHaveLength(6 + 3);
    expect(snapshot.coverage).toEqual([]);
  });

  it('asks GetMetricData at most 500 queries at a time, and records a query CloudWatch could not answer', async () => {
    const fixtures = recordedAccount();
    const names = Array.from({ length: 400 }, (_, i) => `fn-${String(i).padStart(3, '0')}`);
    fixtures.set(
      'us-east-1/lambda/ListFunctions',
      JSON.stringify({ Functions: names.map((FunctionName) => ({ FunctionName, Runtime: 'nodejs20.x' })) }),
    );
    fixtures.set(
      'us-east-1/monitoring/GetMetricData',
      JSON.stringify({
        MetricDataResults: [
          { Id: 'm10', Label: 'Errors', Timestamps: [], Values: [], StatusCode: 'InternalError' },
        ],
      }),
    );
    const at = await startAwsEndpoint({ fixtures, pageSize: 1000 });
    endpoints.push(at);
    const { snapshot } = await collect(at, { regions: ['us-east-1'] });
    // 4 instance + 1,200 function queries over 14 days: 500 + 500 + 204; the NAT gateway's 5 apart;
    // the bucket's 2 storage queries in their own collector's call.
    expect(at.log.filter((l) => l.operation === 'GetMetricData')).toHaveLength(5);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'api-error',
        resourceType: 'AWS::Lambda::Function',
        resourceId: 'fn-000',
        path: 'observed.Metrics.Errors',
      }),
    ]);
    const fn = snapshot.resources.find((r) => r.id === 'fn-000')!;
    expect(Object.keys(fn.observed!.Metrics as object).sort()).toEqual(['Invocations', 'Throttles']);
  });

  it('collects the recorded account end to end, following every page', async () => {
    const at = await endpoint();
    const { snapshot, stats } = await collect(at);
    const ids = (type: string) =>
      snapshot.resources
        .filter((r) => r.type === type)
        .map((r) => r.id)
        .sort();
    expect(snapshot.accounts).toEqual([{ id: RECORDED_ACCOUNT_ID }]);
    // af-south-1 is not opted in: not collected, and not a gap either (nothing was asked there).
    expect(snapshot.regions).toEqual(['eu-west-1', 'global', 'us-east-1']);
    expect(ids('AWS::EC2::VPC')).toEqual(['vpc-0a1b2c3d4e5f60001']);
    expect(ids('AWS::EC2::Subnet')).toHaveLength(3);
    expect(ids('AWS::EC2::SecurityGroup')).toHaveLength(3);
    expect(ids('AWS::EC2::RouteTable')).toHaveLength(2);
    expect(ids('AWS::EC2::Instance')).toEqual(['i-0a1b2c3d4e5f60072']);
    expect(ids('AWS::EC2::Image')).toEqual(['ami-0a1b2c3d4e5f60091']);
    expect(ids('AWS::S3::Bucket')).toEqual(['example-prod-assets', 'example-public-site']);
    expect(ids('AWS::IAM::User')).toEqual(['alice', 'ci-bot']);
    expect(ids('AWS::IAM::ManagedPolicy')).toHaveLength(2);
    expect(ids('AWS::IAM::RootAccount')).toEqual([RECORDED_ACCOUNT_ID]);
    for (const r of snapshot.resources) expect(r.origin).toEqual({ source: 'aws' });
    // Three subnets at two per page: two DescribeSubnets calls in us-east-1.
    const subnetCalls = at.log.filter((l) => l.operation === 'DescribeSubnets' && l.region === 'us-east-1');
    expect(subnetCalls).toHaveLength(2);
    // IAM's four lists (6 members) at two per page, Marker and IsTruncated.
    expect(at.log.filter((l) => l.operation === 'GetAccountAuthorizationDetails')).toHaveLength(3);
    expect(stats.retries).toBe(0);
    expect(snapshot.coverage).toEqual([]);
  });

  it('maps live output into the CloudFormation shapes, runtime facts in observed', async () => {
    const { snapshot } = await collect(await endpoint());
    const get = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id)!;
    const web = get('AWS::EC2::SecurityGroup', 'sg-0a1b2c3d4e5f60062');
    expect(web.props.SecurityGroupIngress).toContainEqual({
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIp: '0.0.0.0/0',
    });
    const publicTable = get('AWS::EC2::RouteTable', 'rtb-0a1b2c3d4e5f60043');
    expect(publicTable.props.Associations).toEqual([{ SubnetId: 'subnet-0a1b2c3d4e5f60011' }]);
    expect((publicTable.observed?.Routes as Array<{ State: string }>)[2]!.State).toBe('blackhole');
    const site = get('AWS::S3::Bucket', 'example-public-site');
    expect(site.region).toBe('eu-west-1');
    expect(site.props.VersioningConfiguration).toEqual({ Status: 'Suspended' });
    expect(site.props.PolicyDocument).toMatchObject({ Statement: [{ Principal: '*' }] });
    expect(site.props.WebsiteConfiguration).toEqual({
      IndexDocument: 'index.html',
      ErrorDocument: 'error.html',
    });
    expect(site.observed?.PolicyStatus).toEqual({ IsPublic: true });
    const assets = get('AWS::S3::Bucket', 'example-prod-assets');
    expect(assets.props.PolicyDocument).toBeUndefined();
    expect(assets.props.LoggingConfiguration).toEqual({
      DestinationBucketName: 'example-logs',
      LogFilePrefix: 'assets/',
    });
    const alice = get('AWS::IAM::User', 'alice');
    expect(alice.observed?.AccessKeys).toEqual([
      {
        AccessKeyId: 'AKIAEXAMPLEALICE0001',
        Status: 'Active',
        CreateDate: '2025-09-01T10:00:00.000Z',
        LastUsedDate: '2026-11-20T09:00:00.000Z',
        LastUsedService: 's3',
        LastUsedRegion: 'us-east-1',
      },
    ]);
    expect(alice.observed).toMatchObject({ PasswordEnabled: true, MfaActive: true });
    const role = get('AWS::IAM::Role', 'web-role');
    expect(role.props.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }],
    });
    // Last use comes with the authorization details (RoleDetail.RoleLastUsed): no GetRole per role.
    expect(role.observed?.RoleLastUsed).toEqual({
      LastUsedDate: '2026-11-21T08:15:00.000Z',
      Region: 'us-east-1',
    });
    expect(get('AWS::IAM::RootAccount', RECORDED_ACCOUNT_ID).observed).toMatchObject({ MfaActive: true });
    expect(get('AWS::IAM::AccountPasswordPolicy', RECORDED_ACCOUNT_ID).props.MinimumPasswordLength).toBe(8);
    // S3 Control, account level: two of the four settings on.
    const block = get('AWS::S3::AccountPublicAccessBlock', RECORDED_ACCOUNT_ID);
    expect(block).toMatchObject({ region: 'global', observed: { Configured: true } });
    expect(block.props).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect(get('AWS::EC2::Instance', 'i-0a1b2c3d4e5f60072').observed).toMatchObject({
      State: 'running',
      PublicIpAddress: '198.51.100.20',
    });
  });

  it('reads an account that never set S3 Block Public Access as every setting off, not as a failure', async () => {
    const fixtures = recordedAccount();
    fixtures.responses.delete('s3control/GetPublicAccessBlock/111122223333');
    const at = await startAwsEndpoint({ fixtures, pageSize: 2 });
    endpoints.push(at);
    const { snapshot } = await collect(at, { regions: ['us-east-1'] });
    const block = snapshot.resources.find((r) => r.type === 'AWS::S3::AccountPublicAccessBlock')!;
    expect(block.props).toEqual({
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect(block.observed).toEqual({ Configured: false });
    expect(at.log).toContainEqual(
      expect.objectContaining({ service: 's3control', operation: 'GetPublicAccessBlock', status: 404 }),
    );
    expect(snapshot.coverage.filter((g) => g.resourceType === 'AWS::S3::AccountPublicAccessBlock')).toEqual(
      [],
    );
  });

  it('reads the JSON 1.0/1.1, REST-JSON and REST-XML services too', async () => {
    const { snapshot } = await collect(await endpoint(), { regions: ['us-east-1'] });
    const get = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id)!;
    const key = get('AWS::KMS::Key', '0a1b2c3d-0000-4000-8000-000000000001');
    expect(key.props).toMatchObject({ EnableKeyRotation: false, KeySpec: 'SYMMETRIC_DEFAULT' });
    expect(key.props.KeyPolicy).toMatchObject({ Statement: [{ Action: 'kms:*' }] });
    expect(key.observed).toMatchObject({ KeyState: 'Enabled', KeyManager: 'CUSTOMER' });
    const thumbnailer = get('AWS::Lambda::Function', 'thumbnailer');
    // Environment values are never kept: a literal is masked, references keep their form.
    expect(thumbnailer.props.Environment).toEqual({
      Variables: {
        BUCKET: '********',
        DB_PASSWORD: '********',
        QUEUE_ARN: 'arn:aws:sqs:us-east-1:111122223333:jobs',
      },
    });
    expect(JSON.stringify(snapshot)).not.toContain('hunter2');
    expect(thumbnailer.observed?.Policy).toMatchObject({
      Statement: [{ Principal: { Service: 's3.amazonaws.com' } }],
    });
    expect(get('AWS::Lambda::Function', 'nightly-report').observed?.Policy).toBeNull();
    expect(get('AWS::CloudTrail::Trail', 'management-events').props).toMatchObject({
      IsLogging: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: false,
    });
    expect(get('AWS::CloudWatch::Alarm', 'prod-web-1-cpu-high').observed?.StateValue).toBe('ALARM');
    // ECS: services with their task counts and the failed rollout that explains the shortfall.
    expect(get('AWS::ECS::Cluster', 'prod-apps').props.ClusterSettings).toEqual([
      { Name: 'containerInsights', Value: 'enabled' },
    ]);
    const orders = get(
      'AWS::ECS::Service',
      'arn:aws:ecs:us-east-1:111122223333:service/prod-apps/orders-worker',
    );
    expect(orders.props).toMatchObject({
      ServiceName: 'orders-worker',
      Cluster: 'prod-apps',
      DesiredCount: 4,
    });
    expect(orders.observed).toMatchObject({
      DesiredCount: 4,
      RunningCount: 1,
      Deployments: [{ Status: 'PRIMARY', RolloutState: 'FAILED', FailedTasks: 8 }, { Status: 'ACTIVE' }],
    });
    expect((orders.observed?.Deployments as Array<{ CreatedAt: string }>)[0]!.CreatedAt).toMatch(
      /^2026-11-2/,
    );
    expect(get('AWS::Route53::HealthCheck', 'abcdef11-2222-3333-4444-555555fedcba').region).toBe('global');
    // The organisation, walked from the root by the management account.
    expect(get('AWS::Organizations::Account', '444455556666').props).toEqual({
      AccountName: 'prod',
      Email: 'prod@example.com',
      ParentIds: ['ou-ab12-prod1234'],
    });
    expect(get('AWS::Organizations::OrganizationalUnit', 'ou-ab12-prod1234').props.ParentId).toBe('r-ab12');
    expect(get('AWS::Organizations::Policy', 'p-denyleave1').props).toMatchObject({
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: ['ou-ab12-prod1234'],
      Content: { Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization' }] },
    });
  });

  it('under 20% throttling, 2% 5xx and one service denied, equals the fault-free snapshot but for the declared gap', async () => {
    const clean = (await collect(await endpoint())).snapshot;
    const faulty = await endpoint({ throttleRate: 0.2, serverErrorRate: 0.02, deny: ['iam'], seed: 7 });
    const { snapshot, stats } = await collect(faulty);
    const isIam = (type: string) => type.startsWith('AWS::IAM::');
    expect(comparable(snapshot, isIam)).toEqual(comparable(clean, isIam));
    // The faults happened, and the runner retried through them.
    expect(faulty.log.filter((l) => l.fault === 'throttle').length).toBeGreaterThan(10);
    expect(stats.retries).toBeGreaterThan(0);
    // IAM is not silently empty: every IAM type is a declared access-denied gap.
    expect(snapshot.resources.filter((r) => isIam(r.type))).toEqual([]);
    const denied = snapshot.coverage.filter((g) => g.kind === 'access-denied');
    expect(new Set(denied.map((g) => g.resourceType))).toEqual(
      new Set([
        'AWS::IAM::User',
        'AWS::IAM::Group',
        'AWS::IAM::Role',
        'AWS::IAM::InstanceProfile',
        'AWS::IAM::ManagedPolicy',
        'AWS::IAM::RootAccount',
        'AWS::IAM::AccountPasswordPolicy',
        'AWS::IAM::SAMLProvider',
      ]),
    );
    expect(denied[0]!.message).toMatch(/AccessDenied/);
    expect(snapshot.coverage.filter((g) => g.kind === 'throttled' || g.kind === 'api-error')).toEqual([]);
  });

  it('records throttling that outlives every retry as a throttled gap, never as an empty pass', async () => {
    const at = await endpoint({ rateLimits: { 'ec2:DescribeVolumes': 0 } });
    const { snapshot } = await collect(at, { regions: ['us-east-1'], runner: { ...FAST, retryRounds: 1 } });
    const gap = snapshot.coverage.find((g) => g.resourceType === 'AWS::EC2::Volume');
    expect(gap).toMatchObject({ kind: 'throttled', account: RECORDED_ACCOUNT_ID, region: 'us-east-1' });
    expect(snapshot.resources.filter((r) => r.type === 'AWS::EC2::Volume')).toEqual([]);
  });

  it('cuts off a call that outlives callTimeoutMs and records it as an api-error gap, never a pass', async () => {
    const at = await endpoint({ slow: { 'ec2:DescribeVolumes': 300 } });
    const volumes = COLLECTORS.filter((c) => c.id === 'ec2/volumes');
    const { snapshot, stats } = await collect(at, {
      regions: ['us-east-1'],
      collectors: volumes,
      runner: { ...FAST, retryRounds: 1, callTimeoutMs: 50 },
      client: { maxAttempts: 1 },
    });
    const gap = snapshot.coverage.find((g) => g.resourceType === 'AWS::EC2::Volume');
    expect(gap).toMatchObject({ kind: 'api-error', region: 'us-east-1' });
    expect(gap!.message).toMatch(/abort|time/i);
    expect(stats.retries).toBe(1);
    expect(snapshot.resources.filter((r) => r.type === 'AWS::EC2::Volume')).toEqual([]);
  });

  it('a denied detail call leaves that setting unresolved with a gap naming the bucket', async () => {
    const at = await endpoint({ deny: ['s3:GetBucketPolicy'] });
    const { snapshot } = await collect(at, { regions: ['us-east-1'] });
    const site = snapshot.resources.find((r) => r.id === 'example-public-site')!;
    expect(site.props.PolicyDocument).toMatchObject({ $unresolved: true });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'access-denied',
        resourceId: 'example-public-site',
        resourceType: 'AWS::S3::Bucket',
      }),
    );
  });

  it('an explicit region the account has not enabled is a region-disabled gap', async () => {
    const at = await endpoint();
    const { snapshot } = await collect(at, { regions: ['us-east-1', 'af-south-1'] });
    expect(snapshot.regions).not.toContain('af-south-1');
    expect(at.log.filter((l) => l.region === 'af-south-1')).toEqual([]);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'region-disabled',
        region: 'af-south-1',
        account: RECORDED_ACCOUNT_ID,
      }),
    );
  });

  it('--org-role enters every active account at once; one it cannot enter is a gap', async () => {
    const at = await startAwsEndpoint({ fixtures: recordedOrganisation(), pageSize: 2 });
    endpoints.push(at);
    const vpcsOnly = COLLECTORS.filter((c) => c.id === 'ec2/vpcs');
    const { snapshot } = await collect(at, {
      orgRole: ORGANISATION.role,
      regions: ['us-east-1'],
      collectors: vpcsOnly,
    });
    expect(snapshot.accounts.map((a) => a.id)).toEqual([
      RECORDED_ACCOUNT_ID,
      ORGANISATION.workloads,
      ORGANISATION.locked,
    ]);
    // The recorded VPCs name the management account as their owner, so the member's copies merge
    // into it: what shows that the member was collected is that its calls were made.
    const vpcCalls = (log: AwsEndpoint['log']) => log.filter((l) => l.operation === 'DescribeVpcs').length;
    const single = await endpoint();
    await collect(single, { regions: ['us-east-1'], collectors: vpcsOnly });
    expect(vpcCalls(at.log)).toBe(2 * vpcCalls(single.log));
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        account: ORGANISATION.locked,
        message: expect.stringMatching(/cannot assume Audit/),
      }),
    );
    // The role assumptions went to the endpoint given, like every other call.
    const roles = at.log.filter((l) => l.operation === 'AssumeRole').map((l) => l.params.RoleArn);
    expect(new Set(roles)).toEqual(
      new Set([roleArnIn(ORGANISATION.workloads), roleArnIn(ORGANISATION.locked)]),
    );
  });

  it('--resume continues from the journal without repeating finished units', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudrounds-collect-'));
    try {
      const journal = join(dir, 'snapshot.jsonl.journal');
      const first = await collect(await endpoint(), { journal });
      const lines = readFileSync(journal, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(first.stats.units + 1);
      // An interruption after ten units, the last line cut short.
      writeFileSync(journal, lines.slice(0, 11).join('\n') + '\n' + lines[11]!.slice(0, 20));
      const at = await endpoint();
      const resumed = await collect(at, { journal, resume: true });
      expect(resumed.stats.resumedUnits).toBe(10);
      expect(resumed.stats.calls).toBeLessThan(first.stats.calls);
      expect(comparable(resumed.snapshot)).toEqual(comparable(first.snapshot));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('phasesOf', () => {
  const c = (id: string, dependsOn?: string[]): Collector => ({
    id,
    service: 'ec2',
    resourceTypes: [],
    list: [],
    mapping: { kind: 'resources', map: () => [] },
    ...(dependsOn ? { dependsOn } : {}),
  });

  it('runs a collector after everything it depends on, and ignores dependencies not being run', () => {
    const phases = phasesOf([c('a'), c('m', ['a', 'b']), c('b'), c('x', ['m']), c('y', ['absent'])]);
    expect(phases.map((p) => [...p].map((x) => x.id))).toEqual([['a', 'b', 'y'], ['m'], ['x']]);
  });

  it('refuses collectors that depend on each other', () => {
    expect(() => phasesOf([c('a', ['b']), c('b', ['a'])])).toThrow(/depend on each other/);
  });
});
