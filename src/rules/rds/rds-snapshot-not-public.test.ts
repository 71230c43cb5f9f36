import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-snapshot-not-public.js';

const SNAPSHOT = 'AWS::RDS::DBSnapshot';
const restore = (...values: string[]) => ({
  observed: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: values }] },
});

describe('rds-snapshot-not-public', () => {
  // Sharing attributes are only known from a live read, so the cases are in memory.
  it('fails snapshots restorable by all, passes private or account-shared ones', () => {
    expectResources(rule, [
      resource(SNAPSHOT, 'FailPublic', { SnapshotType: 'manual' }, restore('all')),
      resource(SNAPSHOT, 'PassSharedWithOneAccount', { SnapshotType: 'manual' }, restore('210987654321')),
      resource(SNAPSHOT, 'PassNotShared', { SnapshotType: 'manual' }, restore()),
      resource(SNAPSHOT, 'PassAutomated', { SnapshotType: 'automated' }),
      resource(SNAPSHOT, 'ErrorAttributesNotCollected', { SnapshotType: 'manual' }),
    ]);
  });
});
