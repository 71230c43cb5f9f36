import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './rds-instance-public-access-disabled.js';

describe('rds-instance-public-access-disabled', () => {
  it('reads PubliclyAccessible, and its default from the internet gateway of the subnet group VPC', async () => {
    const findings = await expectFixture(
      rule,
      new URL('./fixtures/rds-instance-public-access-disabled.yaml', import.meta.url),
    );
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailDefaultInVpcWithGateway')).toContain('has an internet gateway');
    expect(reason('ErrorDefaultVpc')).toContain('default VPC');
  });
});
