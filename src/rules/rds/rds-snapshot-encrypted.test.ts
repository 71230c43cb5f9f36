import { describe, it } from 'vitest';
import { expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-snapshot-encrypted.js';

const SNAPSHOT = 'AWS::RDS::DBSnapshot';

describe('rds-snapshot-encrypted', () => {
  // DB snapshots are a model-only type (no CloudFormation resource), so the cases are in memory.
  it('passes encrypted snapshots, fails unencrypted ones, and does not guess a missing flag', () => {
    expectResources(rule, [
      resource(SNAPSHOT, 'PassEncrypted', {
        DBSnapshotIdentifier: 'a',
        SnapshotType: 'manual',
        Encrypted: true,
      }),
      resource(SNAPSHOT, 'FailPlain', {
        DBSnapshotIdentifier: 'b',
        SnapshotType: 'manual',
        Encrypted: false,
      }),
      resource(SNAPSHOT, 'ErrorNoFlag', { DBSnapshotIdentifier: 'c', SnapshotType: 'automated' }),
    ]);
  });
});
