/**
 * The CloudWatch Logs log group collector driven through the real SDK against the local endpoint
 * with recorded responses: the listing page by page, CloudFormation's properties, the ARN without
 * DescribeLogGroups' trailing `:*`, and the data protection policy asked for only where one is active.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { logGroups } from './log-groups.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [logGroups],
  now: NOW,
});

const LOG_GROUP = 'AWS::Logs::LogGroup';
/** The trail's log group: a year's retention, a customer managed key. */
const TRAIL_GROUP = 'aws-cloudtrail-logs-org-audit';
/** Never expires, CloudWatch Logs' own key, a data protection policy. */
const PAYMENTS = 'payments-app';

const group = (snapshot: Snapshot, name: string): Resource =>
  snapshot.resources.find((r) => r.type === LOG_GROUP && r.id === name)!;

describe('logs/log-groups', () => {
  it('lists the log groups page by page', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'DescribeLogGroups');
    // One group per page: the second page asks with the first page's token.
    expect(lists).toHaveLength(2);
    expect(lists[0]!.params).toEqual({ limit: 50 });
    expect(lists[1]!.params).toEqual({ limit: 50, nextToken: expect.any(String) });
    expect(snapshot.resources.map((r) => `${r.type} ${r.id}`).sort()).toEqual([
      `${LOG_GROUP} ${TRAIL_GROUP}`,
      `${LOG_GROUP} ${PAYMENTS}`,
    ]);
  });

  it('maps retention, key, class and deletion protection to CloudFormation’s properties, id = name', async () => {
    const { snapshot } = await collect();
    const trail = group(snapshot, TRAIL_GROUP);
    expect(trail).toMatchObject({
      name: TRAIL_GROUP,
      region: 'us-east-1',
      account: '111122223333',
      // As `Fn::GetAtt Arn` gives it, not DescribeLogGroups' `arn` with `:*`.
      arn: 'arn:aws:logs:us-east-1:111122223333:log-group:aws-cloudtrail-logs-org-audit',
    });
    expect(trail.props).toEqual({
      LogGroupName: TRAIL_GROUP,
      RetentionInDays: 365,
      KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-0000-4000-8000-000000000001',
      LogGroupClass: 'STANDARD',
      DeletionProtectionEnabled: true,
    });
    expect(trail.observed).toEqual({
      CreationTime: '2023-11-14T22:13:20.000Z',
      StoredBytes: 52428800,
      MetricFilterCount: 1,
    });
    // No retention: the events never expire (CloudFormation leaves the property out); no key: AWS owned.
    const payments = group(snapshot, PAYMENTS);
    expect(payments.props).not.toHaveProperty('RetentionInDays');
    expect(payments.props).not.toHaveProperty('KmsKeyId');
    expect(payments.arn).toBe('arn:aws:logs:us-east-1:111122223333:log-group:payments-app');
  });

  it('reads the data protection policy of the group that has one active, and only of that group', async () => {
    const { snapshot, endpoint } = await collect();
    const calls = endpoint.log.filter((r) => r.operation === 'GetDataProtectionPolicy');
    expect(calls.map((r) => r.params)).toEqual([{ logGroupIdentifier: PAYMENTS }]);
    const payments = group(snapshot, PAYMENTS);
    expect(payments.props.DataProtectionPolicy).toMatchObject({
      Name: 'payments-data-protection',
      Version: '2021-06-01',
      Statement: [{ Sid: 'audit' }, { Sid: 'redact' }],
    });
    expect(payments.observed).toMatchObject({ DataProtectionStatus: 'ACTIVATED' });
    expect(group(snapshot, TRAIL_GROUP).props).not.toHaveProperty('DataProtectionPolicy');
  });

  it('leaves a data protection policy that could not be read unknown, and keeps the rest of the group', async () => {
    const { snapshot } = await collect({ deny: [`logs:GetDataProtectionPolicy/${PAYMENTS}`] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ kind: 'access-denied', resourceType: LOG_GROUP, resourceId: PAYMENTS }),
    );
    const payments = group(snapshot, PAYMENTS);
    expect(isUnresolved(payments.props.DataProtectionPolicy)).toBe(true);
    expect(payments.props).toMatchObject({ LogGroupName: PAYMENTS, LogGroupClass: 'STANDARD' });
    // A gap about one group's detail is no listing gap: the type was listed.
    expect(snapshot.coverage.filter((g) => g.kind === 'access-denied' && g.resourceId === undefined)).toEqual(
      [],
    );
  });

  it('records a gap for the type when the listing is denied, and produces no log groups', async () => {
    const { snapshot } = await collect({ deny: ['logs:DescribeLogGroups'] });
    expect(snapshot.resources.filter((r) => r.type === LOG_GROUP)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: LOG_GROUP,
        account: '111122223333',
        region: 'us-east-1',
      }),
    ]);
  });
});
