import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-enhanced-monitoring-enabled.js';

describe('rds-instance-enhanced-monitoring-enabled', () => {
  it('needs an interval above 0 and a monitoring role', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-enhanced-monitoring-enabled.yaml', import.meta.url),
    );
  });
});
