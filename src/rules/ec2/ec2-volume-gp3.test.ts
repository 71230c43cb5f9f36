import { describe, expect, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ec2-volume-gp3.js';

describe('ec2-volume-gp3', () => {
  it('fails gp2, including the default, with the monthly saving of an equivalent gp3', async () => {
    const findings = await expectFixture(rule, new URL('./fixtures/ec2-volume-gp3.yaml', import.meta.url));
    const reason = (id: string) => findings.find((f) => f.resource.id === id)?.reason;
    expect(reason('FailGp2')).toBe(
      'EBS volume FailGp2 is gp2: 100 GiB costs $10.00 a month; gp3 with the same 300 IOPS and 128 MiB/s costs $8.12, saving $1.88 a month.',
    );
    // 1,000 GiB of gp2 has 3,000 IOPS and 250 MiB/s: gp3 needs 125 MiB/s more throughput.
    expect(reason('FailDefaultType')).toContain(
      '(no VolumeType, so the default gp2): 1000 GiB costs $100.00 a month; gp3 with the same 3000 IOPS and 250 MiB/s costs $85.00, saving $15.00',
    );
  });
});
