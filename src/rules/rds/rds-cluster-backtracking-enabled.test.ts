import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-cluster-backtracking-enabled.js';

describe('rds-cluster-backtracking-enabled', () => {
  it('checks Aurora MySQL clusters only', async () => {
    await expectFixture(rule, new URL('./fixtures/rds-cluster-backtracking-enabled.yaml', import.meta.url));
  });
});
