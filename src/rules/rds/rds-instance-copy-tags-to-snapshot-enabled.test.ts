import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-copy-tags-to-snapshot-enabled.js';

describe('rds-instance-copy-tags-to-snapshot-enabled', () => {
  it('passes instances that copy tags, fails the default, skips cluster members', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-copy-tags-to-snapshot-enabled.yaml', import.meta.url),
    );
  });
});
