import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './elasticache-replication-group-encrypted-at-rest.js';

describe('elasticache-replication-group-encrypted-at-rest', () => {
  it('passes the good state and the Valkey default, fails the Redis OSS default and errs on unknown values', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/elasticache-replication-group-encrypted-at-rest.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('PassValkeyDefault')).toContain('the Valkey default is on');
    expect(reason('FailNotSet')).toContain('the Redis OSS default is off');
  });
});
