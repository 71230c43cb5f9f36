import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-auto-minor-version-upgrade-enabled.js';

describe('rds-instance-auto-minor-version-upgrade-enabled', () => {
  it('passes the default and explicit true, fails false', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-auto-minor-version-upgrade-enabled.yaml', import.meta.url),
    );
  });
});
