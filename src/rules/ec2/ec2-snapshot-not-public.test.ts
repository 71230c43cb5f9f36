import { describe, it } from 'vitest';
import { expectResources, resource, deniedListing } from '../../../test/rule-fixtures.js';
import rule from './ec2-snapshot-not-public.js';

const SNAPSHOT = 'AWS::EC2::Snapshot';

describe('ec2-snapshot-not-public', () => {
  it('fails a snapshot restorable by all, unless block-all-sharing is on', () => {
    expectResources(rule, [
      resource(SNAPSHOT, 'FailPublic', {}, { observed: { CreateVolumePermissions: [{ Group: 'all' }] } }),
      resource(
        SNAPSHOT,
        'PassSharedWithAccount',
        {},
        { observed: { CreateVolumePermissions: [{ UserId: '210987654321' }] } },
      ),
      resource(SNAPSHOT, 'PassPrivateFlag', {}, { observed: { Public: false } }),
      resource(SNAPSHOT, 'NotApplicableNotCollected', {}, { observed: { State: 'completed' } }),
    ]);
    expectResources(rule, [
      resource('AWS::EC2::SnapshotBlockPublicAccess', 'block', { State: 'block-all-sharing' }),
      resource(
        SNAPSHOT,
        'PassBlockedAccountWide',
        {},
        { observed: { CreateVolumePermissions: [{ Group: 'all' }] } },
      ),
    ]);
    expectResources(rule, [
      resource('AWS::EC2::SnapshotBlockPublicAccess', 'block', { State: 'block-new-sharing' }),
      resource(SNAPSHOT, 'FailNewSharingOnlyBlocked', {}, { observed: { Public: true } }),
    ]);
  });
  it('does not fail a public snapshot when the block setting could not be read', () => {
    expectResources(
      rule,
      [
        resource(SNAPSHOT, 'ErrorBlockUnread', {}, { observed: { Public: true } }),
        resource(SNAPSHOT, 'FailBlockReadElsewhere', {}, { observed: { Public: true }, region: 'eu-west-1' }),
      ],
      { coverage: [deniedListing('AWS::EC2::SnapshotBlockPublicAccess')] },
    );
  });
});
