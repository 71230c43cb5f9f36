/**
 * The DynamoDB table collector driven through the real SDK against the local endpoint with recorded
 * responses, and the point-in-time recovery rule run on what it collected.
 */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../../model/index.js';
import { type Faults } from '../../../../../test/aws-endpoint/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { runRules } from '../../../../engine/index.js';
import pitrRule from '../../../../rules/dynamodb/dynamodb-table-pitr-enabled.js';
import backupRule from '../../../../rules/backup/backup-resource-protected-by-plan.js';
import { tables } from './tables.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collectRecorded = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [tables],
  now: NOW,
});

async function collect(faults: Faults = {}): Promise<Snapshot> {
  return (await collectRecorded(faults)).snapshot;
}

const table = (snapshot: Snapshot, id: string) =>
  snapshot.resources.find((r) => r.type === 'AWS::DynamoDB::Table' && r.id === id)!;

function pitr(snapshot: Snapshot) {
  const { findings } = runRules(snapshot, { rules: [pitrRule], now: NOW });
  return {
    statuses: Object.fromEntries(findings.map((f) => [f.resource.id, f.status])),
    reason: (id: string) => findings.find((f) => f.resource.id === id)?.reason,
  };
}

describe('dynamodb/tables', () => {
  it('maps the continuous backups of each table into PointInTimeRecoverySpecification', async () => {
    const snapshot = await collect();
    expect(snapshot.coverage).toEqual([]);
    expect(table(snapshot, 'orders').props.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table(snapshot, 'orders').observed?.EarliestRestorableDateTime).toBe('2025-11-13T02:13:20.000Z');
    expect(table(snapshot, 'events').props.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: false,
    });
    expect(pitr(snapshot).statuses).toEqual({ orders: 'pass', events: 'fail' });
  });

  it('a denied DescribeContinuousBackups is a gap naming the table, and the PITR rule errs', async () => {
    const snapshot = await collect({ deny: ['dynamodb:DescribeContinuousBackups'] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: 'AWS::DynamoDB::Table',
        resourceId: 'orders',
      }),
    );
    expect(table(snapshot, 'orders').props.PointInTimeRecoverySpecification).toMatchObject({
      $unresolved: true,
    });
    const result = pitr(snapshot);
    expect(result.statuses).toEqual({ orders: 'error', events: 'error' });
    expect(result.reason('orders')).toMatch(/continuous backups of this table could not be read/);
  });

  it('reads the tags of each table over several pages, and leaves them unknown when the call is denied', async () => {
    const snapshot = await collect();
    expect(table(snapshot, 'orders').tags).toEqual({ backup: 'daily', team: 'payments' });
    expect(table(snapshot, 'orders').props.Tags).toEqual([
      { Key: 'backup', Value: 'daily' },
      { Key: 'team', Value: 'payments' },
    ]);
    expect(table(snapshot, 'events').tags).toEqual({});
    expect(table(snapshot, 'events').props.Tags).toBeUndefined();

    const denied = await collect({ deny: ['dynamodb:ListTagsOfResource'] });
    expect(denied.coverage).toContainEqual(
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: 'AWS::DynamoDB::Table',
        resourceId: 'orders',
      }),
    );
    expect(table(denied, 'orders').props.Tags).toMatchObject({ $unresolved: true });
  });

  it('lets a backup selection by tag judge the collected tables, and not judge them when tags are unknown', async () => {
    // A live plan's selection of everything tagged backup=daily in the same account and region.
    const selection = (snapshot: Snapshot): Snapshot => ({
      ...snapshot,
      resources: [
        ...snapshot.resources,
        {
          type: 'AWS::Backup::BackupSelection',
          id: 'plan-1/daily',
          account: table(snapshot, 'orders').account,
          region: 'us-east-1',
          tags: {},
          origin: { source: 'aws' },
          props: {
            BackupPlanId: 'plan-1',
            BackupSelection: {
              SelectionName: 'daily',
              IamRoleArn: 'arn:aws:iam::111122223333:role/backup',
              ListOfTags: [
                { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' },
              ],
            },
          },
        },
      ],
    });
    const statuses = (snapshot: Snapshot) =>
      Object.fromEntries(
        runRules(selection(snapshot), { rules: [backupRule], now: NOW }).findings.map((f) => [
          f.resource.id,
          f.status,
        ]),
      );
    expect(statuses(await collect())).toEqual({ orders: 'pass', events: 'fail' });
    expect(statuses(await collect({ deny: ['dynamodb:ListTagsOfResource'] }))).toEqual({
      orders: 'error',
      events: 'error',
    });
  });
});
