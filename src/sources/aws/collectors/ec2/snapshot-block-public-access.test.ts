/**
 * `ec2/snapshot-block-public-access` driven through the real SDK against the local endpoint with
 * recorded responses (`block-all-sharing` in us-east-1, `unblocked` in eu-west-1), and
 * `ec2-snapshot-not-public` run on what was collected. This collector runs alone here, so the
 * public snapshot of each region is added to the collected snapshot as the snapshot collector would
 * give it (`snapshots.test.ts`). A setting that could not be read gives `error`.
 */
import { describe, expect, it } from 'vitest';
import type { Resource, Snapshot } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { snapshotBlockPublicAccess } from './snapshot-block-public-access.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const ACCOUNT = '111122223333';
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [snapshotBlockPublicAccess],
  now: NOW,
  regions: ['us-east-1', 'eu-west-1'],
});

/** An answer without a state (AWS always sends one). */
const collectStateless = useRecordedCollection({
  recorded: new URL('./recorded-no-state', import.meta.url),
  collectors: [snapshotBlockPublicAccess],
  now: NOW,
});

const TYPE = 'AWS::EC2::SnapshotBlockPublicAccess';
const RULE = 'ec2-snapshot-not-public';

/** A snapshot shared with `all` in the region, as `describe-snapshot-attribute` shows it. */
const publicSnapshot = (region: string): Resource => ({
  type: 'AWS::EC2::Snapshot',
  id: `snap-public-${region}`,
  account: ACCOUNT,
  region,
  tags: {},
  props: {},
  observed: { CreateVolumePermissions: [{ Group: 'all' }] },
  origin: { source: 'describe-json' },
});
const withPublicSnapshots = (snapshot: Snapshot): Snapshot => ({
  ...snapshot,
  resources: [...snapshot.resources, publicSnapshot('us-east-1'), publicSnapshot('eu-west-1')],
});

describe('ec2/snapshot-block-public-access', () => {
  it('reads the state of each region into one resource per account and region', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const calls = endpoint.log.filter((r) => r.operation === 'GetSnapshotBlockPublicAccessState');
    expect(calls.map((r) => r.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    const settings = snapshot.resources.filter((r) => r.type === TYPE);
    expect(settings.map((r) => [r.region, r.id, r.props, r.observed])).toEqual(
      expect.arrayContaining([
        ['us-east-1', ACCOUNT, { State: 'block-all-sharing' }, { ManagedBy: 'account' }],
        ['eu-west-1', ACCOUNT, { State: 'unblocked' }, { ManagedBy: 'declarative-policy' }],
      ]),
    );
    expect(settings).toHaveLength(2);
  });

  it('lets block-all-sharing pass a public snapshot and unblocked fail one', async () => {
    const { snapshot } = await collect();
    const { statuses } = statusesByRule(withPublicSnapshots(snapshot), [RULE], NOW);
    expect(statuses[RULE]).toEqual({
      'snap-public-us-east-1': 'pass',
      'snap-public-eu-west-1': 'fail',
    });
  });

  it('records a gap when the call is denied, and the rule gives error rather than fail', async () => {
    const { snapshot } = await collect({ deny: ['ec2:GetSnapshotBlockPublicAccessState'] });
    expect(snapshot.resources.filter((r) => r.type === TYPE)).toEqual([]);
    expect(snapshot.coverage).toEqual(
      expect.arrayContaining(
        ['us-east-1', 'eu-west-1'].map((region) =>
          expect.objectContaining({ kind: 'access-denied', resourceType: TYPE, account: ACCOUNT, region }),
        ),
      ),
    );
    expect(snapshot.coverage).toHaveLength(2);
    const { statuses } = statusesByRule(withPublicSnapshots(snapshot), [RULE], NOW);
    expect(statuses[RULE]).toEqual({
      'snap-public-us-east-1': 'error',
      'snap-public-eu-west-1': 'error',
    });
  });

  it('records a gap, not an unblocked setting, for an answer without a state', async () => {
    const { snapshot } = await collectStateless();
    expect(snapshot.resources.filter((r) => r.type === TYPE)).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'api-error', resourceType: TYPE, region: 'us-east-1' }),
    ]);
  });
});
