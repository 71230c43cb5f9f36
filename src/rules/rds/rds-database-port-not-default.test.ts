import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-database-port-not-default.js';

describe('rds-database-port-not-default', () => {
  it('compares the port (or its default) with the engine default, for instances and clusters', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-database-port-not-default.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailPostgresPortNotSet')?.reason).toContain(
      '5432 (Port not set)',
    );
  });
});
