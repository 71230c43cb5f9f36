import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './efs-file-system-encrypted.js';

describe('efs-file-system-encrypted', () => {
  it('passes encrypted file systems and fails unencrypted or unset ones', async () => {
    await expectFixture(rule, new URL('./fixtures/efs-file-system-encrypted.yaml', import.meta.url));
  });
});
