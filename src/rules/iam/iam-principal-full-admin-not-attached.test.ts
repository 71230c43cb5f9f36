import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './iam-principal-full-admin-not-attached.js';

describe('iam-principal-full-admin-not-attached', () => {
  it('finds AdministratorAccess, inline and customer managed "*:*" policies', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/iam-principal-full-admin-not-attached.yaml', import.meta.url),
    );
  });
});
