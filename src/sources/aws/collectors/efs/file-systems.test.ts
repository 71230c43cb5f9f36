/**
 * The EFS collector driven through the real SDK against the local endpoint with recorded responses
 * (one file system a page), and the rules on file systems run on what it collected: encryption at
 * rest, and AWS Backup coverage by automatic backups or by a backup selection on the tags. A backup
 * policy that could not be read is judged `error`, never a pass or a fail.
 */
import { describe, expect, it } from 'vitest';
import { createGraph } from '../../../../engine/index.js';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { allRules } from '../../../../rules/index.js';
import { resourceIn, useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { fileSystems } from './file-systems.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [fileSystems],
  now: NOW,
});

const FILE_SYSTEM = 'AWS::EFS::FileSystem';
const ACCOUNT = '111122223333';
/** Encrypted with a customer managed key, tagged backup=daily, automatic backups off. */
const HOME = 'fs-0a1b2c3d4e5f60001';
/** Unencrypted, provisioned throughput, no backup policy (PolicyNotFound). */
const CACHE = 'fs-0a1b2c3d4e5f60002';
/** One Zone, encrypted, automatic backups on; no Name tag. */
const REPORTS = 'fs-0a1b2c3d4e5f60003';

/** Every rule on EFS file systems, so a new one is run here too. */
const RULES = allRules.filter((r) => r.resourceTypes.includes(FILE_SYSTEM)).map((r) => r.id);
const ENCRYPTED = 'efs-file-system-encrypted';
const BACKUP = 'backup-resource-protected-by-plan';

const byId = (snapshot: Snapshot, id: string): Resource => resourceIn(snapshot, FILE_SYSTEM, id);

/** A live plan's selection of everything tagged backup=daily in the same account and region. */
function withSelection(snapshot: Snapshot): Snapshot {
  const selection: Resource = {
    type: 'AWS::Backup::BackupSelection',
    id: 'plan-1/daily',
    account: ACCOUNT,
    region: 'us-east-1',
    tags: {},
    origin: { source: 'aws' },
    props: {
      BackupPlanId: 'plan-1',
      BackupSelection: {
        SelectionName: 'daily',
        IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`,
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
      },
    },
  };
  return { ...snapshot, resources: [...snapshot.resources, selection] };
}

describe('efs/file-systems', () => {
  it('lists file systems page by page and reads each one’s backup policy', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'DescribeFileSystems');
    expect(lists).toHaveLength(3);
    expect(lists.every((r) => r.service === 'elasticfilesystem' && r.params.MaxItems === '100')).toBe(true);
    expect(lists[0]!.params.Marker).toBeUndefined();
    expect(lists.slice(1).every((r) => typeof r.params.Marker === 'string')).toBe(true);
    const policies = endpoint.log.filter((r) => r.operation === 'DescribeBackupPolicy');
    expect(policies.map((r) => r.status).sort()).toEqual([200, 200, 404]);
    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([HOME, CACHE, REPORTS]);
  });

  it('maps each file system to CloudFormation’s properties, its tags and its run-time state', async () => {
    const { snapshot } = await collect();
    const home = byId(snapshot, HOME);
    expect(home).toMatchObject({
      arn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/${HOME}`,
      name: 'shared-home',
      account: ACCOUNT,
      region: 'us-east-1',
      tags: { Name: 'shared-home', backup: 'daily' },
    });
    expect(home.props).toEqual({
      Encrypted: true,
      KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      PerformanceMode: 'generalPurpose',
      ThroughputMode: 'elastic',
      BackupPolicy: { Status: 'DISABLED' },
      FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
      FileSystemTags: [
        { Key: 'Name', Value: 'shared-home' },
        { Key: 'backup', Value: 'daily' },
      ],
    });
    expect(home.observed).toEqual({
      LifeCycleState: 'available',
      CreationTime: '2025-03-14T09:26:53.000Z',
      NumberOfMountTargets: 3,
      SizeInBytes: 52613349376,
    });

    // No backup policy at all (PolicyNotFound): automatic backups are off.
    expect(byId(snapshot, CACHE).props).toMatchObject({
      Encrypted: false,
      ThroughputMode: 'provisioned',
      ProvisionedThroughputInMibps: 128,
      BackupPolicy: { Status: 'DISABLED' },
    });
    expect(byId(snapshot, CACHE).props).not.toHaveProperty('KmsKeyId');

    const reports = byId(snapshot, REPORTS);
    expect(reports.name).toBeUndefined();
    expect(reports.props).toMatchObject({
      AvailabilityZoneName: 'us-east-1a',
      BackupPolicy: { Status: 'ENABLED' },
    });
    expect(reports.props).not.toHaveProperty('FileSystemTags');
    expect(reports.observed).toMatchObject({ AvailabilityZoneId: 'use1-az2' });
  });

  it('judges encryption and backup coverage of the file systems as collected', async () => {
    const { snapshot } = await collect();
    const { statuses } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses[ENCRYPTED]).toEqual({ [HOME]: 'pass', [CACHE]: 'fail', [REPORTS]: 'pass' });
    // Automatic backups alone protect the One Zone file system; no selection assigns the others.
    expect(statuses[BACKUP]).toEqual({ [HOME]: 'fail', [CACHE]: 'fail', [REPORTS]: 'pass' });
    // A selection by tag assigns the file system tagged backup=daily.
    const selected = statusesByRule(withSelection(snapshot), [BACKUP], NOW).statuses[BACKUP];
    expect(selected).toEqual({ [HOME]: 'pass', [CACHE]: 'fail', [REPORTS]: 'pass' });
  });

  it('leaves the backup policy it was denied unresolved, so the backup rule errs for that file system only', async () => {
    const { snapshot } = await collect({ deny: [`elasticfilesystem:DescribeBackupPolicy/${REPORTS}`] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: FILE_SYSTEM,
        resourceId: REPORTS,
        account: ACCOUNT,
      }),
    );
    expect(snapshot.coverage.every((g) => g.resourceId === REPORTS)).toBe(true);
    expect(isUnresolved(byId(snapshot, REPORTS).props.BackupPolicy)).toBe(true);
    // What the listing gives is still known.
    expect(byId(snapshot, REPORTS).props.Encrypted).toBe(true);
    const { statuses, findings } = statusesByRule(snapshot, RULES, NOW);
    expect(statuses[ENCRYPTED]).toEqual({ [HOME]: 'pass', [CACHE]: 'fail', [REPORTS]: 'pass' });
    expect(statuses[BACKUP]).toEqual({ [HOME]: 'fail', [CACHE]: 'fail', [REPORTS]: 'error' });
    expect(findings.find((f) => f.ruleId === BACKUP && f.resource.id === REPORTS)?.reason).toContain(
      'the backup policy of this file system could not be read',
    );
  });

  it('records a denied listing as a gap for the type, with no file systems', async () => {
    const { snapshot } = await collect({ deny: ['elasticfilesystem:DescribeFileSystems'] });
    expect(snapshot.resources.filter((r) => r.type === FILE_SYSTEM)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: FILE_SYSTEM, account: ACCOUNT }),
    ]);
    expect(snapshot.coverage[0]).not.toHaveProperty('resourceId');
    expect(
      createGraph(snapshot.resources, snapshot.coverage).unread(FILE_SYSTEM, ACCOUNT, 'us-east-1'),
    ).toBeDefined();
  });
});
