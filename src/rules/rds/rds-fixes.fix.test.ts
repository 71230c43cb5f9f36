import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { unresolved } from '../../model/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import backupFix from './rds-instance-backup-enabled.fix.js';
import backupRule from './rds-instance-backup-enabled.js';
import clusterFix from './rds-cluster-deletion-protection-enabled.fix.js';
import clusterRule from './rds-cluster-deletion-protection-enabled.js';
import instanceFix from './rds-instance-deletion-protection-enabled.fix.js';
import instanceRule from './rds-instance-deletion-protection-enabled.js';

const graph = createGraph([]);
const db = (props: Record<string, unknown>) =>
  resource('AWS::RDS::DBInstance', 'orders', {
    DBInstanceIdentifier: 'orders',
    Engine: 'postgres',
    ...props,
  });

describe('fix rds-instance-backup-enabled', () => {
  it('sets the retention (default 7) and applies at once only when backups were off', () => {
    expect(
      callsOf(
        backupFix.plan(db({ BackupRetentionPeriod: 3 }), { params: backupFix.params!.parse({}), graph }),
      ),
    ).toEqual([
      {
        client: 'rds',
        operation: 'ModifyDBInstance',
        input: { DBInstanceIdentifier: 'orders', BackupRetentionPeriod: 7 },
      },
    ]);
    const off = backupFix.plan(db({ BackupRetentionPeriod: 0 }), {
      params: backupFix.params!.parse({ retentionDays: 14 }),
      graph,
    });
    expect(callsOf(off)).toEqual([
      {
        client: 'rds',
        operation: 'ModifyDBInstance',
        input: { DBInstanceIdentifier: 'orders', BackupRetentionPeriod: 14, ApplyImmediately: true },
      },
    ]);
    expect(stepsOf(off)[0]!.description).toContain('brief outage');
  });

  it('undoes to the captured retention, refuses what it cannot read', () => {
    const [step] = stepsOf(
      backupFix.plan(db({ BackupRetentionPeriod: 3 }), { params: backupFix.params!.parse({}), graph }),
    );
    expect(step!.capture).toMatchObject({
      operation: 'DescribeDBInstances',
      input: { DBInstanceIdentifier: 'orders' },
    });
    expect(step!.undo!({ DBInstances: [{ BackupRetentionPeriod: 3 }] })).toMatchObject({
      call: {
        operation: 'ModifyDBInstance',
        input: { DBInstanceIdentifier: 'orders', BackupRetentionPeriod: 3 },
      },
    });
    expect(step!.undo!({ DBInstances: [{ BackupRetentionPeriod: 0 }] })).toMatchObject({
      call: { input: { BackupRetentionPeriod: 0, ApplyImmediately: true } },
    });
    expect(step!.undo!(null)).toHaveProperty('irreversible');
    const unknown = db({ BackupRetentionPeriod: unresolved({ Ref: 'Retention' }, 'a parameter') });
    expect(backupFix.plan(unknown, { params: backupFix.params!.parse({}), graph })).toHaveProperty('cannot');
  });

  it('makes the failing template instances pass', () => {
    const url = new URL('./fixtures/rds-instance-backup-enabled.yaml', import.meta.url);
    expect(rescanFixed(backupRule, backupFix, url).outcomes).toEqual({
      FailBackupsOff: 'pass',
      FailDefaultOneDay: 'pass',
      FailThreeDays: 'pass',
    });
  });
});

describe('fix rds-instance-deletion-protection-enabled / rds-cluster-deletion-protection-enabled', () => {
  it('turns deletion protection on without ApplyImmediately (which would flush pending changes)', () => {
    expect(callsOf(instanceFix.plan(db({}), { params: {}, graph }))).toEqual([
      {
        client: 'rds',
        operation: 'ModifyDBInstance',
        input: { DBInstanceIdentifier: 'orders', DeletionProtection: true },
      },
    ]);
    const cluster = resource('AWS::RDS::DBCluster', 'ledger', { DBClusterIdentifier: 'ledger' });
    const plan = clusterFix.plan(cluster, { params: {}, graph });
    expect(callsOf(plan)).toEqual([
      {
        client: 'rds',
        operation: 'ModifyDBCluster',
        input: { DBClusterIdentifier: 'ledger', DeletionProtection: true },
      },
    ]);
    const [step] = stepsOf(plan);
    expect(step!.capture).toMatchObject({
      operation: 'DescribeDBClusters',
      input: { DBClusterIdentifier: 'ledger' },
    });
    expect(step!.undo!({ DBClusters: [{ DeletionProtection: false }] })).toMatchObject({
      call: {
        operation: 'ModifyDBCluster',
        input: { DBClusterIdentifier: 'ledger', DeletionProtection: false },
      },
    });
  });

  it('makes the failing template instances and clusters pass', () => {
    expect(
      rescanFixed(
        instanceRule,
        instanceFix,
        new URL('./fixtures/rds-instance-deletion-protection-enabled.yaml', import.meta.url),
      ).outcomes,
    ).toEqual({ FailDisabled: 'pass', FailNotSet: 'pass' });
    expect(
      rescanFixed(
        clusterRule,
        clusterFix,
        new URL('./fixtures/rds-cluster-deletion-protection-enabled.yaml', import.meta.url),
      ).outcomes,
    ).toEqual({ FailNotSet: 'pass' });
  });
});
