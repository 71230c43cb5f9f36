import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-cluster-storage-encrypted.js';

describe('rds-cluster-storage-encrypted', () => {
  it('reads StorageEncrypted and cannot decide clusters restored from a snapshot', async () => {
    await expectFixture(rule, new URL('./fixtures/rds-cluster-storage-encrypted.yaml', import.meta.url));
  });
});
