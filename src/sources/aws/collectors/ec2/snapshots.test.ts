/**
 * `ec2/snapshots` driven through the real SDK against the local endpoint with recorded responses:
 * the account's snapshots, and those any account may restore (`--restorable-by-user-ids all`),
 * which `ec2-snapshot-not-public` then judges. A public listing that could not be read gives
 * `error`, never a pass.
 */
import { describe, expect, it } from 'vitest';
import { isUnresolved } from '../../../../model/index.js';
import { useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { snapshots } from './snapshots.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded-snapshots', import.meta.url),
  collectors: [snapshots],
  now: NOW,
});

const RULE = 'ec2-snapshot-not-public';
const PRIVATE = 'snap-0aaaaaaaaaaaaaaa1';
const PUBLIC = 'snap-0bbbbbbbbbbbbbbb2';

describe('ec2/snapshots', () => {
  it('marks the snapshots any account may restore, and the rule fails them', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const asked = endpoint.log.filter((r) => r.operation === 'DescribeSnapshots').map((r) => r.params);
    expect(asked).toContainEqual(expect.objectContaining({ 'Owner.1': 'self', 'RestorableBy.1': 'all' }));
    const byId = Object.fromEntries(snapshot.resources.map((r) => [r.id, r]));
    expect(byId[PRIVATE]?.observed?.Public).toBe(false);
    expect(byId[PUBLIC]?.observed?.Public).toBe(true);
    expect(statusesByRule(snapshot, [RULE], NOW).statuses[RULE]).toEqual({
      [PRIVATE]: 'pass',
      [PUBLIC]: 'fail',
    });
  });

  it('leaves who may restore them unknown when the public listing is denied', async () => {
    const { snapshot } = await collect({ deny: ['ec2:DescribeSnapshots/all'] });
    expect(snapshot.resources).toHaveLength(2);
    for (const r of snapshot.resources) expect(isUnresolved(r.observed?.Public)).toBe(true);
    // A gap about the permissions, not a failed listing of the snapshots themselves.
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        kind: 'access-denied',
        resourceType: 'AWS::EC2::Snapshot',
        path: 'createVolumePermission',
      }),
    ]);
    expect(statusesByRule(snapshot, [RULE], NOW).statuses[RULE]).toEqual({
      [PRIVATE]: 'error',
      [PUBLIC]: 'error',
    });
  });
});
