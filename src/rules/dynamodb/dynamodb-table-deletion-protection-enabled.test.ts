import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './dynamodb-table-deletion-protection-enabled.js';

describe('dynamodb-table-deletion-protection-enabled', () => {
  it('checks tables and every replica of a global table', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/dynamodb-table-deletion-protection-enabled.yaml', import.meta.url),
    );
    expect(findings.find((f) => f.resource.id === 'FailGlobalOneReplicaOff')?.reason).toContain(
      'ap-southeast-1',
    );
  });
});
