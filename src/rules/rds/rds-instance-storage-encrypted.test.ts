import { describe, expect, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-storage-encrypted.js';

describe('rds-instance-storage-encrypted', () => {
  it('reads StorageEncrypted, and inherits it from the source of a read replica', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-storage-encrypted.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailReplicaOfUnencrypted')?.reason).toContain(
      'read replica of FailNotSet',
    );
  });

  it('inherits encryption from the snapshot an instance is restored from', () => {
    expectResources(rule, [
      resource('AWS::RDS::DBSnapshot', 'snap-enc', { Encrypted: true }),
      resource('AWS::RDS::DBSnapshot', 'snap-plain', { Encrypted: false }),
      resource('AWS::RDS::DBInstance', 'PassFromEncryptedSnapshot', { DBSnapshotIdentifier: 'snap-enc' }),
      resource('AWS::RDS::DBInstance', 'FailFromPlainSnapshot', { DBSnapshotIdentifier: 'snap-plain' }),
      resource('AWS::RDS::DBInstance', 'ErrorFromMissingSnapshot', { DBSnapshotIdentifier: 'snap-gone' }),
    ]);
  });
});
