import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  ModifyEbsDefaultKmsKeyIdCommand,
  ResetEbsDefaultKmsKeyIdCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeDBInstancesCommand,
  ModifyDBClusterCommand,
  ModifyDBInstanceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
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
import type { Resource, Snapshot } from '../../../src/model/index.js';
import {
  FAKE_CREDENTIALS,
  RECORDED_ACCOUNT_ID,
  recordedAccount,
  type FixtureStore,
  type LoggedRequest,
} from '../index.js';
import { awsManagedEbsKey } from './ec2-ebs.js';
import { recordDb } from './rds.js';

/**
 * The EC2 and RDS fix declarations run end to end through the change executor against the local
 * endpoint: a dry run sends nothing, the apply sends exactly the planned writes (each after its
 * capture read), the re-collected resource passes the rule, and the undo restores the recorded
 * state so the rule fails again.
 */

const REGION = 'us-east-1';
const ACCOUNT = RECORDED_ACCOUNT_ID;
const GROUP = 'sg-0a1b2c3d4e5f60062';
const VPC = 'vpc-0a1b2c3d4e5f60001';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-0000-4000-8000-000000000001`;
const DB = 'reports-db';
const CLUSTER = 'analytics-cluster';

let t: FixTestbed;

/** The account's recordings, plus what these fixes need and the recorded account lacks. */
function account(): FixtureStore {
  const store = recordedAccount();
  // GetEbsDefaultKmsKeyId answers the AWS managed key when no default key was chosen.
  store.set(
    `${REGION}/ec2/GetEbsDefaultKmsKeyId`,
    `<?xml version="1.0" encoding="UTF-8"?>\n<GetEbsDefaultKmsKeyIdResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>{{requestId}}</requestId><kmsKeyId>${awsManagedEbsKey(REGION, ACCOUNT)}</kmsKeyId></GetEbsDefaultKmsKeyIdResponse>`,
  );
  recordDb(store, {
    region: REGION,
    kind: 'instance',
    id: DB,
    members: {
      DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${DB}`,
      DBInstanceClass: 'db.t3.medium',
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBInstanceStatus: 'available',
      MasterUsername: 'reports_admin',
      AllocatedStorage: '20',
      BackupRetentionPeriod: '0',
      MultiAZ: 'false',
      StorageEncrypted: 'true',
      DeletionProtection: 'false',
    },
  });
  recordDb(store, {
    region: REGION,
    kind: 'cluster',
    id: CLUSTER,
    members: {
      DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${CLUSTER}`,
      Engine: 'aurora-postgresql',
      EngineVersion: '16.4',
      Status: 'available',
      MasterUsername: 'analytics_admin',
      BackupRetentionPeriod: '7',
      StorageEncrypted: 'true',
      DeletionProtection: 'false',
    },
  });
  return store;
}

beforeEach(async () => {
  t = await openFixTestbed(account());
});

afterEach(() => t.close());

const writes = (log: readonly LoggedRequest[]) =>
  writeRequests(log).map((r) => ({ operation: r.operation, params: r.params }));

/** The resources of a type as collected, without the collection's own bookkeeping. */
function stateOf(snapshot: Snapshot, type: string, id: string): Pick<Resource, 'props' | 'observed'> {
  const r = snapshot.resources.find((x) => x.type === type && x.id === id);
  if (!r) throw new Error(`${type} ${id} was not collected`);
  return { props: r.props, observed: r.observed };
}

interface Case {
  rule: string;
  /** What the case says about the account, when the recorded one does not have it. */
  setup?: () => void;
  /** The types to collect: the rule's, and those it reads beside it. */
  types: string[];
  /** The type whose state the fix changes, and its id. */
  changed: { type: string; id: string };
  resource: string;
  params?: Record<string, string>;
  /** Each write as the endpoint decoded it from the wire (query form values are text). */
  writes: Array<{ operation: string; params: Record<string, unknown> }>;
  /** The capture read of each write, in the same order. */
  captures: string[];
  /** What the first capture read (journalled; the undo is computed from it). */
  captured: Record<string, unknown>;
  /** The undo's writes, in order. */
  undo: Array<{ operation: string; params: Record<string, unknown> }>;
}

const SSH = {
  GroupId: GROUP,
  'IpPermissions.1.IpProtocol': 'tcp',
  'IpPermissions.1.FromPort': '22',
  'IpPermissions.1.ToPort': '22',
};

const ALL = { GroupId: GROUP, 'IpPermissions.1.IpProtocol': '-1' };

/**
 * prod-web opens SSH to ::/0 as well as 0.0.0.0/0, and all traffic to 0.0.0.0/0: one narrowed SSH
 * rule serves both address families, the all-traffic rule is narrowed as a whole.
 */
function openWideGroup(): void {
  const key = `${REGION}/ec2/DescribeSecurityGroups`;
  let xml = t.fixtures.get(key)!;
  const group = xml.indexOf('<groupName>prod-web</groupName>');
  const ssh = xml.indexOf('<fromPort>22</fromPort>', group);
  const v6 = xml.indexOf('<ipv6Ranges/>', ssh);
  xml = `${xml.slice(0, v6)}<ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges>${xml.slice(v6 + '<ipv6Ranges/>'.length)}`;
  const end = xml.indexOf('</ipPermissions>', group);
  xml = `${xml.slice(0, end)}<item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>temporary</description></item></ipRanges><ipv6Ranges/><prefixListIds/></item>${xml.slice(end)}`;
  t.fixtures.set(key, xml);
}

const CASES: Case[] = [
  {
    rule: 'ec2-security-group-admin-ports-restricted',
    types: ['AWS::EC2::SecurityGroup'],
    changed: { type: 'AWS::EC2::SecurityGroup', id: GROUP },
    resource: GROUP,
    params: { cidr: '203.0.113.0/24' },
    writes: [
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '203.0.113.0/24' },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
      },
    ],
    captures: ['DescribeSecurityGroupRules', 'DescribeSecurityGroupRules'],
    captured: {
      SecurityGroupRules: expect.arrayContaining([
        expect.objectContaining({ GroupId: GROUP, IsEgress: false, FromPort: 22, CidrIpv4: '0.0.0.0/0' }),
      ]) as unknown,
    },
    undo: [
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '203.0.113.0/24' },
      },
    ],
  },
  {
    rule: 'ec2-security-group-admin-ports-restricted',
    setup: openWideGroup,
    types: ['AWS::EC2::SecurityGroup'],
    changed: { type: 'AWS::EC2::SecurityGroup', id: GROUP },
    resource: GROUP,
    params: { cidr: '203.0.113.0/24' },
    writes: [
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '203.0.113.0/24' },
      },
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: {
          ...ALL,
          'IpPermissions.1.IpRanges.1.CidrIp': '203.0.113.0/24',
          'IpPermissions.1.IpRanges.1.Description': 'temporary',
        },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.Ipv6Ranges.1.CidrIpv6': '::/0' },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...ALL, 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
      },
    ],
    captures: Array<string>(5).fill('DescribeSecurityGroupRules'),
    captured: {
      SecurityGroupRules: expect.arrayContaining([
        expect.objectContaining({ IsEgress: false, IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' }),
        expect.objectContaining({ IsEgress: false, FromPort: 22, CidrIpv6: '::/0' }),
      ]) as unknown,
    },
    undo: [
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: {
          ...ALL,
          'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
          'IpPermissions.1.IpRanges.1.Description': 'temporary',
        },
      },
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.Ipv6Ranges.1.CidrIpv6': '::/0' },
      },
      {
        operation: 'AuthorizeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...ALL, 'IpPermissions.1.IpRanges.1.CidrIp': '203.0.113.0/24' },
      },
      {
        operation: 'RevokeSecurityGroupIngress',
        params: { ...SSH, 'IpPermissions.1.IpRanges.1.CidrIp': '203.0.113.0/24' },
      },
    ],
  },
  {
    rule: 'ec2-ebs-default-encryption-enabled',
    types: ['AWS::EC2::VPC', 'AWS::EC2::EBSEncryptionByDefault'],
    changed: { type: 'AWS::EC2::EBSEncryptionByDefault', id: ACCOUNT },
    resource: VPC,
    params: { kmsKeyId: KEY_ARN },
    writes: [
      { operation: 'EnableEbsEncryptionByDefault', params: {} },
      { operation: 'ModifyEbsDefaultKmsKeyId', params: { KmsKeyId: KEY_ARN } },
    ],
    captures: ['GetEbsEncryptionByDefault', 'GetEbsDefaultKmsKeyId'],
    captured: { EbsEncryptionByDefault: false },
    undo: [
      { operation: 'ResetEbsDefaultKmsKeyId', params: {} },
      { operation: 'DisableEbsEncryptionByDefault', params: {} },
    ],
  },
  {
    rule: 'rds-instance-backup-enabled',
    types: ['AWS::RDS::DBInstance'],
    changed: { type: 'AWS::RDS::DBInstance', id: DB },
    resource: DB,
    writes: [
      {
        operation: 'ModifyDBInstance',
        // Backups were off: turning them on waits for the maintenance window unless applied now.
        params: { DBInstanceIdentifier: DB, BackupRetentionPeriod: '7', ApplyImmediately: 'true' },
      },
    ],
    captures: ['DescribeDBInstances'],
    captured: { DBInstances: [expect.objectContaining({ BackupRetentionPeriod: 0 })] },
    undo: [
      {
        operation: 'ModifyDBInstance',
        params: { DBInstanceIdentifier: DB, BackupRetentionPeriod: '0', ApplyImmediately: 'true' },
      },
    ],
  },
  {
    rule: 'rds-instance-deletion-protection-enabled',
    types: ['AWS::RDS::DBInstance'],
    changed: { type: 'AWS::RDS::DBInstance', id: DB },
    resource: DB,
    writes: [
      { operation: 'ModifyDBInstance', params: { DBInstanceIdentifier: DB, DeletionProtection: 'true' } },
    ],
    captures: ['DescribeDBInstances'],
    captured: { DBInstances: [expect.objectContaining({ DeletionProtection: false })] },
    undo: [
      { operation: 'ModifyDBInstance', params: { DBInstanceIdentifier: DB, DeletionProtection: 'false' } },
    ],
  },
  {
    rule: 'rds-cluster-deletion-protection-enabled',
    types: ['AWS::RDS::DBCluster'],
    changed: { type: 'AWS::RDS::DBCluster', id: CLUSTER },
    resource: CLUSTER,
    writes: [
      { operation: 'ModifyDBCluster', params: { DBClusterIdentifier: CLUSTER, DeletionProtection: 'true' } },
    ],
    captures: ['DescribeDBClusters'],
    captured: { DBClusters: [expect.objectContaining({ DeletionProtection: false })] },
    undo: [
      { operation: 'ModifyDBCluster', params: { DBClusterIdentifier: CLUSTER, DeletionProtection: 'false' } },
    ],
  },
];

const TITLED = CASES.map((c) => ({ ...c, title: c.setup ? `${c.rule} (IPv6 and all traffic)` : c.rule }));

describe.each(TITLED)('fix $title against the local endpoint', (c) => {
  it('dry run sends nothing; apply sends exactly the planned writes after their captures and resolves the finding; undo restores the recorded state', async () => {
    c.setup?.();
    const snapshot = await t.snapshotOf(...c.types);
    const before = stateOf(snapshot, c.changed.type, c.changed.id);
    const targets = targetsOfRule(snapshot, c.rule, c.resource);
    expect(targets.map((t) => t.resource.id)).toEqual([c.resource]);
    const planned = planFixes(targets, c.params ?? {});
    expect(planned.map((p) => p.cannot)).toEqual([undefined]);
    const plan = changePlanOf(planned);
    expect(plan.steps.map((s) => s.call.operation)).toEqual(c.writes.map((w) => w.operation));
    expect(plan.steps.map((s) => s.capture?.operation)).toEqual(c.captures);

    // Dry run: nothing reaches the endpoint, not even the captures.
    t.endpoint.log.length = 0;
    const dry = await applyPlan(plan);
    expect(dry.dryRun).toBe(true);
    expect(t.endpoint.log).toEqual([]);

    const outcome = await applyFixes(planned, t);
    expect(outcome.refused).toEqual([]);
    expect(outcome.result?.status).toBe('applied');
    expect(t.endpoint.log.filter((r) => r.status !== 200)).toEqual([]);
    expect(writes(t.endpoint.log)).toEqual(c.writes);
    expectCapturesBeforeWrites(t.endpoint.log, c.writes, c.captures);
    expect(outcome.verified.map((v) => [v.target.resource.id, v.resolved, v.status])).toEqual([
      [c.resource, true, 'pass'],
    ]);
    const fixed = await t.snapshotOf(...c.types);
    expect(() => targetsOfRule(fixed, c.rule, c.resource)).toThrow(/nothing to fix/);

    const run = (await t.journal.getRun(outcome.result!.runId))!;
    expect(run.steps.map((s) => s.capture?.operation)).toEqual(c.captures);
    expect(run.steps[0]!.captured).toMatchObject(c.captured);
    const undo = await undoPlanFor(t.journal, outcome.result!.runId);
    expect(undo.notes.map((n) => n.outcome)).toEqual(c.writes.map(() => 'reversed'));
    t.endpoint.log.length = 0;
    const undone = await applyPlan(undo.plan, {
      dryRun: false,
      dispatcher: t.dispatcher,
      journal: t.journal,
    });
    expect(undone.dryRun === false && undone.status).toBe('applied');
    expect(writes(t.endpoint.log)).toEqual(c.undo);
    const again = await t.snapshotOf(...c.types);
    expect(stateOf(again, c.changed.type, c.changed.id)).toEqual(before);
    expect(targetsOfRule(again, c.rule, c.resource)).toHaveLength(1);
  });
});

describe('the write handlers answer as AWS does', () => {
  const clientConfig = () => ({
    endpoint: t.endpoint.url,
    region: REGION,
    credentials: FAKE_CREDENTIALS,
    maxAttempts: 1,
  });
  const errorOf = async (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => (e as { name?: string; Code?: string }).Code ?? (e as Error).name,
    );

  it('security group rules: duplicates and unknown rules are refused whole, rule ids are stable', async () => {
    const ec2 = new EC2Client(clientConfig());
    const collected = async () =>
      stateOf(await t.snapshotOf('AWS::EC2::SecurityGroup'), 'AWS::EC2::SecurityGroup', GROUP);
    const before = await collected();
    const listing = () => t.fixtures.get(`${REGION}/ec2/DescribeSecurityGroups`);
    const recorded = listing();
    const https = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 };
    // One new rule and one that exists: nothing is added.
    expect(
      await errorOf(
        ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: GROUP,
            IpPermissions: [
              { ...https, IpRanges: [{ CidrIp: '198.51.100.0/24' }] },
              { ...https, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            ],
          }),
        ),
      ),
    ).toBe('InvalidPermission.Duplicate');
    // A non-default VPC refuses to revoke a rule that is not there.
    expect(
      await errorOf(
        ec2.send(
          new RevokeSecurityGroupIngressCommand({
            GroupId: GROUP,
            IpPermissions: [{ ...https, IpRanges: [{ CidrIp: '198.51.100.0/24' }] }],
          }),
        ),
      ),
    ).toBe('InvalidPermission.NotFound');
    expect(
      await errorOf(
        ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: 'sg-0000000000000000',
            IpPermissions: [{ ...https, IpRanges: [{ CidrIp: '198.51.100.0/24' }] }],
          }),
        ),
      ),
    ).toBe('InvalidGroup.NotFound');
    expect(listing()).toBe(recorded);

    const added = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: GROUP,
        IpPermissions: [
          {
            IpProtocol: 'udp',
            FromPort: 53,
            ToPort: 53,
            IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'dns' }],
          },
        ],
      }),
    );
    expect(added.Return).toBe(true);
    const ruleId = added.SecurityGroupRules?.[0]?.SecurityGroupRuleId;
    expect(added.SecurityGroupRules?.[0]).toMatchObject({
      GroupId: GROUP,
      IsEgress: false,
      IpProtocol: 'udp',
      FromPort: 53,
      ToPort: 53,
      CidrIpv4: '10.0.0.0/16',
      Description: 'dns',
    });
    const rules = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GROUP] }] }),
    );
    expect(
      rules.SecurityGroupRules?.filter((r) => !r.IsEgress).map((r) => [
        r.IpProtocol,
        r.FromPort,
        r.CidrIpv4 ?? r.CidrIpv6,
      ]),
    ).toEqual([
      ['tcp', 443, '0.0.0.0/0'],
      ['tcp', 443, '::/0'],
      ['tcp', 22, '0.0.0.0/0'],
      ['udp', 53, '10.0.0.0/16'],
    ]);
    expect(rules.SecurityGroupRules?.map((r) => r.SecurityGroupRuleId)).toContain(ruleId);
    // Revoking by rule id removes the rule and its now empty permission.
    const revoked = await ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: GROUP, SecurityGroupRuleIds: [ruleId!] }),
    );
    expect(revoked.Return).toBe(true);
    expect(listing()).not.toContain('10.0.0.0/16');
    expect(await collected()).toEqual(before);
    ec2.destroy();
  });

  it('EBS default key: an alias is stored as its ARN, reset puts back alias/aws/ebs', async () => {
    const ec2 = new EC2Client(clientConfig());
    const modified = await ec2.send(new ModifyEbsDefaultKmsKeyIdCommand({ KmsKeyId: 'alias/ebs-default' }));
    expect(modified.KmsKeyId).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/ebs-default`);
    expect((await ec2.send(new GetEbsDefaultKmsKeyIdCommand({}))).KmsKeyId).toBe(modified.KmsKeyId);
    const reset = await ec2.send(new ResetEbsDefaultKmsKeyIdCommand({}));
    expect(reset.KmsKeyId).toBe(awsManagedEbsKey(REGION, ACCOUNT));
    expect((await ec2.send(new EnableEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    expect((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    ec2.destroy();
  });

  it('RDS: turning backups on waits for the maintenance window unless applied now; unknown names are refused', async () => {
    const rds = new RDSClient(clientConfig());
    const pending = await rds.send(
      new ModifyDBInstanceCommand({ DBInstanceIdentifier: DB, BackupRetentionPeriod: 7 }),
    );
    expect(pending.DBInstance).toMatchObject({
      BackupRetentionPeriod: 0,
      PendingModifiedValues: { BackupRetentionPeriod: 7 },
    });
    const db = (await t.snapshotOf('AWS::RDS::DBInstance')).resources.find((r) => r.id === DB)!;
    expect(db.props.BackupRetentionPeriod).toBe(0);
    expect(db.observed?.PendingModifiedValues).toEqual({ BackupRetentionPeriod: 7 });
    // Both recordings (the listing and the describe by name) say the same.
    const byName = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB }));
    expect(byName.DBInstances?.[0]?.PendingModifiedValues).toEqual({ BackupRetentionPeriod: 7 });
    expect(
      await errorOf(
        rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: DB, BackupRetentionPeriod: 36 })),
      ),
    ).toBe('InvalidParameterValue');
    expect(
      await errorOf(
        rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'nope', DeletionProtection: true })),
      ),
    ).toBe('DBInstanceNotFound');
    expect(
      await errorOf(
        rds.send(new ModifyDBClusterCommand({ DBClusterIdentifier: 'nope', DeletionProtection: true })),
      ),
    ).toBe('DBClusterNotFoundFault');
    rds.destroy();
  });
});
