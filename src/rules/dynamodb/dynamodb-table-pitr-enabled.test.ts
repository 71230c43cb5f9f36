import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-pitr-enabled.js';

describe('dynamodb-table-pitr-enabled', () => {
  it('requires PITR on the table, and on every replica of a global table', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-table-pitr-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailGlobalTableOneReplicaWithout')?.reason).toContain(
      'replica eu-central-1',
    );
  });
});
