import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-cluster-deletion-protection-enabled.js';

describe('rds-cluster-deletion-protection-enabled', () => {
  it('passes protected clusters and fails unprotected ones', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-cluster-deletion-protection-enabled.yaml', import.meta.url),
    );
  });
});
