import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-iam-authentication-enabled.js';

describe('rds-instance-iam-authentication-enabled', () => {
  it('checks MySQL, MariaDB and PostgreSQL instances and skips other engines', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-iam-authentication-enabled.yaml', import.meta.url),
    );
  });
});
