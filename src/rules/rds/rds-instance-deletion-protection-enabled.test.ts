import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-deletion-protection-enabled.js';

describe('rds-instance-deletion-protection-enabled', () => {
  it('passes protected instances, fails unprotected ones, skips cluster members', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-deletion-protection-enabled.yaml', import.meta.url),
    );
  });
});
